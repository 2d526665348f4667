package eu.federa.network;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** A leaving tenant's firewall rules (they say who added them), deleted. */
@ApplicationScoped
public class NetworkErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 50;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long rules =
        em.createNativeQuery("DELETE FROM security_rule WHERE tenant_id = ?1")
            .setParameter(1, context.tenantId())
            .executeUpdate();
    long groups =
        em.createNativeQuery("DELETE FROM security_group WHERE tenant_id = ?1")
            .setParameter(1, context.tenantId())
            .executeUpdate();
    return List.of(
        Erased.deleted("firewall rules", rules),
        Erased.deleted("firewall (security group)", groups));
  }
}
