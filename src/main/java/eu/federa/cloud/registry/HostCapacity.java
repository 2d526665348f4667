package eu.federa.cloud.registry;

import java.math.BigDecimal;
import java.util.List;

/**
 * A host of the federation as the last sync saw it, with its provider's facts: what placement
 * reads. {@code generation} changes with every placement claim on the host, so that a claim made on
 * a stale view is detected.
 *
 * @param usable the provider is enabled and answered its last check
 * @param freeGpus the GPUs not attached to a VM
 * @param publicAddresses whether the provider offers public addresses (it names a network for them)
 */
public record HostCapacity(
    long hostId,
    long generation,
    long providerId,
    String providerName,
    String countryCode,
    List<String> certifications,
    boolean edgeSite,
    BigDecimal latitude,
    BigDecimal longitude,
    boolean usable,
    boolean monitored,
    String hostName,
    int clusterId,
    String clusterName,
    double totalCores,
    double freeCores,
    long freeMemoryMib,
    long freeDiskMib,
    List<FreeGpu> freeGpus,
    boolean publicAddresses,
    BigDecimal pue,
    Double forecastPeakCpuPercent) {

  public HostCapacity {
    certifications = List.copyOf(certifications);
    freeGpus = List.copyOf(freeGpus);
  }

  /** A free GPU: its PCI short address (which device), class and name. */
  public record FreeGpu(String shortAddress, String pciClass, String deviceName) {}
}
