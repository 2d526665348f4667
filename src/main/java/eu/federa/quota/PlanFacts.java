package eu.federa.quota;

import eu.federa.platform.persistence.Row;
import eu.federa.tenancy.TenantFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Each organisation's quota plan, by name, for the platform admins' directory. */
@ApplicationScoped
public class PlanFacts implements TenantFacts {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public Fact fact() {
    return Fact.PLAN;
  }

  @Override
  public Map<Long, Object> of(Collection<Long> tenantIds) {
    Map<Long, Object> plans = new HashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT q.tenant_id, p.name FROM tenant_quota q JOIN quota_plan p"
                        + " ON p.code = q.plan_code WHERE q.tenant_id IN (?1)")
                .setParameter(1, tenantIds))
        .forEach(r -> plans.put(r.lng(0), r.str(1)));
    return plans;
  }
}
