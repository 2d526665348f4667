package eu.federa.audit.web;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditChain;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditFilter;
import eu.federa.audit.AuditFilterFields;
import eu.federa.audit.AuditLog;
import eu.federa.audit.ChainVerification;
import eu.federa.platform.directory.OrganisationNames;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the platform admins' audit trail of the whole federation: filtered (time, actor, action,
 * tenant) and paged on the server, exported with the same filter, and the check of its chain.
 */
@Named
@ViewScoped
public class AuditTrailPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CurrentUser caller;
  @Inject AuditChain chain;

  private final AuditFilterFields filter = new AuditFilterFields();
  private LazyDataModel<AuditEntry> entries;
  private ChainVerification verification;
  private HashMap<Long, String> tenantNames = new HashMap<>();

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin(); // before anything renders; the list checks again
    list(AuditFilter.NONE);
  }

  /** Applies the filter's fields; an unreadable one is named and the list stays as it was. */
  public void applyFilter() {
    try {
      list(filter.apply(CDI.current().select(OrganisationNames.class).get()::named));
    } catch (InvalidInputException e) {
      FormMessages.show("audit", e.errors());
    }
  }

  private void list(AuditFilter applied) {
    entries =
        new ServerPagedList<>(
            () -> CDI.current().select(AuditLog.class).get().countAll(applied),
            (first, max) ->
                named(CDI.current().select(AuditLog.class).get().all(applied, first, max)),
            AuditEntry::id);
  }

  /** Keeps the names of the page's organisations (one statement), for its Organisation column. */
  private List<AuditEntry> named(List<AuditEntry> page) {
    Set<Long> ids =
        page.stream()
            .map(AuditEntry::tenantId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    tenantNames = new HashMap<>(CDI.current().select(OrganisationNames.class).get().names(ids));
    return page;
  }

  /** The names of the organisations of the page shown, by id (an entry's id when absent). */
  public Map<Long, String> getTenantNames() {
    return tenantNames;
  }

  /** The export of what the list shows, in {@code format} (csv, json), under the API's path. */
  public String exportPath(String format) {
    return "/api/v1/audit/export?" + filter.exportQuery(format);
  }

  /** Checks the whole chain now. */
  public void verify() {
    verification = chain.verify();
  }

  public ChainVerification getVerification() {
    return verification;
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
}
