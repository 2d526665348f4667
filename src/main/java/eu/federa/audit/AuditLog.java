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
import java.util.stream.Stream;

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
   * The newest entries of one tenant, filtered. Reading a tenant's trail is a tenant admin's right:
   * callers check it before asking.
   */
  @Transactional
  public List<AuditEntry> ofTenant(long tenantId, AuditFilter filter, int first, int max) {
    return page(filter.inTenant(tenantId), first, max);
  }

  @Transactional
  public long countOfTenant(long tenantId, AuditFilter filter) {
    return count(filter.inTenant(tenantId));
  }

  /** The whole federation's trail, newest first, filtered (platform admins). */
  @Transactional
  public List<AuditEntry> all(AuditFilter filter, int first, int max) {
    caller.requirePlatformAdmin();
    return page(filter, first, max);
  }

  @Transactional
  public long countAll(AuditFilter filter) {
    caller.requirePlatformAdmin();
    return count(filter);
  }

  private List<AuditEntry> page(AuditFilter filter, int first, int max) {
    return entries(filter, " order by e.occurredAt desc, e.id desc")
        .setFirstResult(Math.max(0, first))
        .setMaxResults(Math.max(1, Math.min(max, 500)))
        .getResultList();
  }

  private long count(AuditFilter filter) {
    TypedQuery<Long> query =
        em.createQuery("select count(e) from AuditEvent e" + where(filter), Long.class);
    return bind(query, filter).getSingleResult();
  }

  /**
   * The entries the filter selects, read from the database as they are consumed (an export may hold
   * millions), in the caller's transaction. Close the stream.
   */
  Stream<AuditEntry> stream(AuditFilter filter, String orderBy) {
    return entries(filter, orderBy)
        .setHint("org.hibernate.fetchSize", 1000)
        .setHint("org.hibernate.readOnly", true)
        .getResultStream();
  }

  /** The entries the filter selects, as lines (never managed entities). */
  private TypedQuery<AuditEntry> entries(AuditFilter filter, String orderBy) {
    TypedQuery<AuditEntry> query =
        em.createQuery(
            "select new eu.federa.audit.AuditEntry(e.id, e.occurredAt, e.actorSubject,"
                + " e.actorName, e.tenantId, e.action, e.target, e.outcome, e.clientAddress,"
                + " e.detail) from AuditEvent e"
                + where(filter)
                + orderBy,
            AuditEntry.class);
    return bind(query, filter);
  }

  private static String where(AuditFilter f) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (f.from() != null) {
      where.append(" and e.occurredAt >= :from");
    }
    if (f.to() != null) {
      where.append(" and e.occurredAt < :to");
    }
    if (f.action() != null) {
      where.append(" and e.action = :action");
    }
    if (f.tenantId() != null) {
      where.append(" and e.tenantId = :tenant");
    }
    if (f.actor() != null) {
      where.append(" and (e.actorSubject = :actor or e.actorName like :actorName escape '!')");
    }
    return where.toString();
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> query, AuditFilter f) {
    if (f.from() != null) {
      query.setParameter("from", f.from());
    }
    if (f.to() != null) {
      query.setParameter("to", f.to());
    }
    if (f.action() != null) {
      query.setParameter("action", f.action());
    }
    if (f.tenantId() != null) {
      query.setParameter("tenant", f.tenantId());
    }
    if (f.actor() != null) {
      // Part of a name, the name's own % and _ meaning themselves (the column's collation
      // ignores case).
      query
          .setParameter("actor", f.actor())
          .setParameter(
              "actorName", eu.federa.platform.persistence.LikePattern.containing(f.actor()));
    }
    return query;
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
