package eu.federa.quota;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * A leaving tenant's quotas and limits (they say who set them), deleted; its workloads have ended,
 * so nothing is held any more.
 */
@ApplicationScoped
public class QuotaErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 40;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    return List.of(
        Erased.deleted("quota reservations", delete("quota_reservation", context.tenantId())),
        Erased.deleted("project quotas", delete("project_quota", context.tenantId())),
        Erased.deleted("GPU quotas", delete("tenant_gpu_quota", context.tenantId())),
        Erased.deleted("organisation quota", delete("tenant_quota", context.tenantId())));
  }

  private long delete(String table, long tenantId) {
    return em.createNativeQuery("DELETE FROM " + table + " WHERE tenant_id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }
}
