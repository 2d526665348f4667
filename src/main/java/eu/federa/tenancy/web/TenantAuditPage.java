package eu.federa.tenancy.web;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditFilter;
import eu.federa.audit.AuditFilterFields;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantActivity;
import eu.federa.tenancy.TenantPermission;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the tenant admins' audit log: their tenant's entries only, filtered and paged on the
 * server, exported as CSV or JSON through the API with the same filter.
 */
@Named
@ViewScoped
public class TenantAuditPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TenantAccess access;
  @Inject CurrentTenant currentTenant;

  private final AuditFilterFields filter = new AuditFilterFields();
  private LazyDataModel<AuditEntry> entries;
  private Long tenantId;

  @PostConstruct
  void open() {
    tenantId = currentTenant.getId();
    if (tenantId != null) {
      access.check(tenantId, TenantPermission.READ_AUDIT); // before anything renders
      list(AuditFilter.NONE);
    }
  }

  /** Applies the filter's fields; an unreadable one is named and the list stays as it was. */
  public void applyFilter() {
    try {
      list(filter.apply());
    } catch (InvalidInputException e) {
      FormMessages.show("audit", e.errors());
    }
  }

  private void list(AuditFilter applied) {
    long id = tenantId;
    entries =
        new ServerPagedList<>(
            () -> CDI.current().select(TenantActivity.class).get().auditCount(id, applied),
            (first, max) ->
                CDI.current().select(TenantActivity.class).get().auditLog(id, applied, first, max),
            AuditEntry::id);
  }

  /** The export of what the list shows, in {@code format} (csv, json), under the API's path. */
  public String exportPath(String format) {
    return "/api/v1/tenants/" + tenantId + "/audit/export?" + filter.exportQuery(format);
  }

  public AuditFilterFields getFilter() {
    return filter;
  }

  public AuditAction[] getActions() {
    return AuditAction.values();
  }

  public LazyDataModel<AuditEntry> getEntries() {
    return entries;
  }

  public boolean isMember() {
    return tenantId != null;
  }
}
