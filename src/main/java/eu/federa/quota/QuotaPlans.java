package eu.federa.quota;

import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantApproved;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The plans of quotas, and the limits each tenant was granted. */
@ApplicationScoped
public class QuotaPlans {

  /** The plan an approval grants unless the platform admin chooses another. */
  public static final String DEFAULT_PLAN = "standard";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject TenantAccess access;
  @Inject Clock clock;

  @Transactional
  public List<QuotaPlan> plans() {
    return em.createQuery("select p from QuotaPlan p order by p.position", QuotaPlan.class)
        .getResultList();
  }

  /**
   * Grants the chosen plan's limits to a tenant being approved, in the approval's transaction: an
   * unknown plan refuses the approval as a whole.
   */
  void grantAtApproval(@Observes TenantApproved approved) {
    String code = approved.planCode() == null ? DEFAULT_PLAN : approved.planCode();
    QuotaPlan plan = em.find(QuotaPlan.class, code);
    if (plan == null) {
      throw new InvalidInputException(FieldError.of("plan", "quota.error.plan", code));
    }
    em.persist(new TenantQuota(approved.tenantId(), plan, grantor(), clock.instant()));
  }

  /** Who grants: the approving admin, or "system" at start-up (demo import, no request). */
  private String grantor() {
    try {
      return caller.user().map(u -> u.subject()).orElse("system");
    } catch (ContextNotActiveException noRequest) {
      return "system";
    }
  }

  /** The tenant's limits, for any of its members; empty when none were granted. */
  @Transactional
  public Optional<TenantQuota> of(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return Optional.ofNullable(em.find(TenantQuota.class, tenantId));
  }
}
