package eu.federa.quota.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaService;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Backs the quota part of a project's page: what the project holds against its own limits, and for
 * tenant admins the form that sets them (within the organisation's). Memory is entered in GiB.
 */
@Named
@ViewScoped
public class ProjectQuotaPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient QuotaService quotas;
  @Inject transient CurrentTenant tenant;

  private Long projectId;
  private QuotaService.TenantUsage usage;
  private Integer vcpu;
  private Integer memoryGib;
  private Integer gpus;
  private Integer vms;
  private Integer diskGib;
  private Integer aiEndpoints;

  /** Loads the project's quota once per view. */
  public void open(Long projectId) {
    if (projectId == null || tenant.getId() == null || projectId.equals(this.projectId)) {
      return;
    }
    this.projectId = projectId;
    load();
  }

  private void load() {
    usage = quotas.projectUsage(tenant.getId(), projectId);
    QuotaLimits limits = quotas.projectLimits(tenant.getId(), projectId);
    if (limits != null) {
      vcpu = limits.vcpu();
      memoryGib = limits.memoryMib() == null ? null : (int) (limits.memoryMib() / 1024);
      gpus = limits.gpus();
      vms = limits.vms();
      diskGib = limits.diskGib();
      aiEndpoints = limits.aiEndpoints();
    }
  }

  public void save() {
    try {
      quotas.setProjectLimits(
          tenant.getId(),
          projectId,
          new QuotaLimits(
              vcpu,
              memoryGib == null ? null : memoryGib * 1024L,
              gpus,
              vms,
              diskGib,
              aiEndpoints,
              null));
      FormMessages.info("projectQuota.saved");
      load();
    } catch (InvalidInputException e) {
      FormMessages.show("projectQuota", e.errors());
    }
  }

  public QuotaService.TenantUsage getUsage() {
    return usage;
  }

  public boolean isCanEdit() {
    return tenant.isAdmin();
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
}
