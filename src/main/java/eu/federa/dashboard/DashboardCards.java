package eu.federa.dashboard;

import eu.federa.billing.BudgetService;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaPlans;
import eu.federa.quota.TenantQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The dashboard's cards of an organisation in one call and one transaction: its resources at a
 * glance, its quota and, for those who may see billing, this month's spend against the budget. Each
 * service asked checks the caller; within the one transaction the membership is read once.
 */
@ApplicationScoped
public class DashboardCards {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject OrderQueries orders;
  @Inject QuotaPlans quotas;
  @Inject BudgetService budgets;

  /**
   * @param plan the quota plan's code (null: no quota granted yet)
   * @param limits the organisation's limits (null with no quota)
   * @param spend this month's spend and budget (null when not asked for)
   */
  public record Cards(
      ResourceSummary resources, String plan, QuotaLimits limits, BudgetService.Status spend) {}

  /**
   * @param withSpend whether the caller may see billing (their role is checked again here)
   */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Cards of(long tenantId, boolean withSpend) {
    ReadOnlyCalls.mark(em);
    ResourceSummary resources = orders.summary(tenantId);
    TenantQuota quota = quotas.of(tenantId).orElse(null);
    return new Cards(
        resources,
        quota == null ? null : quota.getPlanCode(),
        quota == null ? null : quota.limits(),
        withSpend ? budgets.status(tenantId) : null);
  }
}
