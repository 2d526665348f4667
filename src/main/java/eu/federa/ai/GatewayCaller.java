package eu.federa.ai;

import java.util.Set;

/**
 * Who calls the gateway: an API key that works now, with what it may reach and its limits.
 *
 * @param serviceIds the endpoints it may call, when not all of the organisation's
 * @param projectRequestsPerMinute the limit of its project's keys together (null: none)
 * @param projectTokensPerMinute the same for tokens
 */
public record GatewayCaller(
    long keyId,
    long tenantId,
    Long projectId,
    String keyPrefix,
    boolean allEndpoints,
    Set<Long> serviceIds,
    Integer requestsPerMinute,
    Integer tokensPerMinute,
    Integer projectRequestsPerMinute,
    Integer projectTokensPerMinute) {

  public GatewayCaller {
    serviceIds = Set.copyOf(serviceIds);
  }

  /** Whether the key may call the endpoint (see {@link #projectReaches}). */
  public boolean reaches(long serviceId, Long endpointProjectId) {
    return projectReaches(projectId, endpointProjectId)
        && (allEndpoints || serviceIds.contains(serviceId));
  }

  /**
   * The projects' rule: an endpoint of the organisation itself answers every key of the
   * organisation; an endpoint of a project answers only the keys held for that project.
   */
  public static boolean projectReaches(Long keyProjectId, Long endpointProjectId) {
    return endpointProjectId == null || endpointProjectId.equals(keyProjectId);
  }

  public boolean limited() {
    return requestsPerMinute != null || tokensPerMinute != null || projectLimited();
  }

  /** Whether its project's keys have limits together. */
  public boolean projectLimited() {
    return projectId != null
        && (projectRequestsPerMinute != null || projectTokensPerMinute != null);
  }
}
