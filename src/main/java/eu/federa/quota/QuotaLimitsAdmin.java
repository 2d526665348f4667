package eu.federa.quota;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Administration of limits: platform admins set a tenant's limits and its limits per GPU model,
 * tenant admins a project's own limits within the tenant's. Every change is checked (no negative or
 * absurd value, a project never above its tenant) and audited.
 */
@ApplicationScoped
public class QuotaLimitsAdmin {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject QuotaHoldings holdings;

  /** The largest limit accepted per resource: anything above is a typing error. */
  private static long absurdAbove(QuotaResource r) {
    return switch (r) {
      case VCPU, VMS -> 1_000_000L;
      case MEMORY_MIB -> 1L << 30; // 1 PiB in MiB
      case GPUS, AI_ENDPOINTS -> 100_000L;
      case DISK_GIB -> 100_000_000L;
    };
  }

  /** The form field of a resource, for field errors. */
  public static String field(QuotaResource r) {
    return switch (r) {
      case VCPU -> "vcpu";
      case MEMORY_MIB -> "memory";
      case GPUS -> "gpus";
      case VMS -> "vms";
      case DISK_GIB -> "disk";
      case AI_ENDPOINTS -> "ai";
    };
  }

  /** The most a monthly budget may be: above, it is a typing error. */
  private static final BigDecimal ABSURD_BUDGET_EUR = new BigDecimal("1000000000");

