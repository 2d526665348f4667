package eu.federa.quota.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaLimitsAdmin;
import eu.federa.quota.QuotaUsage;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Backs the quota part of a project's page: what the project holds against its own limits, and for
 * tenant admins the form that sets them (within the organisation's).
 */
@Named
@ViewScoped
public class ProjectQuotaPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject QuotaLimitsAdmin limitsAdmin;
  @Inject QuotaUsage usages;
  @Inject CurrentTenant tenant;

  private Long projectId;
  private QuotaUsage.TenantUsage usage;
  private LimitsForm form = new LimitsForm();

  /** Loads the project's quota once per view. */
  public void open(Long projectId) {
    if (projectId == null || tenant.getId() == null || projectId.equals(this.projectId)) {
      return;
    }
    this.projectId = projectId;
    load();
  }

  private void load() {
    QuotaUsage.ProjectQuota quota = usages.projectQuota(tenant.getId(), projectId);
    usage = quota.usage();
    form = LimitsForm.of(quota.ownLimits());
  }

  public void save() {
    try {
      QuotaLimits limits = form.toLimits();
      limitsAdmin.setProjectLimits(
          tenant.getId(),
          projectId,
          new QuotaLimits(
              limits.vcpu(),
              limits.memoryMib(),
              limits.gpus(),
              limits.vms(),
              limits.diskGib(),
              limits.aiEndpoints(),
              null));
      FormMessages.info("projectQuota.saved");
      load();
    } catch (InvalidInputException e) {
      FormMessages.show("projectQuota", e.errors());
    }
  }

  public QuotaUsage.TenantUsage getUsage() {
    return usage;
  }

  public LimitsForm getForm() {
    return form;
  }

  public boolean isCanEdit() {
    return tenant.isAdmin();
  }
}
