package eu.federa.quota;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.platform.persistence.CurrentReads;
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
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quota reservations: an order reserves what it needs in its own transaction (together with its
 * capacity claim), the reservation is in use once the resource runs, and it is released when the
 * resource fails or is terminated. Reservations of one tenant are serialised by a lock on the
 * tenant's quota row, on every node: usage + reserved + requested never exceeds a limit.
 */
@ApplicationScoped
public class QuotaService {

  static final String RESERVED = "RESERVED";
  static final String IN_USE = "IN_USE";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject AuditLog audit;

  /**
   * Reserves {@code wanted} for {@code orderRef}, in the caller's transaction.
   *
   * @throws QuotaExceededException when a limit would be exceeded (nothing is reserved)
   * @throws ConflictException when the tenant has no quota granted
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void reserve(
      long tenantId, Long projectId, String gpuModel, String orderRef, Usage wanted) {
    requireRoom(tenantId, projectId, gpuModel, null, wanted);
    insert(tenantId, projectId, gpuModel, orderRef, RESERVED, wanted);
  }

  private void insert(
      long tenantId, Long projectId, String gpuModel, String orderRef, String state, Usage u) {
    em.createNativeQuery(
            "INSERT INTO quota_reservation (order_ref, tenant_id, project_id, state, vcpu,"
                + " memory_mib, gpus, gpu_model, vms, disk_gib, ai_endpoints, created_at,"
                + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)")
        .setParameter(1, orderRef)
        .setParameter(2, tenantId)
        .setParameter(3, projectId)
        .setParameter(4, state)
        .setParameter(5, u.vcpu())
        .setParameter(6, u.memoryMib())
        .setParameter(7, u.gpus())
        .setParameter(8, gpuModel)
        .setParameter(9, u.vms())
        .setParameter(10, u.diskGib())
        .setParameter(11, u.aiEndpoints())
        .setParameter(12, clock.instant())
        .executeUpdate();
  }

  /**
   * Locks the tenant's quota row for the caller's transaction: the tenant's orders are decided one
   * at a time on every node. Called as the transaction's first statement, it also makes the
   * transaction's snapshot (MariaDB's REPEATABLE READ takes it at the first plain read) start after
   * the previous order of the tenant committed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockTenant(long tenantId) {
    em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Changes what an order holds (a resize), in the caller's transaction, checked like a new
   * reservation against everything else the tenant holds.
   *
   * @throws QuotaExceededException when the new amount does not fit (nothing changes)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void change(long tenantId, String orderRef, Usage now) {
    @SuppressWarnings("unchecked")
    List<Object[]> row =
        em.createNativeQuery(
                "SELECT project_id, gpu_model FROM quota_reservation WHERE order_ref = ?1")
            .setParameter(1, orderRef)
            .getResultList();
    Long projectId =
        row.isEmpty() || row.get(0)[0] == null ? null : ((Number) row.get(0)[0]).longValue();
    String gpuModel = row.isEmpty() ? null : (String) row.get(0)[1];
    requireRoom(tenantId, projectId, gpuModel, orderRef, now);
    em.createNativeQuery(
            "UPDATE quota_reservation SET vcpu = ?1, memory_mib = ?2, gpus = ?3, disk_gib = ?4,"
                + " updated_at = ?5 WHERE order_ref = ?6")
        .setParameter(1, now.vcpu())
        .setParameter(2, now.memoryMib())
        .setParameter(3, now.gpus())
        .setParameter(4, now.diskGib())
        .setParameter(5, clock.instant())
        .setParameter(6, orderRef)
        .executeUpdate();
  }

  /**
   * Puts an order's reservation back to what it held before a change that did not happen (a resize
   * the provider refused), under the tenant's lock and unchecked: giving back never needs room,
   * even when the limits were lowered meanwhile.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void revert(long tenantId, String orderRef, Usage before) {
    lockTenant(tenantId);
    em.createNativeQuery(
            "UPDATE quota_reservation SET vcpu = ?1, memory_mib = ?2, updated_at = ?3"
                + " WHERE order_ref = ?4")
        .setParameter(1, before.vcpu())
        .setParameter(2, before.memoryMib())
        .setParameter(3, clock.instant())
        .setParameter(4, orderRef)
        .executeUpdate();
  }

  /**
   * Locks the tenant's quota row (serialising its reservations on every node) and checks that
   * {@code wanted} fits beside everything else it holds (all but {@code exceptRef}).
   */
  private void requireRoom(
      long tenantId, Long projectId, String gpuModel, String exceptRef, Usage wanted) {
    TenantQuota quota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (quota == null) {
      throw new ConflictException("quota.none");
    }
    Usage held = held("tenant_id", tenantId, null, exceptRef, true);
    QuotaResource exceeded = quota.limits().exceededBy(held, wanted);
    if (exceeded != null) {
      throw new QuotaExceededException(
          exceeded, exceeded.of(held), exceeded.limitIn(quota.limits()), exceeded.of(wanted));
    }
    // The tenant's lock serialises its projects' and GPU models' reservations too.
    if (projectId != null) {
      QuotaLimits projectLimits = projectLimits(projectId);
      if (projectLimits != null) {
        Usage heldByProject = held("project_id", projectId, null, exceptRef, true);
        QuotaResource over = projectLimits.exceededBy(heldByProject, wanted);
        if (over != null) {
          throw QuotaExceededException.ofProject(
              over,
              projectName(projectId),
              over.of(heldByProject),
              over.limitIn(projectLimits),
              over.of(wanted));
        }
      }
    }
    if (gpuModel != null && wanted.gpus() > 0) {
      Integer limit = gpuLimits(tenantId).get(gpuModel);
      if (limit != null) {
        long heldOfModel = gpusHeld(tenantId, gpuModel, exceptRef, true);
        if (heldOfModel + wanted.gpus() > limit) {
          throw QuotaExceededException.ofGpuModel(gpuModel, heldOfModel, limit, wanted.gpus());
        }
      }
    }
  }

