package eu.federa.ai;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An API key as its list shows it (never the secret).
 *
 * @param status ACTIVE, EXPIRED, REVOKED, or CREATOR_LEFT (its creator left the organisation and no
 *     tenant admin kept it for the project)
 * @param endpoints the names of the endpoints it reaches; empty when it reaches all
 */
public record KeyView(
    long id,
    String name,
    String prefix,
    Long projectId,
    String projectName,
    boolean allEndpoints,
    List<String> endpoints,
    Integer requestsPerMinute,
    Integer tokensPerMinute,
    String createdByName,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    String status)
    implements Serializable {

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  public boolean isCreatorLeft() {
    return "CREATOR_LEFT".equals(status);
  }
}
