package eu.federa.cloud;

import java.time.Instant;

/**
 * One monitoring record of a host ({@code one.hostpool.monitoring}): what its VMs really use, not
 * what they were allocated. CPU in percent of a core (100 = one CPU), memory in KiB.
 */
public record HostSample(
    int hostId,
    Instant at,
    double usedCpu,
    double freeCpu,
    long usedMemoryKib,
    long freeMemoryKib) {

  /** The share of the host's CPU in use, 0 to 100; NaN when the record has no CPU figures. */
  public double cpuPercent() {
    double total = usedCpu + freeCpu;
    return total <= 0 ? Double.NaN : Math.min(100, Math.max(0, 100 * usedCpu / total));
  }

  /** The share of the host's memory in use, 0 to 100; NaN when the record has no memory figures. */
  public double memoryPercent() {
    long total = usedMemoryKib + freeMemoryKib;
    return total <= 0 ? Double.NaN : Math.min(100, Math.max(0, 100.0 * usedMemoryKib / total));
  }
}
