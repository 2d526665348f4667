package eu.federa.portability.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.portability.ExportView;
import eu.federa.portability.Exports;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs {@code exports.xhtml}: a tenant admin asks for an export of everything the organisation
 * holds, follows it being written (refreshed meanwhile) and downloads it while it is kept.
 */
@Named
@ViewScoped
public class ExportsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient Exports exports;
  @Inject transient CurrentTenant tenant;

  private List<ExportView> list = List.of();

  public void load() {
    list = tenant.getId() == null || !tenant.isAdmin() ? List.of() : exports.list(tenant.getId());
  }

  public void refresh() {
    load();
  }

  /** Whether one is being made, for the page's poll. */
  public boolean isBusy() {
    return list.stream().anyMatch(e -> e.state().inProgress());
  }

  public void request() {
    try {
      exports.request(tenant.getId());
      FormMessages.info("export.requested");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
    load();
  }

  /** Whether the caller may ask for and download exports: the organisation's admins. */
  public boolean isAllowed() {
    return tenant.getId() != null && tenant.isAdmin();
  }

  /** The API address a bundle is downloaded from. */
  public String downloadPath(long exportId) {
    return "/api/v1/tenants/" + tenant.getId() + "/exports/" + exportId + "/bundle";
  }

  public List<ExportView> getList() {
    return list;
  }
}
