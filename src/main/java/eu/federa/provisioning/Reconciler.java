package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.placement.PlacementService;
import eu.federa.quota.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares each provider's VMs with Federa's orders: settled orders follow the state the provider
 * reports, orders whose VM is gone are marked vanished (their quota is freed), and VMs that carry a
 * Federa order id no live order owns (orphans, e.g. left by a crash) are terminated once they have
 * been seen for a grace period. Every change is in the audit log.
 */
@ApplicationScoped
public class Reconciler {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderVms vms;
  @Inject PlacementService placement;
  @Inject QuotaService quota;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject Reconciler self;
  @Inject OrderMeter meter;
  @Inject QuotaDrift drift;

  /** What one pass found and did at a provider. */
  public record Outcome(
      int updated, int vanished, int orphansSeen, int orphansTerminated, int intervalsRepaired) {

    @Override
    public String toString() {
      return updated
          + " updated, "
          + vanished
          + " vanished, "
          + orphansSeen
          + " orphans seen, "
          + orphansTerminated
          + " terminated, "
          + intervalsRepaired
          + " usage intervals repaired";
    }
  }

  /** An orphan whose grace has passed: to be terminated. */
  public record Orphan(int vmId, String orderRef, Long tenantId) {}

  /** A pass's changes to the orders, and the orphans due for termination. */
  public record Plan(int updated, int vanished, int orphansSeen, List<Orphan> due) {}

