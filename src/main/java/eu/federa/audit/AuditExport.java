package eu.federa.audit;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/** A tenant's audit log in its export bundle: every event recorded in the tenant, oldest first. */
@ApplicationScoped
public class AuditExport implements TenantDataSection {

  @Inject AuditLog log;

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    if (!scope.wholeTenant()) {
      return; // the organisation's trail: a tenant admin's to read
    }
    bundle.items(
        "audit-log.json",
        "audit-log",
        log.stream(AuditFilter.NONE.inTenant(scope.tenantId()), " order by e.id"));
  }
}
