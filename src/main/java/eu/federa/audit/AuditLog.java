package eu.federa.audit;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Writes and reads the audit trail. A success is written in the caller's transaction, so it exists
 * exactly when the change does; a refusal is written in its own transaction, so it stays although
 * the refused change rolls back.
 */
@ApplicationScoped
public class AuditLog {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject Instance<HttpServletRequest> request;

  /** Records a change that succeeded, as part of the transaction that made it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void success(AuditAction action, Long tenantId, String target, String detail) {
    em.persist(event(caller.user(), action, tenantId, target, AuditOutcome.SUCCESS, detail));
  }

  /** Records a success for someone who is not the caller (e.g. at sign-in, before the session). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void successOf(
      AuthenticatedUser actor, AuditAction action, Long tenantId, String target, String detail) {
    em.persist(event(Optional.of(actor), action, tenantId, target, AuditOutcome.SUCCESS, detail));
  }

  /** Records what background work did (no user acted: the actor is the platform itself). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void bySystem(AuditAction action, Long tenantId, String target, String detail) {
    em.persist(event(Optional.empty(), action, tenantId, target, AuditOutcome.SUCCESS, detail));
  }

  /** Records a refused attempt; kept even when the caller's transaction rolls back. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void refused(
      AuditAction action, Long tenantId, String target, AuditOutcome outcome, String detail) {
    em.persist(event(caller.user(), action, tenantId, target, outcome, detail));
  }

  /**
   * The newest entries of one tenant. Reading a tenant's trail is a tenant admin's right: callers
   * check it before asking.
   */
  @Transactional
  public List<AuditEntry> ofTenant(long tenantId, int first, int max) {
    return page(
        em.createQuery(
                "select e from AuditEvent e where e.tenantId = :t order by e.occurredAt desc, e.id desc",
                AuditEvent.class)
            .setParameter("t", tenantId),
        first,
        max);
  }

  @Transactional
  public long countOfTenant(long tenantId) {
    return em.createQuery("select count(e) from AuditEvent e where e.tenantId = :t", Long.class)
        .setParameter("t", tenantId)
        .getSingleResult();
  }

  /** The whole federation's trail, newest first, optionally one action only (platform admins). */
  @Transactional
  public List<AuditEntry> all(AuditAction onlyAction, int first, int max) {
    caller.requirePlatformAdmin();
    TypedQuery<AuditEvent> query =
        em.createQuery(
            "select e from AuditEvent e"
                + (onlyAction == null ? "" : " where e.action = :a")
                + " order by e.occurredAt desc, e.id desc",
            AuditEvent.class);
    if (onlyAction != null) {
      query.setParameter("a", onlyAction);
    }
    return page(query, first, max);
  }

  @Transactional
  public long countAll(AuditAction onlyAction) {
    caller.requirePlatformAdmin();
    TypedQuery<Long> query =
        em.createQuery(
            "select count(e) from AuditEvent e"
                + (onlyAction == null ? "" : " where e.action = :a"),
            Long.class);
    if (onlyAction != null) {
      query.setParameter("a", onlyAction);
    }
    return query.getSingleResult();
  }

  private static List<AuditEntry> page(TypedQuery<AuditEvent> query, int first, int max) {
    return query
        .setFirstResult(Math.max(0, first))
        .setMaxResults(Math.max(1, Math.min(max, 500)))
        .getResultList()
        .stream()
        .map(AuditEvent::entry)
        .toList();
  }

  private AuditEvent event(
      Optional<AuthenticatedUser> actor,
      AuditAction action,
      Long tenantId,
      String target,
      AuditOutcome outcome,
      String detail) {
    return new AuditEvent(
        clock.instant(),
        actor.map(AuthenticatedUser::subject).orElse(null),
        actor.map(u -> u.displayName() + " (" + u.username() + ")").orElse(null),
        tenantId,
        action,
        target,
        outcome,
        clientAddress(),
        detail);
  }

  /** The caller's address (behind a proxy, WildFly reads it from X-Forwarded-For). */
  private String clientAddress() {
    try {
      return request.isResolvable() ? request.get().getRemoteAddr() : null;
    } catch (RuntimeException noRequest) { // background work has no request
      return null;
    }
  }
}
