package eu.federa.quota;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TenantSuspending;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Quota reservations: an order reserves what it needs in its own transaction (together with its
 * capacity claim), the reservation is in use once the resource runs, and it is released when the
 * resource fails or is terminated. Reservations of one tenant are serialised by a lock on the
 * tenant's quota row, on every node: usage + reserved + requested never exceeds a limit.
 */
@ApplicationScoped
public class QuotaReservations {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject QuotaHoldings holdings;

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
    insert(tenantId, projectId, gpuModel, orderRef, QuotaHoldings.RESERVED, wanted);
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
   * An organisation is being suspended: its quota's lock is taken in the suspension's transaction
   * before anything else, so that an order holding it commits first and an order waiting for it
   * reads the suspension once it has it (its snapshot starts after).
   */
  void suspending(@Observes TenantSuspending suspension) {
    lockTenant(suspension.tenantId());
  }

  /**
   * Changes what an order holds (a resize), in the caller's transaction, checked like a new
   * reservation against everything else the tenant holds.
   *
   * @throws QuotaExceededException when the new amount does not fit (nothing changes)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void change(long tenantId, String orderRef, Usage now) {
    Optional<Row> row =
        Row.first(
            em.createNativeQuery(
                    "SELECT project_id, gpu_model FROM quota_reservation WHERE order_ref = ?1")
                .setParameter(1, orderRef));
    Long projectId = row.map(r -> r.lngOrNull(0)).orElse(null);
    String gpuModel = row.map(r -> r.str(1)).orElse(null);
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
    Usage held = holdings.held("tenant_id", tenantId, null, exceptRef, true);
    QuotaResource exceeded = quota.limits().exceededBy(held, wanted);
    if (exceeded != null) {
      throw new QuotaExceededException(
          exceeded, exceeded.of(held), exceeded.limitIn(quota.limits()), exceeded.of(wanted));
    }
    // The tenant's lock serialises its projects' and GPU models' reservations too.
    if (projectId != null) {
      QuotaLimits projectLimits = holdings.projectLimits(projectId);
      if (projectLimits != null) {
        Usage heldByProject = holdings.held("project_id", projectId, null, exceptRef, true);
        QuotaResource over = projectLimits.exceededBy(heldByProject, wanted);
        if (over != null) {
          throw QuotaExceededException.ofProject(
              over,
              holdings.projectName(projectId),
              over.of(heldByProject),
              over.limitIn(projectLimits),
              over.of(wanted));
        }
      }
    }
    if (gpuModel != null && wanted.gpus() > 0) {
      Integer limit = holdings.gpuLimits(tenantId).get(gpuModel);
      if (limit != null) {
        long heldOfModel = holdings.gpusHeld(tenantId, gpuModel, exceptRef, true);
        if (heldOfModel + wanted.gpus() > limit) {
          throw QuotaExceededException.ofGpuModel(gpuModel, heldOfModel, limit, wanted.gpus());
        }
      }
    }
  }

  /**
   * Whether {@code wanted} would fit the tenant's limits now; in the caller's transaction, which
   * holds the tenant's lock. Nothing is reserved, and a refusal does not end the transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean fits(long tenantId, Long projectId, Usage wanted) {
    try {
      requireRoom(tenantId, projectId, null, null, wanted);
      return true;
    } catch (ConflictException refused) {
      return false;
    }
  }

  /**
   * The resource exists now, holding {@code actual}, at most what was reserved for it: its
   * reservation becomes usage of that amount. Never more than reserved, so no limit is checked (a
   * snapshot or a backup reserves its disks' size, and keeps what it came to).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void settle(String orderRef, int actualDiskGib) {
    em.createNativeQuery(
            "UPDATE quota_reservation SET state = ?1, disk_gib = LEAST(disk_gib, ?2),"
                + " updated_at = ?3 WHERE order_ref = ?4")
        .setParameter(1, QuotaHoldings.IN_USE)
        .setParameter(2, actualDiskGib)
        .setParameter(3, clock.instant())
        .setParameter(4, orderRef)
        .executeUpdate();
  }

  /**
   * A resource that already runs is taken over (a VM adopted at its provider): it is in use at
   * once, under the tenant's quota lock, and no limit is checked (it runs whether Federa counts it
   * or not; the tenant's usage shows it).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void adopt(long tenantId, Long projectId, String gpuModel, String orderRef, Usage usage) {
    em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    insert(tenantId, projectId, gpuModel, orderRef, QuotaHoldings.IN_USE, usage);
  }

  /** The order's resource runs: its reservation becomes usage. */
  @Transactional
  public void commit(String orderRef) {
    em.createNativeQuery(
            "UPDATE quota_reservation SET state = ?1, updated_at = ?2 WHERE order_ref = ?3")
        .setParameter(1, QuotaHoldings.IN_USE)
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

  /** What the tenant's orders hold in use, by order reference (orders holding nothing left out). */
  @Transactional
  public Map<String, Usage> inUseByOrder(long tenantId) {
    Map<String, Usage> byOrder = new HashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT order_ref, SUM(vcpu), SUM(memory_mib), SUM(gpus), SUM(vms),"
                        + " SUM(disk_gib), SUM(ai_endpoints) FROM quota_reservation"
                        + " WHERE tenant_id = ?1 AND state = ?2 GROUP BY order_ref")
                .setParameter(1, tenantId)
                .setParameter(2, QuotaHoldings.IN_USE))
        .forEach(
            r ->
                byOrder.put(
                    r.str(0),
                    new Usage(
                        r.integer(1),
                        r.lng(2),
                        r.integer(3),
                        r.integer(4),
                        r.integer(5),
                        r.integer(6))));
    return byOrder;
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
  /** A reservation as stored: its state and what it holds. */
  private record Reservation(String state, Usage usage) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public int rebuild(long tenantId, List<Held> expected) {
    em.find(TenantQuota.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    Map<String, Reservation> existing = new HashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT order_ref, state, vcpu, memory_mib, gpus, vms, disk_gib, ai_endpoints"
                        + " FROM quota_reservation WHERE tenant_id = ?1")
                .setParameter(1, tenantId))
        .forEach(
            r ->
                existing.put(
                    r.str(0),
                    new Reservation(
                        r.str(1),
                        new Usage(
                            r.integer(2),
                            r.lng(3),
                            r.integer(4),
                            r.integer(5),
                            r.integer(6),
                            r.integer(7)))));
    int changed = 0;
    Set<String> kept = new HashSet<>();
    for (Held h : expected) {
      kept.add(h.orderRef());
      Reservation row = existing.get(h.orderRef());
      String state = h.inUse() ? QuotaHoldings.IN_USE : QuotaHoldings.RESERVED;
      Usage u = h.usage();
      if (row == null) {
        insert(tenantId, h.projectId(), h.gpuModel(), h.orderRef(), state, u);
        changed++;
        continue;
      }
      boolean same = state.equals(row.state()) && u.equals(row.usage());
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
}
