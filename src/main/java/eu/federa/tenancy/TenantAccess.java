package eu.federa.tenancy;

import eu.federa.platform.log.LogContext;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The one gate of every tenant-scoped use case: reads the caller's membership from the database (so
 * a removal counts from the next call on; once a transaction, which a page's one call shares among
 * the services it asks; a page's read-only call takes it from the memberships its request read in
 * its first statement, {@link CallerMemberships}) and checks the permission. A tenant the caller
 * does not belong to does not exist for them.
 */
@ApplicationScoped
public class TenantAccess {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;

  @Resource TransactionSynchronizationRegistry transaction;

  @Inject CallerMemberships request;

  /** What a transaction remembers of the caller's membership in one tenant. */
  private record Remembered(long tenantId, String subject) {}

  /**
   * @return the caller's membership in the tenant
   * @throws TenantNotFoundException when the caller is not a member
   * @throws AccessDeniedException when their role does not allow it
   * @throws TenantSuspendedException when it acts and the organisation is suspended
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Membership require(long tenantId, TenantPermission permission) {
    return gate(tenantId, permission, true);
  }

  /**
   * {@link #require} for what a suspended organisation may still do with a role that acts: read
   * lists that role guards, export its data, file and follow its Data Act exit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Membership requireEvenWhenSuspended(long tenantId, TenantPermission permission) {
    return gate(tenantId, permission, false);
  }

  private Membership gate(long tenantId, TenantPermission permission, boolean refuseSuspended) {
    String subject = signedIn().subject();
    Membership membership;
    TenantRole role;
    boolean suspended;
    String reason;
    CallerMemberships.Read read = ReadOnlyCalls.marked(em) ? readThisRequest(subject) : null;
    if (read != null) {
      // A page's read-only call (ReadOnlyCalls) is answered from the memberships this request read
      // a moment before (its first statement, with the sign-in check): the entity is a reference
      // Hibernate loads only if the call uses more of it than its id.
      MyMembership mine = read.in(tenantId);
      if (mine == null) {
        throw new TenantNotFoundException(tenantId);
      }
      membership = em.getReference(Membership.class, read.membershipIds().get(tenantId));
      role = mine.role();
      suspended = mine.suspended();
      reason = mine.suspendedReason();
    } else {
      membership = remembered(tenantId, subject);
      role = membership.getRole();
      suspended = membership.getTenant().isSuspended();
      reason = membership.getTenant().getSuspendedReason();
    }
    allow(tenantId, permission, role, refuseSuspended && suspended, reason);
    return membership;
  }

  /**
   * {@link #require} for a read that runs outside any transaction (one statement on its own, which
   * sees only what others committed): answered from the memberships this request read in its first
   * statement ({@link CallerMemberships}; read now outside a request or before that read), with no
   * statement of its own.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void requireToRead(long tenantId, TenantPermission permission) {
    String subject = signedIn().subject();
    CallerMemberships.Read read;
    try {
      read = request.of(subject);
    } catch (ContextNotActiveException e) {
      read = CallerMemberships.read(em, subject);
    }
    MyMembership mine = read.in(tenantId);
    if (mine == null) {
      throw new TenantNotFoundException(tenantId);
    }
    allow(tenantId, permission, mine.role(), mine.suspended(), mine.suspendedReason());
  }

  private static void allow(
      long tenantId,
      TenantPermission permission,
      TenantRole role,
      boolean suspended,
      String reason) {
    if (!role.allows(permission)) {
      throw new AccessDeniedException(role + " may not " + permission + " in tenant " + tenantId);
    }
    if (permission.acts() && suspended) {
      throw new TenantSuspendedException(tenantId, reason);
    }
    // the rest of the request's log lines are about this tenant (the caller's membership says so)
    LogContext.put(LogContext.TENANT, tenantId);
  }

  /**
   * The caller's membership row, read once a transaction: the calls of one use case share it (the
   * same row, in the same snapshot, as a second read would give), unless this transaction removed
   * it meanwhile.
   */
  private Membership remembered(long tenantId, String subject) {
    Remembered key = new Remembered(tenantId, subject);
    Membership membership = (Membership) transaction.getResource(key);
    if (membership == null || !em.contains(membership)) {
      membership =
          em.createQuery(
                  "select m from Membership m join fetch m.tenant"
                      + " where m.tenant.id = :t and m.userSubject = :s",
                  Membership.class)
              .setParameter("t", tenantId)
              .setParameter("s", subject)
              .getResultStream()
              .findFirst()
              .orElseThrow(() -> new TenantNotFoundException(tenantId));
      transaction.putResource(key, membership);
    }
    return membership;
  }

