package eu.federa.quota.web;

import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.quota.QuotaLimitsAdmin;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Backs the platform admins' form that changes one organisation's limits and budget. */
@Named
@ViewScoped
public class TenantQuotaPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject QuotaLimitsAdmin quotas;

  private Long tenantId;
  private LimitsForm form;

  /** Loads the tenant's limits once per view. */
  public void open() {
    if (tenantId != null && form == null) {
      form = LimitsForm.of(quotas.tenantLimits(tenantId));
    }
  }

  public void save() {
    try {
      quotas.setTenantLimits(tenantId, form.toLimits());
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

  public LimitsForm getForm() {
    return form;
  }
}
