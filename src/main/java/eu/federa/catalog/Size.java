package eu.federa.catalog;

import eu.federa.platform.validation.Between;
import eu.federa.platform.validation.Text;
import java.io.Serializable;

/**
 * A size of the catalog.
 *
 * @param gpuClass PCI class of the GPUs (0302 for data-centre GPUs), or null without GPUs
 * @param gpuModel part of the GPU's device name (H100), or null for any model of the class
 */
public record Size(
    @CatalogCode String code,
    @Text(max = 100) String name,
    @Between(min = 1, max = 512) int vcpu,
    long memoryMib,
    int diskGib,
    @Between(min = 0, max = 16) int gpus,
    String gpuClass,
    String gpuModel,
    int gpuMemoryGib)
    implements Serializable {

  public Size(
      String code,
      String name,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String gpuClass,
      String gpuModel) {
    this(code, name, vcpu, memoryMib, diskGib, gpus, gpuClass, gpuModel, 0);
  }

  /**
   * Its GPUs as the catalog shows them: "2 × H100", "1" when any model of the class will do, "—"
   * without GPUs.
   */
  public String gpuLabel() {
    if (gpus <= 0) {
      return "\u2014";
    }
    return gpuModel == null || gpuModel.isBlank()
        ? String.valueOf(gpus)
        : gpus + " \u00d7 " + gpuModel;
  }

  /** GPU memory of all its GPUs together. */
  public int totalGpuMemoryGib() {
    return gpus * gpuMemoryGib;
  }

  public long memoryGib() {
    return memoryMib / 1024;
  }
}
