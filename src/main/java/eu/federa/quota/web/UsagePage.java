package eu.federa.quota.web;

import eu.federa.quota.QuotaService;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Backs the usage page: the organisation's limits with what is in use and reserved (members), and
 * every organisation's for platform admins.
 */
@Named
@RequestScoped
public class UsagePage {

  @Inject QuotaService quotas;
  @Inject CurrentTenant tenant;
  @Inject eu.federa.platform.security.CurrentUser caller;

  private QuotaService.TenantUsage mine;
  private java.util.List<QuotaService.NamedUsage> all = java.util.List.of();

  @PostConstruct
  void load() {
    if (tenant.getId() != null) {
      mine = quotas.usage(tenant.getId());
    }
    if (caller.isPlatformAdmin()) {
      all = quotas.usageOfAll();
    }
  }

  public QuotaService.TenantUsage getMine() {
    return mine;
  }

  public java.util.List<QuotaService.NamedUsage> getAll() {
    return all;
  }
}
