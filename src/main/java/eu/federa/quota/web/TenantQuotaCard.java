package eu.federa.quota.web;

import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaPlans;
import eu.federa.quota.TenantQuota;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The current tenant's limits, for its members' dashboard. */
@Named
@RequestScoped
public class TenantQuotaCard {

  @Inject QuotaPlans quotas;
  @Inject CurrentTenant currentTenant;

  private TenantQuota quota;

  @PostConstruct
  void load() {
    if (currentTenant.getId() != null) {
      quota = quotas.of(currentTenant.getId()).orElse(null);
    }
  }

  public boolean isGranted() {
    return quota != null;
  }

  public String getPlan() {
    return quota == null ? null : quota.getPlanCode();
  }

  public QuotaLimits getLimits() {
    return quota == null ? null : quota.limits();
  }
}
