package eu.federa.ai;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.work.Ticker;
import eu.federa.tenancy.MemberDeparted;
import eu.federa.tenancy.TenantSuspension;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Carries a change of a key to every node's gateway (its revocation, its keeping for a project, a
 * change of its project's limits, its creator leaving the organisation): the node that made the
 * change forgets the key once the change committed, and every node reads the keys changed lately
 * from the database a few times a second and forgets those too. A revoked key is therefore refused
 * on every node within {@link #POLL} plus a read, whatever the key cache's lifetime.
 */
@ApplicationScoped
public class KeyChanges {

  private static final Logger LOG = Logger.getLogger(KeyChanges.class.getName());

  /** How often each node reads the keys changed lately. */
  static final Duration POLL = Duration.ofMillis(250);

  /**
   * How far back each read looks: a change stamped at one moment may commit later than a change
   * stamped after it, and must not be missed because the other was seen first.
   */
  static final Duration OVERLAP = Duration.ofSeconds(30);

  /** A key was revoked or kept (fired inside the transaction that changed it). */
  public record Changed(long keyId) {}

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject GatewayKeys gatewayKeys;
  @Inject KeyChanges self;
  @Inject Event<Changed> changes;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  /** What this node has forgotten already: the key and the change it forgot it for. */
  private final Map<Long, Instant> seen = new HashMap<>();

  private Instant latest;

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 500)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, POLL, POLL, "Reading changed API keys", this::poll);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /** The project's limits changed: its keys are read again everywhere. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void projectLimitsChanged(long projectId) {
    touch(
        Row.all(
            em.createNativeQuery(
                    "SELECT id FROM ai_key WHERE project_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, projectId)));
  }

  /** A member left: the keys they created and nobody kept stop working on every node now. */
  void creatorLeft(@Observes MemberDeparted departed) {
    touch(
        Row.all(
            em.createNativeQuery(
                    "SELECT id FROM ai_key WHERE tenant_id = ?1 AND created_by = ?2"
                        + " AND revoked_at IS NULL AND kept_by_project_at IS NULL")
                .setParameter(1, departed.tenantId())
                .setParameter(2, departed.userSubject())));
  }

  /** An organisation was suspended or resumed: its keys are read again everywhere. */
  void suspension(@Observes TenantSuspension changed) {
    touch(
        Row.all(
            em.createNativeQuery(
                    "SELECT id FROM ai_key WHERE tenant_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, changed.tenantId())));
  }

  /** Stamps the keys changed now, in the caller's transaction, and tells this node's gateway. */
  private void touch(List<Row> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<Long> ids = keys.stream().map(k -> k.lng(0)).toList();
    em.createNativeQuery("UPDATE ai_key SET changed_at = ?1 WHERE id IN (?2)")
        .setParameter(1, clock.instant())
        .setParameter(2, ids)
        .executeUpdate();
    ids.forEach(id -> changes.fire(new Changed(id)));
  }

  /** On the node that made the change: forgotten as soon as it committed. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
    gatewayKeys.forget(changed.keyId());
  }

  /** One read of the keys changed lately; forgets those not forgotten for that change yet. */
  void poll() {
    if (latest == null) {
      // This node's first read: nothing is cached yet; changes from now on count.
      latest = self.lastChange();
      return;
    }
    for (Row row : self.changedSince(latest.minus(OVERLAP))) {
      long keyId = row.lng(0);
      Instant at = row.instant(1);
      if (!at.equals(seen.get(keyId))) {
        seen.put(keyId, at);
        gatewayKeys.forget(keyId);
      }
      if (at.isAfter(latest)) {
        latest = at;
      }
    }
    Instant horizon = latest.minus(OVERLAP);
    seen.values().removeIf(at -> at.isBefore(horizon));
  }

  /** The last change of any key, or the database's time when there was none. */
  @Transactional
  public Instant lastChange() {
    return Row.single(
            em.createNativeQuery("SELECT COALESCE(MAX(changed_at), UTC_TIMESTAMP(6)) FROM ai_key"))
        .instant(0);
  }

  /** The keys changed at or after {@code since}, oldest first. */
  @Transactional
  public List<Row> changedSince(Instant since) {
    return Row.all(
        em.createNativeQuery(
                "SELECT id, changed_at FROM ai_key WHERE changed_at >= ?1 ORDER BY changed_at")
            .setParameter(1, since));
  }
}
