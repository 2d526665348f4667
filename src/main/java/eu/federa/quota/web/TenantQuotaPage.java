package eu.federa.quota.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Backs the platform admins' form that changes one organisation's limits. An empty field is
 * unlimited; memory is entered in GiB.
 */
@Named
@ViewScoped
public class TenantQuotaPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient QuotaService quotas;

  private Long tenantId;
  private Integer vcpu;
  private Integer memoryGib;
  private Integer gpus;
  private Integer vms;
  private Integer diskGib;
  private Integer aiEndpoints;
  private BigDecimal budgetEur;

  /** Loads the tenant's limits once per view. */
  public void open() {
    if (tenantId == null || vcpu != null || memoryGib != null || budgetEur != null) {
      return;
    }
    QuotaLimits l = quotas.tenantLimits(tenantId);
    vcpu = l.vcpu();
    memoryGib = l.memoryMib() == null ? null : (int) (l.memoryMib() / 1024);
    gpus = l.gpus();
    vms = l.vms();
    diskGib = l.diskGib();
    aiEndpoints = l.aiEndpoints();
    budgetEur = l.monthlyBudgetEur();
  }

  public void save() {
    try {
      quotas.setTenantLimits(
          tenantId,
          new QuotaLimits(
              vcpu,
              memoryGib == null ? null : memoryGib * 1024L,
              gpus,
              vms,
              diskGib,
              aiEndpoints,
              budgetEur));
      FormMessages.info("tenantQuota.saved");
    } catch (InvalidInputException e) {
      FormMessages.show("tenantQuota", e.errors());
    }
  }

  public Long getTenantId() {
    return tenantId;
  }

  public void setTenantId(Long tenantId) {
    this.tenantId = tenantId;
  }

  public Integer getVcpu() {
    return vcpu;
  }

  public void setVcpu(Integer vcpu) {
    this.vcpu = vcpu;
  }

  public Integer getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(Integer memoryGib) {
    this.memoryGib = memoryGib;
  }

  public Integer getGpus() {
    return gpus;
  }

  public void setGpus(Integer gpus) {
    this.gpus = gpus;
  }

  public Integer getVms() {
    return vms;
  }

  public void setVms(Integer vms) {
    this.vms = vms;
  }

  public Integer getDiskGib() {
    return diskGib;
  }

  public void setDiskGib(Integer diskGib) {
    this.diskGib = diskGib;
  }

  public Integer getAiEndpoints() {
    return aiEndpoints;
  }

  public void setAiEndpoints(Integer aiEndpoints) {
    this.aiEndpoints = aiEndpoints;
  }

  public BigDecimal getBudgetEur() {
    return budgetEur;
  }

  public void setBudgetEur(BigDecimal budgetEur) {
    this.budgetEur = budgetEur;
  }
}
