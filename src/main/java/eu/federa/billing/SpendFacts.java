package eu.federa.billing;

import eu.federa.platform.persistence.Row;
import eu.federa.tenancy.TenantFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * For the platform admins' directory: what each organisation spent this month so far ({@link
 * Fact#SPEND_THIS_MONTH_EUR}, rated as its Costs page rates it) and its invoices ({@link
 * Fact#INVOICES}).
 */
public abstract class SpendFacts implements TenantFacts {

  /** This month's spend. */
  @ApplicationScoped
  public static class Spend extends SpendFacts {
    @Inject CostService costs;

    @Override
    public Fact fact() {
      return Fact.SPEND_THIS_MONTH_EUR;
    }

    @Override
    public Map<Long, Object> of(Collection<Long> tenantIds) {
      return new HashMap<>(costs.spentThisMonth(tenantIds));
    }
  }

  /** The issued invoices. */
  @ApplicationScoped
  public static class Invoices extends SpendFacts {
    @PersistenceContext(unitName = "federa")
    EntityManager em;

    @Override
    public Fact fact() {
      return Fact.INVOICES;
    }

    @Override
    public Map<Long, Object> of(Collection<Long> tenantIds) {
      Map<Long, Object> invoices = new HashMap<>();
      Row.all(
              em.createNativeQuery(
                      "SELECT tenant_id, COUNT(*), MAX(month_start) FROM invoice WHERE tenant_id"
                          + " IN (?1) AND state = 'ISSUED' GROUP BY tenant_id")
                  .setParameter(1, tenantIds))
          .forEach(
              r ->
                  invoices.put(
                      r.lng(0),
                      new TenantFacts.Invoices(r.lng(1), java.time.YearMonth.from(r.date(2)))));
      return invoices;
    }
  }
}
