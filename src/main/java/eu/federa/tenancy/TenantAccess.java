package eu.federa.tenancy;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The one gate of every tenant-scoped use case: reads the caller's membership from the database (so
 * a removal counts from the next call on) and checks the permission. A tenant the caller does not
 * belong to does not exist for them.
 */
@ApplicationScoped
public class TenantAccess {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;

  /**
   * @return the caller's membership in the tenant
   * @throws TenantNotFoundException when the caller is not a member
   * @throws AccessDeniedException when their role does not allow it
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Membership require(long tenantId, TenantPermission permission) {
    String subject = signedIn().subject();
    Membership membership =
        em.createQuery(
                "select m from Membership m join fetch m.tenant"
                    + " where m.tenant.id = :t and m.userSubject = :s",
                Membership.class)
            .setParameter("t", tenantId)
            .setParameter("s", subject)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new TenantNotFoundException(tenantId));
    if (!membership.allows(permission)) {
      throw new AccessDeniedException(
          membership.getRole() + " may not " + permission + " in tenant " + tenantId);
    }
    return membership;
  }

  /** {@link #require} in its own transaction, for pages that only guard their content. */
  @Transactional
  public TenantRole check(long tenantId, TenantPermission permission) {
    return require(tenantId, permission).getRole();
  }

  /** The caller's memberships, tenants by name. */
  @Transactional
  public List<Membership> mine() {
    return em.createQuery(
            "select m from Membership m join fetch m.tenant where m.userSubject = :s"
                + " order by m.tenant.name, m.tenant.id",
            Membership.class)
        .setParameter("s", signedIn().subject())
        .getResultList();
  }

  AuthenticatedUser signedIn() {
    return caller.user().orElseThrow(() -> new AccessDeniedException("Sign in first"));
  }
}
