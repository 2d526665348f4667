package eu.federa.quota;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.stream.Stream;

/**
 * A tenant's quota in its export bundle: the limits it was granted (and the plan they came from),
 * and what each of its resources holds of them now.
 */
@ApplicationScoped
public class QuotaExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** The tenant's limits; null where unlimited. */
  public record Limits(String planCode, QuotaLimits limits) {}

  /** What one order, volume, snapshot or backup holds ({@code ref}), reserved or in use. */
  public record Holding(
      String ref,
      Long projectId,
      String state,
      int vcpu,
      long memoryMib,
      int gpus,
      String gpuModel,
      int vms,
      int diskGib,
      int aiEndpoints) {}

  @Override
  public String name() {
    return "quota";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    long tenantId = scope.tenantId();
    TenantQuota quota = em.find(TenantQuota.class, tenantId);
    bundle.items(
        "quota-limits.json",
        "quota-limits",
        quota == null
            ? Stream.empty()
            : Stream.of(new Limits(quota.getPlanCode(), quota.limits())));
    bundle.items(
        "quota-holdings.json",
        "quota-holdings",
        Row.all(
                em.createNativeQuery(
                        "SELECT order_ref, project_id, state, vcpu, memory_mib, gpus, gpu_model,"
                            + " vms, disk_gib, ai_endpoints FROM quota_reservation"
                            + " WHERE tenant_id = ?1 AND (?2 IS NULL OR project_id = ?2)"
                            + " ORDER BY order_ref")
                    .setParameter(1, tenantId)
                    .setParameter(2, scope.projectId()))
            .stream()
            .map(
                r ->
                    new Holding(
                        r.str(0),
                        r.lngOrNull(1),
                        r.str(2),
                        r.integer(3),
                        r.lng(4),
                        r.integer(5),
                        r.str(6),
                        r.integer(7),
                        r.integer(8),
                        r.integer(9))));
  }
}
