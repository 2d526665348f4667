package eu.federa.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * What a tenant may use at once; a {@code null} limit is unlimited. Embedded in plans and in each
 * tenant's grant.
 *
 * @param monthlyBudgetEur spend per calendar month (UTC), in euros
 */
@Embeddable
public record QuotaLimits(
    Integer vcpu,
    @Column(name = "memory_mib") Long memoryMib,
    Integer gpus,
    Integer vms,
    @Column(name = "disk_gib") Integer diskGib,
    @Column(name = "ai_endpoints") Integer aiEndpoints,
    @Column(name = "monthly_budget_eur", precision = 12, scale = 2) BigDecimal monthlyBudgetEur)
    implements Serializable {

  /**
   * The first resource that {@code wanted} on top of {@code held} would take beyond its limit, or
   * {@code null} when it all fits. A limit lowered below what is held refuses every new order that
   * needs that resource, and nothing else.
   */
  public QuotaResource exceededBy(Usage held, Usage wanted) {
    for (QuotaResource resource : QuotaResource.values()) {
      Long limit = resource.limitIn(this);
      long more = resource.of(wanted);
      if (limit != null && more > 0 && resource.of(held) + more > limit) {
        return resource;
      }
    }
    return null;
  }
}
