package eu.federa.provisioning;

import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;

/**
 * The tenant's rule for what a member may spend without a tenant admin: one place that new VMs, AI
 * services, resizes and approvals all ask (issue #14, defect 1).
 */
@ApplicationScoped
public class ApprovalPolicy {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** The monthly cost above which members' orders wait for approval, or null (no threshold). */
  public BigDecimal threshold(long tenantId) {
    @SuppressWarnings("unchecked")
    List<BigDecimal> found =
        em.createNativeQuery(
                "SELECT approval_above_eur_month FROM order_policy WHERE tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  /**
   * Whether a tenant admin must approve what the member asks: the tenant set a threshold, the
   * member may not approve, and it costs more per month than the threshold or has no price to
   * compare ({@code eurPerMonth} null).
   */
  public boolean needed(Membership member, BigDecimal eurPerMonth) {
    if (member.getRole().allows(TenantPermission.APPROVE_ORDERS)) {
      return false;
    }
    BigDecimal threshold = threshold(member.getTenant().getId());
    return needed(threshold, eurPerMonth);
  }

  /** The rule itself, for a member who may not approve. */
  static boolean needed(BigDecimal threshold, BigDecimal eurPerMonth) {
    return threshold != null && (eurPerMonth == null || eurPerMonth.compareTo(threshold) > 0);
  }
}
