package eu.federa.quota;

import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
  @Inject eu.federa.platform.security.CurrentUser caller;
  @Inject Clock clock;

  /**
   * Reserves {@code wanted} for {@code orderRef}, in the caller's transaction.
   *
   * @throws QuotaExceededException when a limit would be exceeded (nothing is reserved)
   * @throws ConflictException when the tenant has no quota granted
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void reserve(long tenantId, String orderRef, Usage wanted) {
    requireRoom(tenantId, null, wanted);
    em.createNativeQuery(
            "INSERT INTO quota_reservation (order_ref, tenant_id, state, vcpu, memory_mib, gpus,"
                + " vms, disk_gib, ai_endpoints, created_at, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)")
        .setParameter(1, orderRef)
        .setParameter(2, tenantId)
        .setParameter(3, RESERVED)
        .setParameter(4, wanted.vcpu())
        .setParameter(5, wanted.memoryMib())
        .setParameter(6, wanted.gpus())
        .setParameter(7, wanted.vms())
        .setParameter(8, wanted.diskGib())
        .setParameter(9, wanted.aiEndpoints())
        .setParameter(10, clock.instant())
        .executeUpdate();
  }

  /**
   * Changes what an order holds (a resize), in the caller's transaction, checked like a new
   * reservation against everything else the tenant holds.
   *
   * @throws QuotaExceededException when the new amount does not fit (nothing changes)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void change(long tenantId, String orderRef, Usage now) {
    requireRoom(tenantId, orderRef, now);
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
   * Locks the tenant's quota row (serialising its reservations on every node) and checks that
   * {@code wanted} fits beside everything else it holds (all but {@code exceptRef}).
   */
  private void requireRoom(long tenantId, String exceptRef, Usage wanted) {
    TenantQuota quota = em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (quota == null) {
      throw new ConflictException("quota.none");
    }
    Usage held = held(tenantId, null, exceptRef);
    QuotaResource exceeded = quota.limits().exceededBy(held, wanted);
    if (exceeded != null) {
      throw new QuotaExceededException(
          exceeded, exceeded.of(held), exceeded.limitIn(quota.limits()), exceeded.of(wanted));
    }
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
    Usage inUse = held(tenantId, IN_USE);
    Usage reserved = held(tenantId, RESERVED);
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

  /** The sum of the tenant's reservations in {@code state}, or in any state for null. */
  private Usage held(long tenantId, String state) {
    return held(tenantId, state, null);
  }

  /** As {@link #held(long, String)}, leaving one order out (null: none). */
  private Usage held(long tenantId, String state, String exceptRef) {
    // Parameters numbered without gaps (Hibernate refuses ?1 then ?3).
    int next = 2;
    String stateClause = state == null ? "" : " AND state = ?" + next++;
    String exceptClause = exceptRef == null ? "" : " AND order_ref <> ?" + next;
    jakarta.persistence.Query query =
        em.createNativeQuery(
                "SELECT COALESCE(SUM(vcpu),0), COALESCE(SUM(memory_mib),0),"
                    + " COALESCE(SUM(gpus),0), COALESCE(SUM(vms),0),"
                    + " COALESCE(SUM(disk_gib),0), COALESCE(SUM(ai_endpoints),0)"
                    + " FROM quota_reservation WHERE tenant_id = ?1"
                    + stateClause
                    + exceptClause)
            .setParameter(1, tenantId);
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
