package eu.federa.dashboard.web;

import eu.federa.billing.BudgetService;
import eu.federa.dashboard.DashboardCards;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.quota.QuotaLimits;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The dashboard's cards (resources, quota, spend), read in one call when the page is drawn; nothing
 * for a user without an organisation.
 */
@Named
@RequestScoped
public class Cards {

  @Inject DashboardCards dashboardCards;
  @Inject CurrentTenant tenant;

  private DashboardCards.Cards cards;

  @PostConstruct
  void load() {
    if (tenant.getId() != null) {
      cards = dashboardCards.of(tenant.getId(), tenant.isAllowedBilling());
    }
  }

  /** Null for a user without an organisation. */
  public ResourceSummary getResources() {
    return cards == null ? null : cards.resources();
  }

  public boolean isQuotaGranted() {
    return cards != null && cards.plan() != null;
  }

  public String getPlan() {
    return cards == null ? null : cards.plan();
  }

  public QuotaLimits getLimits() {
    return cards == null ? null : cards.limits();
  }

  /** Null when the caller may not see billing. */
  public BudgetService.Status getSpend() {
    return cards == null ? null : cards.spend();
  }
}
