package eu.federa.ai;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.BudgetService;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.BearerSecret;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the gateway whether a presented API key works: known, not revoked, not expired, its creator
 * still a member (or the key kept for its project), its organisation's budget not blocking. What
 * was read is trusted for {@code FEDERA_AI_KEY_CACHE_MILLIS} on this node; a key revoked or kept is
 * forgotten on every node within a fraction of a second ({@link KeyChanges}). A refused use of a
 * known key is audited, once a minute per key and node, so that a client retrying in a loop does
 * not flood the trail.
 */
@ApplicationScoped
public class GatewayKeys {

  /** What the gateway learns of a key. */
  public sealed interface Outcome {}

  public record Allowed(GatewayCaller caller) implements Outcome {}

  public record Refused(OpenAiError error) implements Outcome {}

  /**
   * What was read of a key, and whether a request is reading it again: while one does, the others
   * go on with this (a burst of calls reads a key once when its time is up, not once per call).
   */
  private record Cached(Outcome outcome, Long keyId, Instant readAt, AtomicBoolean rereading) {}

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TenantDirectory tenants;
  @Inject BudgetService budgets;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject GatewayKeys self;

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<Long, Instant> lastRefusalAudit = new ConcurrentHashMap<>();

  /** How many times a key was forgotten on this node: a read that overlapped one is not kept. */
  private final AtomicLong forgets = new AtomicLong();

  /** The outcome for the value of an {@code Authorization: Bearer} header. */
  public Outcome check(String presented) {
    if (!BearerSecret.wellFormed(presented, BearerSecret.API_KEY)) {
      return new Refused(
          OpenAiError.unauthenticated(
              "invalid_api_key", "Incorrect API key provided. Create one on the API keys page."));
    }
    String sha = BearerSecret.sha256Of(presented);
    Instant now = clock.instant();
    Cached cached = cache.get(sha);
    if (cached != null
        && (Duration.between(cached.readAt(), now).toMillis()
                < Setting.AI_KEY_CACHE_MILLIS.intValue()
            || !cached.rereading().compareAndSet(false, true))) {
      return cached.outcome();
    }
    long forgetsBefore = forgets.get();
    Read read;
    try {
      read = self.read(sha, now);
    } finally {
      if (cached != null) {
        cached.rereading().set(false); // replaced below, or read again by the next request
      }
    }
    if (cache.size() > 100_000) {
      cache.clear(); // a bound on memory; keys are read again
    }
    // A key forgotten while it was being read may have been read before its change committed:
    // what was read answers this request only, and the next one reads again.
    if (forgets.get() == forgetsBefore) {
      cache.put(sha, new Cached(read.outcome(), read.keyId(), now, new AtomicBoolean()));
    }
    if (read.outcome() instanceof Refused refused && read.keyId() != null) {
      auditRefusal(read, refused, now);
    }
    return read.outcome();
  }

  /** Forgets what this node read of a key (it was revoked or changed). */
  public void forget(long keyId) {
    forgets.incrementAndGet();
    cache.values().removeIf(c -> c.keyId() != null && c.keyId() == keyId);
  }

  public record Read(Outcome outcome, Long keyId, Long tenantId, String prefix) {}

  /** Reads the key and what it depends on; marks it used (to the minute). */
  @Transactional
  public Read read(String sha, Instant now) {
    ApiKey key =
        em.createQuery(
                "select k from ApiKey k left join fetch k.serviceIds where k.secretSha256 = :s",
                ApiKey.class)
            .setParameter("s", sha)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (key == null) {
      return new Read(
          new Refused(
              OpenAiError.unauthenticated(
                  "invalid_api_key",
                  "Incorrect API key provided. Create one on the API keys page.")),
          null,
          null,
          null);
    }
    OpenAiError refusal = null;
    Optional<String> suspension = tenants.suspension(key.getTenantId());
    if (key.revoked()) {
      refusal = OpenAiError.unauthenticated("key_revoked", "This API key has been revoked.");
    } else if (key.expired(now)) {
      refusal = OpenAiError.unauthenticated("key_expired", "This API key has expired.");
    } else if (!key.keptByProject() && !access.isMember(key.getTenantId(), key.getCreatedBy())) {
      refusal =
          OpenAiError.unauthenticated(
              "key_creator_left",
              "The member who created this API key has left the organisation; a tenant admin can"
                  + " keep the key for its project.");
    } else if (suspension.isPresent()) {
      refusal =
          OpenAiError.forbidden(
              "organisation_suspended",
              "The organisation is suspended by the platform's operators: " + suspension.get());
    } else if (budgets.blocksCalls(key.getTenantId())) {
      refusal =
          OpenAiError.tooMany(
              "insufficient_quota",
              "The organisation's monthly budget is spent and set to block: no requests until"
                  + " a tenant admin raises it or the month ends.");
    }
    if (refusal != null) {
      return new Read(new Refused(refusal), key.getId(), key.getTenantId(), key.getKeyPrefix());
    }
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(minute)) {
      em.createQuery(
              "update ApiKey k set k.lastUsedAt = :m where k.id = :id"
                  + " and (k.lastUsedAt is null or k.lastUsedAt < :m)")
          .setParameter("m", minute)
          .setParameter("id", key.getId())
          .executeUpdate();
    }
    Integer[] projectLimits = ProjectLimits.of(em, key.getProjectId());
    return new Read(
        new Allowed(
            new GatewayCaller(
                key.getId(),
                key.getTenantId(),
                key.getProjectId(),
                key.getKeyPrefix(),
                key.isAllEndpoints(),
                key.getServiceIds(),
                key.getRequestsPerMinute(),
                key.getTokensPerMinute(),
                projectLimits[0],
                projectLimits[1])),
        key.getId(),
        key.getTenantId(),
        key.getKeyPrefix());
  }

  private void auditRefusal(Read read, Refused refused, Instant now) {
    Instant last = lastRefusalAudit.get(read.keyId());
    if (last != null && Duration.between(last, now).toSeconds() < 60) {
      return;
    }
    lastRefusalAudit.put(read.keyId(), now);
    audit.refused(
        AuditAction.AI_KEY_REFUSED,
        read.tenantId(),
        AuditTarget.Kind.API_KEY.of(read.keyId()),
        AuditOutcome.REJECTED,
        AuditDetail.NAMED_KEY.text(read.prefix(), refused.error().code()));
  }
}
