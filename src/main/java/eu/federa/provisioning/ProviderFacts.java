package eu.federa.provisioning;

import eu.federa.platform.persistence.Row;
import eu.federa.tenancy.TenantFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For the platform admins' directory: the providers each organisation's VMs and AI services are at
 * now ({@link Fact#PROVIDERS}), and its VMs by state ({@link Fact#RESOURCES}).
 */
public abstract class ProviderFacts implements TenantFacts {

  /** The states of a VM that still holds something at a provider. */
  static final String HELD =
      "state NOT IN ('TERMINATED', 'FAILED', 'REJECTED', 'EXPIRED', 'VANISHED',"
          + " 'AWAITING_APPROVAL')";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** The providers in use. */
  @ApplicationScoped
  public static class Providers extends ProviderFacts {
    @Override
    public Fact fact() {
      return Fact.PROVIDERS;
    }

    @Override
    public Map<Long, Object> of(Collection<Long> tenantIds) {
      Map<Long, Object> providers = new HashMap<>();
      Row.all(
              em.createNativeQuery(
                      "SELECT DISTINCT tenant_id, provider_name FROM vm_order WHERE tenant_id IN"
                          + " (?1) AND provider_name IS NOT NULL AND "
                          + HELD
                          + " ORDER BY tenant_id, provider_name")
                  .setParameter(1, tenantIds))
          .forEach(
              r -> {
                @SuppressWarnings("unchecked")
                List<String> names =
                    (List<String>)
                        providers.computeIfAbsent(r.lng(0), t -> new ArrayList<String>());
                names.add(r.str(1));
              });
      return providers;
    }
  }

  /** The VMs by state. */
  @ApplicationScoped
  public static class Resources extends ProviderFacts {
    @Override
    public Fact fact() {
      return Fact.RESOURCES;
    }

    @Override
    public Map<Long, Object> of(Collection<Long> tenantIds) {
      Map<Long, Object> states = new HashMap<>();
      Row.all(
              em.createNativeQuery(
                      "SELECT tenant_id, state, COUNT(*) FROM vm_order WHERE tenant_id IN (?1)"
                          + " AND "
                          + HELD
                          + " GROUP BY tenant_id, state ORDER BY tenant_id, COUNT(*) DESC, state")
                  .setParameter(1, tenantIds))
          .forEach(
              r -> {
                @SuppressWarnings("unchecked")
                Map<String, Long> byState =
                    (Map<String, Long>)
                        states.computeIfAbsent(r.lng(0), t -> new java.util.LinkedHashMap<>());
                byState.put(r.str(1), r.lng(2));
              });
      return states;
    }
  }
}
