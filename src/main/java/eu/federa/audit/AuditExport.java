package eu.federa.audit;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;

/** A tenant's audit log in its export bundle: every event recorded in the tenant, oldest first. */
@ApplicationScoped
public class AuditExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    if (!scope.wholeTenant()) {
      return; // the organisation's trail: a tenant admin's to read
    }
    long tenantId = scope.tenantId();
    bundle.items(
        "audit-log.json",
        "audit-log",
        em.createQuery(
                "select e from AuditEvent e where e.tenantId = :t order by e.id", AuditEvent.class)
            .setParameter("t", tenantId)
            .getResultStream()
            .map(
                e -> {
                  AuditEntry entry = e.entry();
                  em.detach(e);
                  return entry;
                }));
  }
}
