package eu.federa.tenancy.web;

import eu.federa.audit.AuditEntry;
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

/** Backs the tenant admins' audit log: their tenant's entries only, paged on the server. */
@Named
@ViewScoped
public class TenantAuditPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TenantAccess access;
  @Inject CurrentTenant currentTenant;

  private LazyDataModel<AuditEntry> entries;
  private Long tenantId;

  @PostConstruct
  void open() {
    tenantId = currentTenant.getId();
    if (tenantId != null) {
      access.check(tenantId, TenantPermission.READ_AUDIT); // before anything renders
      long id = tenantId;
      entries =
          new ServerPagedList<>(
              () -> CDI.current().select(TenantActivity.class).get().auditCount(id),
              (first, max) ->
                  CDI.current().select(TenantActivity.class).get().auditLog(id, first, max),
              AuditEntry::id);
    }
  }

  public LazyDataModel<AuditEntry> getEntries() {
    return entries;
  }

  public boolean isMember() {
    return tenantId != null;
  }
}