  private String projectName(long projectId) {
    List<?> names =
        em.createNativeQuery("SELECT name FROM project WHERE id = ?1")
            .setParameter(1, projectId)
            .getResultList();
    return names.isEmpty() ? "?" : (String) names.get(0);
  }

  /** A project's own limits, or null when it has none (only its tenant's apply). */
  private QuotaLimits projectLimits(long projectId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT vcpu, memory_mib, gpus, vms, disk_gib, ai_endpoints FROM project_quota"
                    + " WHERE project_id = ?1")
            .setParameter(1, projectId)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] r = rows.get(0);
    return new QuotaLimits(
        intOrNull(r[0]),
        r[1] == null ? null : ((Number) r[1]).longValue(),
        intOrNull(r[2]),
        intOrNull(r[3]),
        intOrNull(r[4]),
        intOrNull(r[5]),
        null);
  }

  private static Integer intOrNull(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  /** The tenant's limits per GPU model (models without a row: only the GPU count applies). */
  private Map<String, Integer> gpuLimits(long tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT gpu_model, gpus FROM tenant_gpu_quota WHERE tenant_id = ?1"
                    + " ORDER BY gpu_model")
            .setParameter(1, tenantId)
            .getResultList();
    Map<String, Integer> limits = new LinkedHashMap<>();
    rows.forEach(r -> limits.put((String) r[0], ((Number) r[1]).intValue()));
    return limits;
  }

  /** The order's resource runs: its reservation becomes usage. */
  @Transactional
  public void commit(String orderRef) {
    em.createNativeQuery(
            "UPDATE quota_reservation SET state = ?1, updated_at = ?2 WHERE order_ref = ?3")
        .setParameter(1, IN_USE)
        .setParameter(2, clock.instant())
        .setParameter(3, orderRef)
        .executeUpdate();
  }

  /** The order failed or its resource was terminated: what it held is free again. */
  @Transactional
  public void release(String orderRef) {
    em.createNativeQuery("DELETE FROM quota_reservation WHERE order_ref = ?1")
        .setParameter(1, orderRef)
        .executeUpdate();
  }

  /** Limits, usage and reservations of a tenant, for any of its members. */
  @Transactional
  public TenantUsage usage(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return usageOf(tenantId);
  }

  private TenantUsage usageOf(long tenantId) {
    TenantQuota quota = em.find(TenantQuota.class, tenantId);
    QuotaLimits limits = quota == null ? new QuotaLimits(0, 0L, 0, 0, 0, 0, null) : quota.limits();
    Usage inUse = held("tenant_id", tenantId, IN_USE, null, false);
    Usage reserved = held("tenant_id", tenantId, RESERVED, null, false);
    List<Line> lines = new ArrayList<>();
    for (QuotaResource r : QuotaResource.values()) {
      lines.add(new Line(r, r.of(inUse), r.of(reserved), r.limitIn(limits)));
    }
    return new TenantUsage(quota == null ? null : quota.getPlanCode(), lines);
  }

  /** Every approved tenant's usage against its limits (platform admins), by name. */
  @Transactional
  public List<NamedUsage> usageOfAll() {
    caller.requirePlatformAdmin();
    @SuppressWarnings("unchecked")
    List<Object[]> tenants =
        em.createNativeQuery(
                "SELECT t.id, t.name FROM tenant t JOIN tenant_quota q ON q.tenant_id = t.id"
                    + " ORDER BY t.name")
            .getResultList();
    List<NamedUsage> all = new ArrayList<>();
    for (Object[] t : tenants) {
      long id = ((Number) t[0]).longValue();
      all.add(new NamedUsage(id, (String) t[1], usageOf(id)));
    }
    return all;
  }

  /**
   * @param usage its limits, usage and reservations
   */
  public record NamedUsage(long tenantId, String name, TenantUsage usage) implements Serializable {}

  /**
   * What the tenant's or project's orders hold ({@code scope} is the column) in {@code state}
   * (null: any), leaving one order out (null: none); {@code current} for a limit check under the
   * tenant's lock (the latest committed rows, {@link CurrentReads}), plain for pages.
   */
  private Usage held(String scope, long id, String state, String exceptRef, boolean current) {
    // Parameters numbered without gaps (Hibernate refuses ?1 then ?3).
    int next = 2;
    String stateClause = state == null ? "" : " AND state = ?" + next++;
    String exceptClause = exceptRef == null ? "" : " AND order_ref <> ?" + next;
    Query query =
        em.createNativeQuery(
                currentIf(
                    current,
                    "SELECT COALESCE(SUM(vcpu),0), COALESCE(SUM(memory_mib),0),"
                        + " COALESCE(SUM(gpus),0), COALESCE(SUM(vms),0),"
                        + " COALESCE(SUM(disk_gib),0), COALESCE(SUM(ai_endpoints),0)"
                        + " FROM quota_reservation WHERE "
                        + ("project_id".equals(scope) ? "project_id" : "tenant_id")
                        + " = ?1"
                        + stateClause
                        + exceptClause))
            .setParameter(1, id);
    if (state != null) {
      query.setParameter(2, state);
    }
    if (exceptRef != null) {
      query.setParameter(state == null ? 2 : 3, exceptRef);
    }
    Object[] row = (Object[]) query.getSingleResult();
    return new Usage(
        ((Number) row[0]).intValue(),
        ((Number) row[1]).longValue(),
        ((Number) row[2]).intValue(),
        ((Number) row[3]).intValue(),
        ((Number) row[4]).intValue(),
        ((Number) row[5]).intValue());
  }

  /**
   * What one order should hold, for a recount.
   *
   * @param inUse its resource exists at the provider (else it is reserved)
   */
  public record Held(
      String orderRef, Long projectId, String gpuModel, boolean inUse, Usage usage) {}

  /**
   * Makes the tenant's reservations exactly {@code expected} (a recount from its orders): rows of
   * orders that no longer hold anything go, missing ones are written, wrong amounts corrected.
   * Under the tenant's quota lock, in the caller's transaction.
   *
   * @return how many reservations changed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int rebuild(long tenantId, List<Held> expected) {
    em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT order_ref, state, vcpu, memory_mib, gpus, vms, disk_gib, ai_endpoints"
                    + " FROM quota_reservation WHERE tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    Map<String, Object[]> existing = new HashMap<>();
    rows.forEach(r -> existing.put((String) r[0], r));
    int changed = 0;
    Set<String> kept = new HashSet<>();
    for (Held h : expected) {
      kept.add(h.orderRef());
      Object[] row = existing.get(h.orderRef());
      String state = h.inUse() ? IN_USE : RESERVED;
      Usage u = h.usage();
      if (row == null) {
        insert(tenantId, h.projectId(), h.gpuModel(), h.orderRef(), state, u);
        changed++;
        continue;
      }
      boolean same =
          state.equals(row[1])
              && u.vcpu() == ((Number) row[2]).intValue()
              && u.memoryMib() == ((Number) row[3]).longValue()
              && u.gpus() == ((Number) row[4]).intValue()
              && u.vms() == ((Number) row[5]).intValue()
              && u.diskGib() == ((Number) row[6]).intValue()
              && u.aiEndpoints() == ((Number) row[7]).intValue();
      if (!same) {
        em.createNativeQuery("DELETE FROM quota_reservation WHERE order_ref = ?1")
            .setParameter(1, h.orderRef())
            .executeUpdate();
        insert(tenantId, h.projectId(), h.gpuModel(), h.orderRef(), state, u);
        changed++;
      }
    }
    for (String ref : existing.keySet()) {
      if (!kept.contains(ref)) {
        release(ref);
        changed++;
      }
    }
    return changed;
  }

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
    TenantQuota quota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (quota == null) {
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
    quota.change(scaled, caller.user().map(u -> u.subject()).orElse("?"), clock.instant());
    audit.success(AuditAction.TENANT_QUOTA_CHANGED, tenantId, "quota", scaled.toString());
  }

  /** A tenant's limits (platform admins), for the form that changes them. */
  @Transactional
  public QuotaLimits tenantLimits(long tenantId) {
    caller.requirePlatformAdmin();
    TenantQuota quota = em.find(TenantQuota.class, tenantId);
    if (quota == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    return quota.limits();
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
    requireProjectOf(tenantId, projectId);
    TenantQuota quota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (quota == null) {
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
      Long tenantLimit = r.limitIn(quota.limits());
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
        "project " + projectId,
        any ? limits.toString() : "removed");
  }

  /** A project's limits (null: only the tenant's), usage and reservations, for the tenant. */
  @Transactional
  public TenantUsage projectUsage(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    requireProjectOf(tenantId, projectId);
    QuotaLimits limits = projectLimits(projectId);
    Usage inUse = held("project_id", projectId, IN_USE, null, false);
    Usage reserved = held("project_id", projectId, RESERVED, null, false);
    List<Line> lines = new ArrayList<>();
    for (QuotaResource r : QuotaResource.values()) {
      lines.add(
          new Line(r, r.of(inUse), r.of(reserved), limits == null ? null : r.limitIn(limits)));
    }
    return new TenantUsage(null, lines);
  }

  /** A project's own limits, or null, for its form. */
  @Transactional
  public QuotaLimits projectLimits(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    requireProjectOf(tenantId, projectId);
    return projectLimits(projectId);
  }

  private void requireProjectOf(long tenantId, long projectId) {
    List<?> owner =
        em.createNativeQuery("SELECT tenant_id FROM project WHERE id = ?1")
            .setParameter(1, projectId)
            .getResultList();
    if (owner.isEmpty() || ((Number) owner.get(0)).longValue() != tenantId) {
      throw new NotFoundException("project", projectId);
    }
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
        "GPU " + model,
        gpus == null ? "removed" : String.valueOf(gpus));
  }

  /** The tenant's limits per GPU model with what it holds of each. */
  @Transactional
  public List<GpuLine> gpuUsage(long tenantId) {
    if (!caller.isPlatformAdmin()) {
      access.require(tenantId, TenantPermission.VIEW);
    }
    List<GpuLine> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> e : gpuLimits(tenantId).entrySet()) {
      lines.add(new GpuLine(e.getKey(), gpusHeld(tenantId, e.getKey(), null, false), e.getValue()));
    }
    return lines;
  }

  /** GPUs of one model the tenant holds, in use and reserved, leaving one order out (or none). */
  private static String currentIf(boolean current, String select) {
    return current ? CurrentReads.of(select) : select;
  }

  private long gpusHeld(long tenantId, String gpuModel, String exceptRef, boolean current) {
    return ((Number)
            em.createNativeQuery(
                    currentIf(
                        current,
                        "SELECT COALESCE(SUM(gpus), 0) FROM quota_reservation"
                            + " WHERE tenant_id = ?1 AND gpu_model = ?2 AND order_ref <> ?3"))
                .setParameter(1, tenantId)
                .setParameter(2, gpuModel)
                .setParameter(3, exceptRef == null ? "" : exceptRef)
                .getSingleResult())
        .longValue();
  }

  /** GPUs of one model: held (in use and reserved) and the limit. */
  public record GpuLine(String gpuModel, long held, int limit) implements Serializable {}

  /** One resource on the usage page; {@code limit} null is unlimited. */
  public record Line(QuotaResource resource, long inUse, long reserved, Long limit)
      implements Serializable {

    /** Percent of the limit held (in use and reserved), capped at 100 for the bar. */
    public int percentHeld() {
      if (limit == null) {
        return 0;
      }
      if (limit == 0) {
        return inUse + reserved > 0 ? 100 : 0;
      }
      return (int) Math.min(100, Math.round(100.0 * (inUse + reserved) / limit));
    }

    /** Held beyond the limit (after a limit was lowered): new orders of it are refused. */
    public boolean overLimit() {
      return limit != null && inUse + reserved > limit;
    }
  }

  /**
   * @param planCode the plan the limits came from, or null when none was granted
   */
  public record TenantUsage(String planCode, List<Line> lines) implements Serializable {}
}
