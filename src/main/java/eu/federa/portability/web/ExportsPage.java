package eu.federa.portability.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.portability.ExportView;
import eu.federa.portability.Exports;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code exports.xhtml}: a tenant admin asks for an export of everything the organisation
 * holds (or of one project; a project's admin, of that project), follows it being written
 * (refreshed meanwhile) and downloads it while it is kept.
 */
@Named
@ViewScoped
public class ExportsPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject Exports exports;
  @Inject CurrentTenant tenant;

  @Inject eu.federa.tenancy.TeamProjects teamProjects;

  private LazyDataModel<ExportView> list;
  private java.util.Map<Long, String> projects = new java.util.LinkedHashMap<>();
  private Long projectId;

  public void load() {
    if (!isAllowed()) {
      list = null;
      return;
    }
    long tenantId = tenant.getId();
    list =
        ServerPagedList.of(
            Exports.class,
            (service, first, max) -> service.page(tenantId, first, max),
            ROWS,
            ExportView::id);
    projects = new java.util.LinkedHashMap<>();
    for (var p : teamProjects.projectNames(tenant.getId())) {
      if (tenant.isAdmin() || tenant.getAdministeredProjects().contains(p.id())) {
        projects.put(p.id(), p.name());
      }
    }
    if (!tenant.isAdmin() && projectId == null && !projects.isEmpty()) {
      projectId = projects.keySet().iterator().next(); // a project admin exports a project
    }
  }

  public void refresh() {
    load();
  }

  /** Whether one is being made, for the page's poll. */
  public boolean isBusy() {
    return isAllowed() && exports.anyInProgress(tenant.getId());
  }

  public void request() {
    try {
      exports.request(tenant.getId(), projectId);
      FormMessages.info("export.requested");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
    load();
  }

  /**
   * Whether the caller may ask for and download exports: the organisation's admins, and the admins
   * of a project (for their projects).
   */
  public boolean isAllowed() {
    return tenant.getId() != null && tenant.isExporter();
  }

  /** The projects the caller may export one by one, by id. */
  public java.util.Map<Long, String> getProjects() {
    return projects;
  }

  /** What a bundle covers, for people: its project's name, or the whole organisation. */
  public String scopeOf(ExportView e) {
    return e.projectId() == null ? null : projects.getOrDefault(e.projectId(), "#" + e.projectId());
  }

  public Long getProjectId() {
    return projectId;
  }

  public void setProjectId(Long projectId) {
    this.projectId = projectId;
  }

  /** The API address a bundle is downloaded from. */
  public String downloadPath(long exportId) {
    return "/api/v1/tenants/" + tenant.getId() + "/exports/" + exportId + "/bundle";
  }

  public LazyDataModel<ExportView> getList() {
    return list;
  }

  public int getRows() {
    return ROWS;
  }
}
