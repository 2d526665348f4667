package eu.federa.billing.web;

import eu.federa.billing.BudgetService;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The dashboard's spend card for tenant admins and billing members: this month's spend against the
 * budget, with the budget alerts raised, so that nobody has to open the billing page to see them.
 */
@Named
@RequestScoped
public class SpendCard {

  @Inject BudgetService budgets;
  @Inject CurrentTenant tenant;

  private BudgetService.Status status;

  @PostConstruct
  void load() {
    if (tenant.getId() != null && tenant.isAllowedBilling()) {
      status = budgets.status(tenant.getId());
    }
  }

  /** Null when the caller may not see billing. */
  public BudgetService.Status getStatus() {
    return status;
  }
}
