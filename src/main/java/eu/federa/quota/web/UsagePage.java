package eu.federa.quota.web;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.quota.QuotaLimitsAdmin;
import eu.federa.quota.QuotaUsage;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Backs the usage page: the organisation's limits with what is in use and reserved (members), its
 * GPU limits per model, and every organisation's for platform admins, who also set GPU limits per
 * model.
 */
@Named
@RequestScoped
public class UsagePage {

  @Inject QuotaUsage quotas;
  @Inject QuotaLimitsAdmin limits;
  @Inject CurrentTenant tenant;
  @Inject CurrentUser caller;

  private QuotaUsage.TenantUsage mine;
  private List<QuotaUsage.GpuLine> myGpus = List.of();
  private List<QuotaUsage.NamedUsage> all = List.of();
  private Long gpuTenant;
  private String gpuModel;
  private Integer gpuLimit;

  @PostConstruct
  void load() {
    if (tenant.getId() != null) {
      mine = quotas.usage(tenant.getId());
      myGpus = quotas.gpuUsage(tenant.getId());
    }
    if (caller.isPlatformAdmin()) {
      all = quotas.usageOfAll();
    }
  }

  /** Sets (or, without a number, removes) a tenant's limit for one GPU model. */
  public void saveGpuLimit() {
    try {
      limits.setGpuLimit(gpuTenant == null ? -1 : gpuTenant, gpuModel, gpuLimit);
      FormMessages.info("gpuQuota.saved");
      load();
    } catch (InvalidInputException e) {
      FormMessages.show("gpuQuota", e.errors());
    }
  }

  /** A tenant's GPU limits per model, for the platform admins' list. */
  public List<QuotaUsage.GpuLine> gpusOf(long tenantId) {
    return quotas.gpuUsage(tenantId);
  }

  public QuotaUsage.TenantUsage getMine() {
    return mine;
  }

  public List<QuotaUsage.GpuLine> getMyGpus() {
    return myGpus;
  }

  public List<QuotaUsage.NamedUsage> getAll() {
    return all;
  }

  public Long getGpuTenant() {
    return gpuTenant;
  }

  public void setGpuTenant(Long gpuTenant) {
    this.gpuTenant = gpuTenant;
  }

  public String getGpuModel() {
    return gpuModel;
  }

  public void setGpuModel(String gpuModel) {
    this.gpuModel = gpuModel;
  }

  public Integer getGpuLimit() {
    return gpuLimit;
  }

  public void setGpuLimit(Integer gpuLimit) {
    this.gpuLimit = gpuLimit;
  }
}