  /** Providers whose reconciliation is due, taken like the inventory sync's (SKIP LOCKED). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claimDue(int max, Duration interval) {
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_reconciliation (provider_id, next_run_at)"
                + " SELECT id, ?1 FROM provider WHERE enabled")
        .setParameter(1, now)
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT r.provider_id FROM provider_reconciliation r JOIN provider p"
                    + " ON p.id = r.provider_id WHERE p.enabled AND r.next_run_at <= ?1"
                    + " ORDER BY r.next_run_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<Long> ids = due.stream().map(Number::longValue).toList();
    if (!ids.isEmpty()) {
      em.createNativeQuery(
              "UPDATE provider_reconciliation SET next_run_at = ?1 WHERE provider_id IN (?2)")
          .setParameter(1, now.plus(interval))
          .setParameter(2, ids)
          .executeUpdate();
    }
    return ids;
  }

  /**
   * One pass at a provider.
   *
   * @param grace how long an orphan is left alone after it was first seen
   * @param tolerance gaps in metering shorter than this are observation delay, not missed usage
   * @throws eu.federa.cloud.CloudException when the provider cannot be asked (nothing changes)
   */
  public Outcome reconcile(long providerId, Duration grace, Duration tolerance) {
    List<VirtualMachine> pool = vms.allVms(providerId);
    List<VirtualMachine> seen =
        pool.stream()
            .filter(vm -> vm.userTemplate().containsKey(ProviderVms.ORDER_ATTRIBUTE))
            .toList();
    Plan plan = self.apply(providerId, seen, grace);
    int terminated = 0;
    for (Orphan orphan : plan.due()) {
      vms.delete(providerId, orphan.vmId());
      self.orphanTerminated(providerId, orphan);
      terminated++;
    }
    Instant since =
        eu.federa.billing.BillingMonths.start(
            eu.federa.billing.BillingMonths.of(clock.instant()).minusMonths(1));
    int repaired = self.repairMetering(providerId, vms.accounting(providerId, since), tolerance);
    Outcome outcome =
        new Outcome(plan.updated(), plan.vanished(), plan.orphansSeen(), terminated, repaired);
    drift.record(providerId, pool);
    self.recordRun(providerId, outcome.toString());
    return outcome;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Plan apply(long providerId, List<VirtualMachine> seen, Duration grace) {
    Instant now = clock.instant();
    Map<Integer, VirtualMachine> byId = new HashMap<>();
    seen.forEach(vm -> byId.put(vm.id(), vm));
    int updated = 0;
    int vanished = 0;
    List<VmOrder> settled =
        em.createQuery(
                "select o from VmOrder o where o.providerId = :p and o.state in :states"
                    + " and o.oneVmId is not null",
                VmOrder.class)
            .setParameter("p", providerId)
            .setParameter("states", List.of(OrderState.RUNNING, OrderState.STOPPED))
            .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (VmOrder order : settled) {
      VirtualMachine vm = byId.get(order.getOneVmId());
      if (vm == null) {
        order.vanished(now);
        meter.observe(order, now);
        placement.release(order.ref());
        quota.release(order.ref());
        audit.bySystem(
            AuditAction.ORDER_VANISHED,
            order.getTenantId(),
            "order " + order.getId(),
            order.getProviderName() + ", VM " + order.getOneVmId());
        vanished++;
        continue;
      }
      OrderState before = order.getState();
      String oneBefore = order.getOneState();
      boolean running = vm.condition() == VmCondition.RUNNING;
      if (running || vm.state().is(VmState.POWEROFF)) {
        order.observed(running, vm.displayState(), now);
        meter.observe(order, now);
      }
      if (order.getState() != before || !vm.displayState().equals(oneBefore)) {
        updated++;
      }
    }
    int orphansSeen = 0;
    List<Orphan> due = new ArrayList<>();
    for (VirtualMachine vm : seen) {
      String ref = vm.userTemplate().get(ProviderVms.ORDER_ATTRIBUTE);
      VmOrder owner = ownerOf(ref);
      boolean owned =
          owner != null
              && !owner.getState().ended()
              && (owner.getOneVmId() == null || owner.getOneVmId() == vm.id());
      if (owned) {
        continue;
      }
      orphansSeen++;
      em.createNativeQuery(
              "INSERT IGNORE INTO orphan_vm (provider_id, one_vm_id, order_ref, first_seen_at)"
                  + " VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, providerId)
          .setParameter(2, vm.id())
          .setParameter(3, ref)
          .setParameter(4, now)
          .executeUpdate();
      // Compared in the database, in the same time base as it was written.
      boolean overdue =
          ((Number)
                      em.createNativeQuery(
                              "SELECT COUNT(*) FROM orphan_vm WHERE provider_id = ?1"
                                  + " AND one_vm_id = ?2 AND first_seen_at <= ?3")
                          .setParameter(1, providerId)
                          .setParameter(2, vm.id())
                          .setParameter(3, now.minus(grace))
                          .getSingleResult())
                  .longValue()
              > 0;
      if (overdue) {
        due.add(new Orphan(vm.id(), ref, owner == null ? null : owner.getTenantId()));
      }
    }
    return new Plan(updated, vanished, orphansSeen, due);
  }

  /**
   * Repairs metering from the provider's accounting: each running period the provider reports for
   * an order's VM that Federa has no usage interval for (a missed state change) is written.
   *
   * @return how many intervals were written
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int repairMetering(
      long providerId, List<eu.federa.cloud.HistoryRecord> records, Duration tolerance) {
    Instant now = clock.instant();
    // The orders behind the records' VMs, in one query (a pass reads a month of history).
    List<Integer> vmIds =
        records.stream()
            .filter(h -> h.runningStart() != null)
            .map(eu.federa.cloud.HistoryRecord::vmId)
            .distinct()
            .toList();
    Map<Integer, VmOrder> owners = new HashMap<>();
    if (!vmIds.isEmpty()) {
      em.createQuery(
              "select o from VmOrder o where o.providerId = :p and o.oneVmId in :vms",
              VmOrder.class)
          .setParameter("p", providerId)
          .setParameter("vms", vmIds)
          .getResultList()
          .forEach(o -> owners.putIfAbsent(o.getOneVmId(), o));
    }
    int written = 0;
    for (eu.federa.cloud.HistoryRecord h : records) {
      VmOrder order = h.runningStart() == null ? null : owners.get(h.vmId());
      if (order == null) {
        continue; // never running, not Federa's, or an orphan: nobody to bill
      }
      Instant until = h.runningEnd() != null ? h.runningEnd() : now;
      if (order.getEndedAt() != null && order.getEndedAt().isBefore(until)) {
        until = order.getEndedAt();
      }
      if (until.isAfter(h.runningStart())) {
        written += meter.repair(order, h.runningStart(), until, tolerance);
      }
      if (h.runningEnd() == null && !order.getState().ended()) {
        // Still running: metering goes on from now in an open interval (if none was open).
        meter.observe(order, now);
      }
    }
    return written;
  }

  /** The order a reference names ({@code order-<id>}), or null. */
  private VmOrder ownerOf(String ref) {
    if (ref == null || !ref.matches("order-\\d{1,18}")) {
      return null;
    }
    return em.find(VmOrder.class, Long.parseLong(ref.substring("order-".length())));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void orphanTerminated(long providerId, Orphan orphan) {
    em.createNativeQuery(
            "UPDATE orphan_vm SET terminated_at = ?1 WHERE provider_id = ?2 AND one_vm_id = ?3")
        .setParameter(1, clock.instant())
        .setParameter(2, providerId)
        .setParameter(3, orphan.vmId())
        .executeUpdate();
    audit.bySystem(
        AuditAction.ORPHAN_TERMINATED,
        orphan.tenantId(),
        "provider " + providerId + ", VM " + orphan.vmId(),
        orphan.orderRef());
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordRun(long providerId, String result) {
    em.createNativeQuery(
            "UPDATE provider_reconciliation SET last_run_at = ?1, last_result = ?2"
                + " WHERE provider_id = ?3")
        .setParameter(1, clock.instant())
        .setParameter(2, result)
        .setParameter(3, providerId)
        .executeUpdate();
  }
}
