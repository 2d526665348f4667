package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether an organisation lets the platform move its VMs to another provider, within its countries,
 * when it rebalances (issue #20): its members see it, its admins change it (audited), rebalancing
 * asks which organisations allow it.
 */
@ApplicationScoped
public class MoveConsent {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;

  /** Whether the organisation allows it (any member). */
  @Transactional
  public boolean given(long tenantId) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.VIEW);
    return !givenBy(Set.of(tenantId)).isEmpty();
  }

  /** Allows it or takes it back (tenant admins). */
  @Transactional
  public void set(long tenantId, boolean allowed) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    int changed =
        em.createNativeQuery(
                "UPDATE tenant SET platform_moves_across = ?1 WHERE id = ?2"
                    + " AND platform_moves_across <> ?1")
            .setParameter(1, allowed)
            .setParameter(2, tenantId)
            .executeUpdate();
    if (changed > 0) {
      audit.success(
          AuditAction.TENANT_MOVE_CONSENT_CHANGED,
          tenantId,
          AuditTarget.Kind.TENANT.of(tenantId),
          allowed ? AuditDetail.MOVES_ALLOWED.text() : AuditDetail.MOVES_KEPT.text());
    }
  }

  /** An imported organisation allows it, as its bundle says (the import checked who loads it). */
  @Transactional(Transactional.TxType.MANDATORY)
  void restore(long tenantId) {
    em.createNativeQuery("UPDATE tenant SET platform_moves_across = TRUE WHERE id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  /** Which of the organisations allow it (for rebalancing). */
  @Transactional
  public Set<Long> givenBy(Collection<Long> tenantIds) {
    Set<Long> given = new HashSet<>();
    if (tenantIds.isEmpty()) {
      return given;
    }
    for (Row r :
        Row.all(
            em.createNativeQuery("SELECT id FROM tenant WHERE id IN (?1) AND platform_moves_across")
                .setParameter(1, Set.copyOf(tenantIds)))) {
      given.add(r.lng(0));
    }
    return given;
  }
}
