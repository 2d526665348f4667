package eu.federa.tenancy.web;

import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditFilter;
import eu.federa.audit.AuditLog;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.TenantAdministration;
import eu.federa.tenancy.TenantAdministration.Detail;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Backs one organisation's page for platform admins: its figures, projects, members and latest
 * audit entries in one place, and its suspension or resumption.
 */
@Named
@ViewScoped
public class OrganisationPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  /** How many of its latest audit entries the page shows. */
  static final int LATEST = 10;

  @Inject TenantAdministration directory;
  @Inject AuditLog audit;

  private Long id;
  private Detail detail;
  private LazyDataModel<TenantAdministration.Member> members;
  private List<AuditEntry> latest = List.of();
  private String reason;
  private boolean powerOff;

  /** Loads the organisation named by {@code ?id=}; an unknown one answers 404. */
  public void open() throws IOException {
    if (id == null) {
      Pages.notFound();
      return;
    }
    try {
      load();
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  private void load() {
    detail = directory.detail(id);
    long tenantId = id;
    members =
        ServerPagedList.of(
            TenantAdministration.class,
            (service, first, max) -> service.members(tenantId, first, max),
            ROWS,
            TenantAdministration.Member::id);
    latest = audit.all(AuditFilter.NONE.inTenant(id), 0, LATEST);
  }

  public void suspend() {
    try {
      directory.suspend(id, reason, powerOff);
      reason = null;
      powerOff = false;
      FormMessages.info("tenantAdmin.suspended");
    } catch (InvalidInputException e) {
      FormMessages.show("organisation", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    load();
  }

  public void resume() {
    try {
      directory.resume(id);
      FormMessages.info("tenantAdmin.resumed");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    load();
  }

  /** The export of the organisation's whole audit trail, under the API's path. */
  public String getAuditExportPath() {
    return "/api/v1/audit/export?format=csv&tenant=" + id;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  /** The organisation's members, a page at a time from the database. */
  public LazyDataModel<TenantAdministration.Member> getMembers() {
    return members;
  }

  public Detail getDetail() {
    return detail;
  }

  public List<AuditEntry> getLatest() {
    return latest;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public boolean isPowerOff() {
    return powerOff;
  }

  public void setPowerOff(boolean powerOff) {
    this.powerOff = powerOff;
  }

  public int getRows() {
    return ROWS;
  }
}
