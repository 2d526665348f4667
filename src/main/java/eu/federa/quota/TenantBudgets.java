package eu.federa.quota;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.validation.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The monthly budget kept with a tenant's quota: its amount (granted with the limits) and what
 * happens when it is spent (the tenant's choice). Quota owns the row; billing reads and sets the
 * budget through here, and checks spending against it.
 */
@ApplicationScoped
public class TenantBudgets {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /**
   * @param eurPerMonth null when the tenant has no budget
   * @param action {@code ALERT} or {@code BLOCK}
   */
  public record Budget(BigDecimal eurPerMonth, String action) {}

  /** The tenant's budget, or empty when it has no quota granted. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Budget> of(long tenantId) {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                    "SELECT monthly_budget_eur, budget_action FROM tenant_quota WHERE tenant_id = ?1")
                .setParameter(1, tenantId));
    return rows.stream().findFirst().map(r -> new Budget(r.decimal(0), r.str(1)));
  }

  /**
   * Records what happens when the budget is spent; the caller checked the value and the right.
   *
   * @throws ConflictException when the tenant has no quota granted
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void setAction(long tenantId, String action) {
    int changed =
        em.createNativeQuery("UPDATE tenant_quota SET budget_action = ?1 WHERE tenant_id = ?2")
            .setParameter(1, action)
            .setParameter(2, tenantId)
            .executeUpdate();
    if (changed == 0) {
      throw new ConflictException("quota.none");
    }
  }

  /** The tenants with a budget. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Long> tenantsWithBudget() {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT tenant_id FROM tenant_quota WHERE monthly_budget_eur IS NOT NULL")
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }
}
