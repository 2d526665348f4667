package eu.federa.provisioning.web;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.FormMessages;
import eu.federa.provisioning.QuotaDrift;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Backs the drift part of the usage page (platform admins): differences and recounts. */
@Named
@RequestScoped
public class DriftPage {

  @Inject QuotaDrift drift;
  @Inject CurrentUser caller;

  private List<QuotaDrift.Drift> differences = List.of();

  @PostConstruct
  void load() {
    if (caller.isPlatformAdmin()) {
      differences = drift.differences();
    }
  }

  public void recount(long tenantId) {
    int changed = drift.recount(tenantId);
    FormMessages.info("drift.recounted", changed);
    load();
  }

  public List<QuotaDrift.Drift> getDifferences() {
    return differences;
  }

  public boolean isAdmin() {
    return caller.isPlatformAdmin();
  }
}
