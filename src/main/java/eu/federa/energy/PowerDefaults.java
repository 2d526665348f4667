package eu.federa.energy;

import java.util.List;
import java.util.Locale;

/**
 * The power models used where a provider has not given its own: by hardware class for hosts, by
 * model for GPUs (full power is the data sheet's board power; idle is taken as a tenth of it), and
 * the PUE of an average data centre. Federa's assumptions, documented in docs/energy.md.
 */
public final class PowerDefaults {

  private PowerDefaults() {}

  /** A two-socket general-purpose server of a core site. */
  public static final PowerModel CORE_HOST = new PowerModel(150, 500);

  /** A compact single-socket server of an edge site. */
  public static final PowerModel EDGE_HOST = new PowerModel(60, 200);

  /**
   * The average annual PUE reported by the Uptime Institute's Global Data Center Survey 2023
   * (1.58).
   */
  public static final double PUE = 1.58;

  /** A host's CPU utilisation assumed when none has been measured yet. */
  public static final double HOST_CPU_USE = 0.5;

  /** A held GPU's use assumed where its VMs' monitoring gives no figure. */
  public static final double GPU_USE = 0.6;

  /** The host class's model. */
  public static PowerModel host(boolean edgeSite) {
    return edgeSite ? EDGE_HOST : CORE_HOST;
  }

  /**
   * A GPU model's board power from its vendor's data sheet.
   *
   * @param model how the model is shown
   * @param nameHolds what a device name holds (all of them, in upper case) to be of this model
   */
  public record GpuBoard(String model, List<String> nameHolds, int boardWatts) {}

  /** The GPU models known, the first whose words a device name holds deciding. */
  public static final List<GpuBoard> GPU_BOARDS =
      List.of(
          new GpuBoard("H100 PCIe", List.of("H100", "PCIE"), 350),
          new GpuBoard("H100 SXM", List.of("H100"), 700),
          new GpuBoard("H200", List.of("H200"), 700),
          new GpuBoard("A100 PCIe", List.of("A100", "PCIE"), 300),
          new GpuBoard("A100 SXM", List.of("A100"), 400),
          new GpuBoard("L40, L40S", List.of("L40"), 350),
          new GpuBoard("L4", List.of("L4"), 72));

  /** The board power of a GPU not among {@link #GPU_BOARDS}. */
  public static final int OTHER_GPU_WATTS = 300;

  /** A GPU's model from its device name (e.g. {@code H100 SXM5 80GB}); 300 W when unknown. */
  public static PowerModel gpu(String deviceName) {
    String name = deviceName == null ? "" : deviceName.toUpperCase(Locale.ROOT);
    double board =
        GPU_BOARDS.stream()
            .filter(b -> b.nameHolds().stream().allMatch(name::contains))
            .findFirst()
            .map(GpuBoard::boardWatts)
            .orElse(OTHER_GPU_WATTS);
    return new PowerModel(board / 10, board);
  }
}
