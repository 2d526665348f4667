package eu.federa.billing;

import java.time.Instant;

/**
 * One metered interval, [from, until), of one resource in one state, within one billing month.
 *
 * @param state {@code RUNNING} (compute, GPUs and disk are charged) or {@code POWEROFF} (disk and
 *     public addresses only)
 * @param publicIps public addresses held, charged in either state
 */
public record UsageRecord(
    long tenantId,
    Long projectId,
    long orderId,
    String resourceName,
    String kind,
    String state,
    long providerId,
    String providerName,
    String countryCode,
    int vcpu,
    long memoryMib,
    int diskGib,
    int gpus,
    String gpuModel,
    Instant from,
    Instant until,
    int publicIps) {

  public static final String RUNNING = "RUNNING";
  public static final String POWEROFF = "POWEROFF";

  public boolean running() {
    return RUNNING.equals(state);
  }
}
