package eu.federa.cloud;

import java.util.List;

/**
 * A hypervisor host of a provider, with its capacity in the units Federa uses.
 *
 * @param maxCpuPercent schedulable CPU in percent of a core (OpenNebula's MAX_CPU: 100 = 1 core)
 * @param allocatedCpuPercent CPU given to VMs (CPU_USAGE)
 * @param maxMemoryKib schedulable memory (MAX_MEM)
 * @param allocatedMemoryKib memory given to VMs (MEM_USAGE)
 */
public record Host(
    int id,
    String name,
    HostState state,
    int clusterId,
    String clusterName,
    long maxCpuPercent,
    long allocatedCpuPercent,
    long maxMemoryKib,
    long allocatedMemoryKib,
    long freeDiskMib,
    int runningVms,
    List<PciDevice> pciDevices) {

  public Host {
    pciDevices = List.copyOf(pciDevices);
  }

  public double totalCores() {
    return CapacityUnits.cores(maxCpuPercent);
  }

  public double freeCores() {
    return CapacityUnits.freeCores(maxCpuPercent, allocatedCpuPercent);
  }

  public long totalMemoryMib() {
    return CapacityUnits.mib(maxMemoryKib);
  }

  public long freeMemoryMib() {
    return CapacityUnits.freeMib(maxMemoryKib, allocatedMemoryKib);
  }

  public List<PciDevice> gpus() {
    return pciDevices.stream().filter(PciDevice::isGpu).toList();
  }

  public long freeGpuCount() {
    return pciDevices.stream().filter(PciDevice::isGpu).filter(PciDevice::isFree).count();
  }
}
