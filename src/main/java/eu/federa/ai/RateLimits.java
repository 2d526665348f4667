package eu.federa.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A key's requests and tokens per minute, and those of a project's keys together, counted in the
 * database so that the limits hold across every node: a request is counted as it is admitted (an
 * atomic upsert of the minute's row), its tokens once it is answered. Minutes are fixed windows in
 * UTC; a refusal says how long until the next one.
 */
@ApplicationScoped
public class RateLimits {

  /** Whether a request may go on, or how many seconds until it may. */
  public record Admission(boolean admitted, long retryAfterSeconds, String what) {}

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;

  /**
   * Counts the request in its key's minute (when the key has limits) and in its project's (when the
   * project's keys have limits together), and says whether both allow it.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Admission admit(GatewayCaller caller) {
    Instant now = clock.instant();
    LocalDateTime minute =
        LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
    long retryAfter = Math.max(1, 60 - (now.getEpochSecond() % 60));
    if (caller.requestsPerMinute() != null || caller.tokensPerMinute() != null) {
      long[] used = count(KEY_WINDOW, caller.keyId(), minute);
      if (caller.requestsPerMinute() != null && used[0] > caller.requestsPerMinute()) {
        return new Admission(false, retryAfter, "requests");
      }
      if (caller.tokensPerMinute() != null && used[1] >= caller.tokensPerMinute()) {
        return new Admission(false, retryAfter, "tokens");
      }
    }
    if (caller.projectLimited()) {
      long[] used = count(PROJECT_WINDOW, caller.projectId(), minute);
      if (caller.projectRequestsPerMinute() != null
          && used[0] > caller.projectRequestsPerMinute()) {
        return new Admission(false, retryAfter, "projectRequests");
      }
      if (caller.projectTokensPerMinute() != null && used[1] >= caller.projectTokensPerMinute()) {
        return new Admission(false, retryAfter, "projectTokens");
      }
    }
    return new Admission(true, 0, null);
  }

  /** The minute windows: of a key, of a project's keys together. */
  private record Window(String table, String owner) {}

  private static final Window KEY_WINDOW = new Window("ai_rate_window", "key_id");
  private static final Window PROJECT_WINDOW = new Window("ai_project_window", "project_id");

  /** One more request in the window's minute (an atomic upsert); its requests and tokens now. */
  private long[] count(Window w, long owner, LocalDateTime minute) {
    em.createNativeQuery(
            "INSERT INTO "
                + w.table()
                + " ("
                + w.owner()
                + ", minute_start, requests, tokens) VALUES (?1, ?2, 1, 0)"
                + " ON DUPLICATE KEY UPDATE requests = requests + 1")
        .setParameter(1, owner)
        .setParameter(2, minute)
        .executeUpdate();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT requests, tokens FROM "
                        + w.table()
                        + " WHERE "
                        + w.owner()
                        + " = ?1 AND minute_start = ?2")
                .setParameter(1, owner)
                .setParameter(2, minute)
                .getSingleResult();
    return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }

  /**
   * Adds an answered request's tokens to its key's minute and its project's.
   *
   * @param keyId the key, when it has limits (else null)
   * @param projectId its project, when the project's keys have limits together (else null)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void spend(Long keyId, Long projectId, Instant at, long tokens) {
    LocalDateTime minute =
        LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
    if (keyId != null) {
      addTokens(KEY_WINDOW, keyId, minute, tokens);
    }
    if (projectId != null) {
      addTokens(PROJECT_WINDOW, projectId, minute, tokens);
    }
  }

  private void addTokens(Window w, long owner, LocalDateTime minute, long tokens) {
    em.createNativeQuery(
            "INSERT INTO "
                + w.table()
                + " ("
                + w.owner()
                + ", minute_start, requests, tokens) VALUES (?1, ?2, 0, ?3)"
                + " ON DUPLICATE KEY UPDATE tokens = tokens + ?3")
        .setParameter(1, owner)
        .setParameter(2, minute)
        .setParameter(3, tokens)
        .executeUpdate();
  }

  /** Drops the windows older than an hour (any node; called by the gateway's metering). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int prune() {
    LocalDateTime hourAgo =
        LocalDateTime.ofInstant(
            clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES),
            ZoneOffset.UTC);
    int pruned = 0;
    for (Window w : List.of(KEY_WINDOW, PROJECT_WINDOW)) {
      pruned +=
          em.createNativeQuery("DELETE FROM " + w.table() + " WHERE minute_start < ?1")
              .setParameter(1, hourAgo)
              .executeUpdate();
    }
    return pruned;
  }
}
