package eu.federa.quota;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
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

  /** A tenant's grant as its pages show it: the plan the limits came from, and the limits. */
  public record Granted(String planCode, QuotaLimits limits) {}

  /** The columns of a grant as {@link GrantRead} reads them: {@link TenantQuota}'s. */
  static final List<UnionRead.Column> GRANT_COLUMNS =
      List.of(
          UnionRead.Column.text("plan_code"),
          UnionRead.Column.number("vcpu"),
          UnionRead.Column.number("memory_mib"),
          UnionRead.Column.number("gpus"),
          UnionRead.Column.number("vms"),
          UnionRead.Column.number("disk_gib"),
          UnionRead.Column.number("ai_endpoints"),
          UnionRead.Column.decimal("monthly_budget_eur"));

  /**
   * The tenant's grant, as a part of a read of several capabilities ({@link UnionRead}): the
   * dashboard reads it in the statement of its cards. The caller has checked that its caller may
   * see the tenant ({@link TenantPermission#VIEW}).
   */
  public static GrantRead grantedWith(UnionRead read, long tenantId) {
    read.set("grantTenant", tenantId);
    return new GrantRead(
        read.add(GRANT_COLUMNS, "FROM tenant_quota WHERE tenant_id = :grantTenant"));
  }

  /** The grant's part of a read. */
  public static final class GrantRead {
    private final UnionRead.Part part;

    private GrantRead(UnionRead.Part part) {
      this.part = part;
    }

    /** What the read found; empty when no limits were granted. */
    public Optional<Granted> of(UnionRead.Result result) {
      return part.rows(result).stream().findFirst().map(QuotaPlans::granted);
    }
  }

  static Granted granted(Row row) {
    return new Granted(
        row.str(0),
        new QuotaLimits(
            row.intOrNull(1),
            row.lngOrNull(2),
            row.intOrNull(3),
            row.intOrNull(4),
            row.intOrNull(5),
            row.intOrNull(6),
            row.decimal(7)));
  }
}
