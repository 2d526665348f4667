package eu.federa.quota;

import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.security.CurrentUser;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What tenants and projects hold against their limits, for the usage pages and the API: in use,
 * reserved, and the limit of each resource and GPU model. Members of a tenant read its own;
 * platform admins read every tenant's.
 */
@ApplicationScoped
public class QuotaUsage {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantDirectory tenants;

  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject QuotaHoldings holdings;

  /** Limits, usage and reservations of a tenant, for any of its members. */
  @Transactional
  public TenantUsage usage(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return usageOf(tenantId);
  }

  private TenantUsage usageOf(long tenantId) {
    TenantQuota quota = em.find(TenantQuota.class, tenantId);
    QuotaLimits limits = quota == null ? new QuotaLimits(0, 0L, 0, 0, 0, 0, null) : quota.limits();
    Usage inUse = holdings.held("tenant_id", tenantId, QuotaHoldings.IN_USE, null, false);
    Usage reserved = holdings.held("tenant_id", tenantId, QuotaHoldings.RESERVED, null, false);
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
    List<Long> limited =
        em.createQuery("select q.tenantId from TenantQuota q", Long.class).getResultList();
    Map<Long, String> names = tenants.names(limited);
    return names.entrySet().stream()
        .sorted(
            Map.Entry.<Long, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(t -> new NamedUsage(t.getKey(), t.getValue(), usageOf(t.getKey())))
        .toList();
  }

  /**
   * @param usage its limits, usage and reservations
   */
  public record NamedUsage(long tenantId, String name, TenantUsage usage) implements Serializable {}

  /** A project's limits (null: only the tenant's), usage and reservations, for the tenant. */
  @Transactional
  public TenantUsage projectUsage(long tenantId, long projectId) {
    return project(tenantId, projectId).usage();
  }

  /**
   * A project's quota as its page shows it when it opens, in one read-only call of its own: the
   * usage beside each limit, and the project's own limits (null: none) for the admins' form.
   */
  public record ProjectQuota(TenantUsage usage, QuotaLimits ownLimits) {}

  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ProjectQuota projectQuota(long tenantId, long projectId) {
    ReadOnlyCalls.mark(em);
    return project(tenantId, projectId);
  }

  private ProjectQuota project(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    holdings.requireProjectOf(tenantId, projectId);
    QuotaLimits limits = holdings.projectLimits(projectId);
    Usage inUse = holdings.held("project_id", projectId, QuotaHoldings.IN_USE, null, false);
    Usage reserved = holdings.held("project_id", projectId, QuotaHoldings.RESERVED, null, false);
    List<Line> lines = new ArrayList<>();
    for (QuotaResource r : QuotaResource.values()) {
      lines.add(
          new Line(r, r.of(inUse), r.of(reserved), limits == null ? null : r.limitIn(limits)));
    }
    return new ProjectQuota(new TenantUsage(null, lines), limits);
  }

  /** The tenant's limits per GPU model with what it holds of each. */
  @Transactional
  public List<GpuLine> gpuUsage(long tenantId) {
    if (!caller.isPlatformAdmin()) {
      access.require(tenantId, TenantPermission.VIEW);
    }
    List<GpuLine> lines = new ArrayList<>();
    for (Map.Entry<String, Integer> e : holdings.gpuLimits(tenantId).entrySet()) {
      lines.add(
          new GpuLine(
              e.getKey(), holdings.gpusHeld(tenantId, e.getKey(), null, false), e.getValue()));
    }
    return lines;
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
