package eu.federa.ai;

import java.util.Set;

/**
 * Who calls the gateway: an API key that works now, with what it may reach and its limits.
 *
 * @param serviceIds the endpoints it may call, when not all of the organisation's
 */
public record GatewayCaller(
    long keyId,
    long tenantId,
    Long projectId,
    String keyPrefix,
    boolean allEndpoints,
    Set<Long> serviceIds,
    Integer requestsPerMinute,
    Integer tokensPerMinute) {

  public GatewayCaller {
    serviceIds = Set.copyOf(serviceIds);
  }

  public boolean reaches(long serviceId) {
    return allEndpoints || serviceIds.contains(serviceId);
  }

  public boolean limited() {
    return requestsPerMinute != null || tokensPerMinute != null;
  }
}
