package eu.federa.cloud;

import java.time.Instant;

/**
 * One monitoring sample of a VM. {@code gpuPercent} is the mean utilisation of the GPUs the VM
 * holds (OpenNebula 7's {@code GPU_UTILIZATION}), NaN when the record has none (no GPU, or a
 * provider whose probes do not report it).
 */
public record VmMonitoring(
    int vmId, Instant timestamp, double cpuPercent, long memoryKib, double gpuPercent) {

  public VmMonitoring(int vmId, Instant timestamp, double cpuPercent, long memoryKib) {
    this(vmId, timestamp, cpuPercent, memoryKib, Double.NaN);
  }
}
