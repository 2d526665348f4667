package eu.federa.quota;

import eu.federa.platform.persistence.CurrentReads;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.NotFoundException;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantDirectory.ProjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What tenants and projects hold and their own limits, read for the other quota classes: the
 * reservation rules (under the tenant's lock, {@code current} reads) and the usage pages (plain
 * reads). Package-private: the capability's public face is {@link QuotaReservations}, {@link
 * QuotaUsage} and {@link QuotaLimitsAdmin}.
 */
@ApplicationScoped
class QuotaHoldings {

  static final String RESERVED = "RESERVED";
  static final String IN_USE = "IN_USE";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantDirectory tenants;

  /**
   * What the tenant's or project's orders hold ({@code scope} is the column) in {@code state}
   * (null: any), leaving one order out (null: none); {@code current} for a limit check under the
   * tenant's lock (the latest committed rows, {@link CurrentReads}), plain for pages.
   */
  Usage held(String scope, long id, String state, String exceptRef, boolean current) {
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
    Row row = Row.single(query);
    return new Usage(
        row.integer(0), row.lng(1), row.integer(2), row.integer(3), row.integer(4), row.integer(5));
  }

  String projectName(long projectId) {
    return tenants.project(projectId).map(ProjectRef::name).orElse("?");
  }

  /** A project's own limits, or null when it has none (only its tenant's apply). */
  QuotaLimits projectLimits(long projectId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT vcpu, memory_mib, gpus, vms, disk_gib, ai_endpoints FROM project_quota"
                        + " WHERE project_id = ?1")
                .setParameter(1, projectId))
        .map(
            r ->
                new QuotaLimits(
                    r.intOrNull(0),
                    r.lngOrNull(1),
                    r.intOrNull(2),
                    r.intOrNull(3),
                    r.intOrNull(4),
                    r.intOrNull(5),
                    null))
        .orElse(null);
  }

  /** The tenant's limits per GPU model (models without a row: only the GPU count applies). */
  Map<String, Integer> gpuLimits(long tenantId) {
    Map<String, Integer> limits = new LinkedHashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT gpu_model, gpus FROM tenant_gpu_quota WHERE tenant_id = ?1"
                        + " ORDER BY gpu_model")
                .setParameter(1, tenantId))
        .forEach(r -> limits.put(r.str(0), r.integer(1)));
    return limits;
  }

  void requireProjectOf(long tenantId, long projectId) {
    if (!tenants.isProjectOf(projectId, tenantId)) {
      throw new NotFoundException("project", projectId);
    }
  }

  /** The query as a locking read of the latest committed rows when {@code current}. */
  private static String currentIf(boolean current, String select) {
    return current ? CurrentReads.of(select) : select;
  }

  /** GPUs of one model the tenant holds, in use and reserved, leaving one order out (or none). */
  long gpusHeld(long tenantId, String gpuModel, String exceptRef, boolean current) {
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
}
