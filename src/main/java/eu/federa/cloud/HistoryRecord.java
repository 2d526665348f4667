package eu.federa.cloud;

import java.time.Instant;

/**
 * One stay of a VM on a host, as OpenNebula's accounting reports it. Times are {@code null} while
 * the phase has not started or ended (OpenNebula's 0).
 */
public record HistoryRecord(
    int vmId,
    int sequence,
    String hostName,
    int hostId,
    int clusterId,
    Instant start,
    Instant end,
    Instant prologStart,
    Instant prologEnd,
    Instant runningStart,
    Instant runningEnd,
    Instant epilogStart,
    Instant epilogEnd,
    int action) {}
