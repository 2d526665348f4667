package eu.federa.audit.web;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditLog;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.web.ServerPagedList;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/** Backs the platform admins' audit trail of the whole federation, filterable by action. */
@Named
@ViewScoped
public class AuditTrailPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CurrentUser caller;

  private AuditAction action;
  private LazyDataModel<AuditEntry> entries;

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin(); // before anything renders; the list checks again
    filter();
  }

  public void filter() {
    AuditAction only = action;
    entries =
        new ServerPagedList<>(
            () -> CDI.current().select(AuditLog.class).get().countAll(only),
            (first, max) -> CDI.current().select(AuditLog.class).get().all(only, first, max),
            AuditEntry::id);
  }

  public AuditAction[] getActions() {
    return AuditAction.values();
  }

  public AuditAction getAction() {
    return action;
  }

  public void setAction(AuditAction action) {
    this.action = action;
  }

  public LazyDataModel<AuditEntry> getEntries() {
    return entries;
  }
}