  /** What this request read of the caller already; null outside a request or before its read. */
  private CallerMemberships.Read readThisRequest(String subject) {
    try {
      return request.readBefore(subject);
    } catch (ContextNotActiveException e) {
      return null;
    }
  }

  /**
   * Whether {@code subject} is a member of the tenant now, for credentials a member made that act
   * without them signed in (an API key stops working when its creator leaves). No caller check.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean isMember(long tenantId, String subject) {
    return !em.createQuery(
            "select m.id from Membership m where m.tenant.id = :t and m.userSubject = :s",
            Long.class)
        .setParameter("t", tenantId)
        .setParameter("s", subject)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** Which of {@code subjects} are members of the tenant now. No caller check. */
  @Transactional(Transactional.TxType.MANDATORY)
  public java.util.Set<String> membersAmong(long tenantId, java.util.Collection<String> subjects) {
    if (subjects.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        em.createQuery(
                "select m.userSubject from Membership m where m.tenant.id = :t"
                    + " and m.userSubject in :s",
                String.class)
            .setParameter("t", tenantId)
            .setParameter("s", subjects)
            .getResultList());
  }

  /**
   * Locks the tenant's row until the transaction ends: the guard of counts kept per organisation
   * (its API keys, for one), the same on every node.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockTenant(long tenantId) {
    if (em.find(Tenant.class, tenantId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
        == null) {
      throw new TenantNotFoundException(tenantId);
    }
  }

  /**
   * The caller's membership, when they may act for the whole of the project: a tenant admin, or an
   * admin of that project. The caller checks that the project is the tenant's.
   *
   * @throws TenantNotFoundException when the caller is not a member
   * @throws AccessDeniedException when they are neither
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Membership requireProjectAdmin(long tenantId, long projectId) {
    Membership membership = require(tenantId, TenantPermission.VIEW);
    if (!membership.administers(projectId)) {
      throw new AccessDeniedException(
          membership.getRole() + " is no admin of project " + projectId + " in tenant " + tenantId);
    }
    return membership;
  }

  /**
   * The projects the caller is an admin of in the tenant, by id (a tenant admin: none listed here,
   * they administer the organisation); empty for a member who administers none.
   *
   * @throws TenantNotFoundException when the caller is not a member
   */
  @Transactional
  public java.util.Set<Long> administeredProjects(long tenantId) {
    return require(tenantId, TenantPermission.VIEW).administeredProjectIds();
  }

  /**
   * The caller's role, when it allows {@code permission}, in its own transaction: for pages that
   * only guard their content (a suspended organisation's pages still open; their actions refuse).
   */
  @Transactional
  public TenantRole check(long tenantId, TenantPermission permission) {
    return requireEvenWhenSuspended(tenantId, permission).getRole();
  }

  /**
   * The caller's memberships, tenants by name, with the projects each makes the caller an admin of,
   * read now (one statement, outside a transaction when called outside one): for a use case that
   * must see a change made a moment before in the same request.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<MyMembership> mine() {
    return CallerMemberships.read(em, signedIn().subject()).memberships();
  }

  /**
   * {@link #mine} as this request read them, with its first statement (the sign-in filter's check,
   * {@link CallerMemberships}): every page's header and menu ask. Outside a request, read now.
   */
  public List<MyMembership> mineThisRequest() {
    String subject = signedIn().subject();
    try {
      return request.of(subject).memberships();
    } catch (ContextNotActiveException e) {
      return mine();
    }
  }

  AuthenticatedUser signedIn() {
    return caller.user().orElseThrow(() -> new AccessDeniedException("Sign in first"));
  }
}
