package eu.federa.network;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;

/** A tenant's firewall in its export bundle: its inbound rules, as its members see them. */
@ApplicationScoped
public class NetworkExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public String name() {
    return "network";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    // The organisation's rules apply to every project's VMs: in a project's bundle too.
    long tenantId = scope.tenantId();
    bundle.items(
        "firewall-rules.json",
        "firewall-rules",
        em.createQuery(
                "select r from SecurityRule r where r.tenantId = :t order by r.id",
                SecurityRule.class)
            .setParameter("t", tenantId)
            .getResultStream()
            .map(SecurityGroups::view));
  }
}
