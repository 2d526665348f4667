package eu.federa.dashboard;

import eu.federa.billing.BudgetService;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.persistence.UnionReads;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaPlans;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The dashboard's cards of an organisation in one call: its resources at a glance and its quota in
 * one statement, outside any transaction (each capability adds the part that reads its own tables,
 * {@link UnionRead}; the caller's membership is checked from what the request read of them in its
 * first statement), and, for those who may see billing, this month's spend against the budget in a
 * read-only call of billing's. The cards' transaction and its two queries cost the page as much as
 * its whole layout under load (docs/performance.md, "Eighteenth pass").
 */
@ApplicationScoped
public class DashboardCards {

  @Inject UnionReads reads;
  @Inject TenantAccess access;
  @Inject BudgetService budgets;

  /**
   * @param plan the quota plan's code (null: no quota granted yet)
   * @param limits the organisation's limits (null with no quota)
   * @param spend this month's spend and budget (null when not asked for)
   */
  public record Cards(
      ResourceSummary resources, String plan, QuotaLimits limits, BudgetService.Status spend) {}

  /**
   * @param withSpend whether the caller may see billing (their role is checked again there)
   */
  // outside any transaction: one statement sees one committed state, and a caller's transaction
  // that writes is never the one it reads in
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Cards of(long tenantId, boolean withSpend) {
    access.requireToRead(tenantId, TenantPermission.VIEW);
    UnionRead read = new UnionRead();
    OrderQueries.SummaryRead resources = OrderQueries.summaryWith(read, tenantId);
    QuotaPlans.GrantRead grant = QuotaPlans.grantedWith(read, tenantId);
    UnionRead.Result result = reads.run(read);
    QuotaPlans.Granted granted = grant.of(result).orElse(null);
    return new Cards(
        resources.of(result),
        granted == null ? null : granted.planCode(),
        granted == null ? null : granted.limits(),
        withSpend ? budgets.status(tenantId) : null);
  }
}
