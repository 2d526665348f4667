package eu.federa.cloud;

import java.time.Instant;

/** One monitoring sample of a VM. */
public record VmMonitoring(int vmId, Instant timestamp, double cpuPercent, long memoryKib) {}