  /**
   * Changes a tenant's limits (platform admins). A null limit is unlimited, explicitly. A limit
   * below what the tenant holds is allowed: new orders of that resource are refused, and the usage
   * page shows it.
   *
   * @throws eu.federa.platform.validation.InvalidInputException for a negative or absurd limit
   */
  @Transactional
  public void setTenantLimits(long tenantId, QuotaLimits limits) {
    caller.requirePlatformAdmin();
    TenantQuota tenantQuota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (tenantQuota == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    List<FieldError> errors = new ArrayList<>();
    for (QuotaResource r : QuotaResource.values()) {
      Long value = r.limitIn(limits);
      if (value != null && value < 0) {
        errors.add(FieldError.of(field(r), "quota.error.negative"));
      } else if (value != null && value > absurdAbove(r)) {
        errors.add(FieldError.of(field(r), "quota.error.absurd", absurdAbove(r)));
      }
    }
    BigDecimal budget = limits.monthlyBudgetEur();
    if (budget != null && budget.signum() < 0) {
      errors.add(FieldError.of("budget", "quota.error.negative"));
    } else if (budget != null && budget.compareTo(ABSURD_BUDGET_EUR) > 0) {
      errors.add(FieldError.of("budget", "quota.error.absurd", ABSURD_BUDGET_EUR.toPlainString()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    QuotaLimits scaled =
        new QuotaLimits(
            limits.vcpu(),
            limits.memoryMib(),
            limits.gpus(),
            limits.vms(),
            limits.diskGib(),
            limits.aiEndpoints(),
            budget == null ? null : budget.setScale(2, RoundingMode.HALF_EVEN));
    QuotaLimits before = tenantQuota.limits();
    tenantQuota.change(scaled, caller.user().map(u -> u.subject()).orElse("?"), clock.instant());
    audit.success(
        AuditAction.TENANT_QUOTA_CHANGED,
        tenantId,
        AuditTarget.Word.QUOTA.text(),
        Changes.between(before, scaled, Set.of()));
  }

  /** A tenant's limits (platform admins), for the form that changes them. */
  @Transactional
  public QuotaLimits tenantLimits(long tenantId) {
    caller.requirePlatformAdmin();
    TenantQuota tenantQuota = em.find(TenantQuota.class, tenantId);
    if (tenantQuota == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    return tenantQuota.limits();
  }

  /**
   * Sets a project's own limits (tenant admins), each within the tenant's; all null removes them
   * (only the tenant's apply). A limit below what the project holds is allowed: its new orders of
   * that resource are refused.
   *
   * @throws eu.federa.platform.validation.InvalidInputException for a negative or absurd limit, or
   *     one above the tenant's
   */
  @Transactional
  public void setProjectLimits(long tenantId, long projectId, QuotaLimits limits) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    holdings.requireProjectOf(tenantId, projectId);
    TenantQuota tenantQuota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (tenantQuota == null) {
      throw new ConflictException("quota.none");
    }
    List<FieldError> errors = new ArrayList<>();
    boolean any = false;
    for (QuotaResource r : QuotaResource.values()) {
      Long value = r.limitIn(limits);
      if (value == null) {
        continue;
      }
      any = true;
      Long tenantLimit = r.limitIn(tenantQuota.limits());
      if (value < 0) {
        errors.add(FieldError.of(field(r), "quota.error.negative"));
      } else if (value > absurdAbove(r)) {
        errors.add(FieldError.of(field(r), "quota.error.absurd", absurdAbove(r)));
      } else if (tenantLimit != null && value > tenantLimit) {
        errors.add(FieldError.of(field(r), "quota.error.aboveTenant", tenantLimit));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    QuotaLimits before = holdings.projectLimits(projectId);
    em.createNativeQuery("DELETE FROM project_quota WHERE project_id = ?1")
        .setParameter(1, projectId)
        .executeUpdate();
    if (any) {
      em.createNativeQuery(
              "INSERT INTO project_quota (project_id, tenant_id, vcpu, memory_mib, gpus, vms,"
                  + " disk_gib, ai_endpoints, set_by, set_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
          .setParameter(1, projectId)
          .setParameter(2, tenantId)
          .setParameter(3, limits.vcpu())
          .setParameter(4, limits.memoryMib())
          .setParameter(5, limits.gpus())
          .setParameter(6, limits.vms())
          .setParameter(7, limits.diskGib())
          .setParameter(8, limits.aiEndpoints())
          .setParameter(9, caller.user().map(u -> u.subject()).orElse("?"))
          .setParameter(10, clock.instant())
          .executeUpdate();
    }
    audit.success(
        AuditAction.PROJECT_QUOTA_CHANGED,
        tenantId,
        AuditTarget.Kind.PROJECT.of(projectId),
        before == null || !any
            ? Changes.field("limits", before, any ? limits : null)
            : Changes.between(before, limits, Set.of()));
  }

  /** A project's own limits, or null, for its form. */
  @Transactional
  public QuotaLimits projectLimits(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    holdings.requireProjectOf(tenantId, projectId);
    return holdings.projectLimits(projectId);
  }

  /**
   * Sets how many GPUs of one model a tenant may hold (platform admins); null removes the limit.
   *
   * @throws eu.federa.platform.validation.InvalidInputException for a bad model name or count
   */
  @Transactional
  public void setGpuLimit(long tenantId, String gpuModel, Integer gpus) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>();
    String model = gpuModel == null ? "" : gpuModel.trim();
    if (!model.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}")) {
      errors.add(FieldError.of("gpuModel", "quota.error.gpuModel"));
    }
    if (gpus != null && (gpus < 0 || gpus > absurdAbove(QuotaResource.GPUS))) {
      errors.add(FieldError.of("gpuLimit", "quota.error.absurd", absurdAbove(QuotaResource.GPUS)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE) == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    Integer before =
        Row.first(
                em.createNativeQuery(
                        "SELECT gpus FROM tenant_gpu_quota WHERE tenant_id = ?1 AND gpu_model = ?2")
                    .setParameter(1, tenantId)
                    .setParameter(2, model))
            .map(r -> r.integer(0))
            .orElse(null);
    em.createNativeQuery("DELETE FROM tenant_gpu_quota WHERE tenant_id = ?1 AND gpu_model = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, model)
        .executeUpdate();
    if (gpus != null) {
      em.createNativeQuery(
              "INSERT INTO tenant_gpu_quota (tenant_id, gpu_model, gpus, set_by, set_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, tenantId)
          .setParameter(2, model)
          .setParameter(3, gpus)
          .setParameter(4, caller.user().map(u -> u.subject()).orElse("?"))
          .setParameter(5, clock.instant())
          .executeUpdate();
    }
    audit.success(
        AuditAction.GPU_QUOTA_CHANGED,
        tenantId,
        AuditTarget.Kind.GPU.of(model),
        Changes.field("GPUs", before, gpus));
  }
}
