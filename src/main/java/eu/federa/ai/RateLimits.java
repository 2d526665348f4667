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

/**
 * A key's requests and tokens per minute, counted in the database so that the limits hold across
 * every node: a request is counted as it is admitted (an atomic upsert of the minute's row), its
 * tokens once it is answered. Minutes are fixed windows in UTC; a refusal says how long until the
 * next one.
 */
@ApplicationScoped
public class RateLimits {

  /** Whether a request may go on, or how many seconds until it may. */
  public record Admission(boolean admitted, long retryAfterSeconds, String what) {}

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;

  /** Counts the request in its key's minute and says whether the key's limits allow it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Admission admit(GatewayCaller caller) {
    Instant now = clock.instant();
    LocalDateTime minute =
        LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
    long retryAfter = Math.max(1, 60 - (now.getEpochSecond() % 60));
    em.createNativeQuery(
            "INSERT INTO ai_rate_window (key_id, minute_start, requests, tokens) VALUES (?1, ?2, 1, 0)"
                + " ON DUPLICATE KEY UPDATE requests = requests + 1")
        .setParameter(1, caller.keyId())
        .setParameter(2, minute)
        .executeUpdate();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT requests, tokens FROM ai_rate_window WHERE key_id = ?1 AND minute_start = ?2")
                .setParameter(1, caller.keyId())
                .setParameter(2, minute)
                .getSingleResult();
    long requests = ((Number) row[0]).longValue();
    long tokens = ((Number) row[1]).longValue();
    if (caller.requestsPerMinute() != null && requests > caller.requestsPerMinute()) {
      return new Admission(false, retryAfter, "requests");
    }
    if (caller.tokensPerMinute() != null && tokens >= caller.tokensPerMinute()) {
      return new Admission(false, retryAfter, "tokens");
    }
    return new Admission(true, 0, null);
  }

  /** Adds an answered request's tokens to its key's minute. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void spend(GatewayCaller caller, Instant at, long tokens) {
    em.createNativeQuery(
            "INSERT INTO ai_rate_window (key_id, minute_start, requests, tokens) VALUES (?1, ?2, 0, ?3)"
                + " ON DUPLICATE KEY UPDATE tokens = tokens + ?3")
        .setParameter(1, caller.keyId())
        .setParameter(
            2, LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC))
        .setParameter(3, tokens)
        .executeUpdate();
  }

  /** Drops the windows older than an hour (any node; called by the metering of the gateway). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int prune() {
    return em.createNativeQuery("DELETE FROM ai_rate_window WHERE minute_start < ?1")
        .setParameter(
            1,
            LocalDateTime.ofInstant(
                clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES),
                ZoneOffset.UTC))
        .executeUpdate();
  }
}
