package eu.federa.tenancy.web;

import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.MoveConsent;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Backs, on the moves page, whether the organisation lets the platform move its VMs to another
 * provider when it rebalances: members see it, tenant admins change it.
 */
@Named
@ViewScoped
public class MoveConsentPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject MoveConsent consent;
  @Inject CurrentTenant tenant;

  private boolean allowed;

  @PostConstruct
  void open() {
    allowed = tenant.getId() != null && consent.given(tenant.getId());
  }

  public void save() {
    consent.set(tenant.getId(), allowed);
    FormMessages.info(allowed ? "moveConsent.given" : "moveConsent.withdrawn");
  }

  public boolean isAllowed() {
    return allowed;
  }

  public void setAllowed(boolean allowed) {
    this.allowed = allowed;
  }
}
