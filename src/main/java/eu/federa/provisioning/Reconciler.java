package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.BillingMonths;
import eu.federa.billing.Metering;
import eu.federa.billing.MeteringInvariants;
import eu.federa.cloud.HistoryRecord;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.network.NetworkAttachments;
import eu.federa.placement.PlacementService;
import eu.federa.platform.Incidents;
import eu.federa.platform.persistence.Row;
import eu.federa.quota.QuotaReservations;
import eu.federa.storage.Backups;
import eu.federa.storage.Snapshots;
import eu.federa.storage.Volumes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Compares each provider's VMs with Federa's orders: settled orders follow the state the provider
 * reports, orders whose VM is gone are marked vanished (their quota is freed), and VMs that carry a
 * Federa order id no live order owns (orphans, e.g. left by a crash) are terminated once they have
 * been seen for a grace period. Every change is in the audit log.
 */
@ApplicationScoped
public class Reconciler {

  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderVms vms;
  @Inject PlacementService placement;
  @Inject QuotaReservations quota;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject Backups backups;
  @Inject Reconciler self;
  @Inject OrderMeter meter;
  @Inject Metering metering;
  @Inject ProviderDirectory providers;
  @Inject QuotaDrift drift;
  @Inject NetworkAttachments attachments;

  /** What one pass found and did at a provider. */
  public record Outcome(
      int updated,
      int vanished,
      int orphansSeen,
      int orphansTerminated,
      int intervalsRepaired,
      int meteringViolations) {

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
          + " usage intervals repaired, "
          + meteringViolations
          + " metering violations repaired";
    }
  }

  /** An orphan whose grace has passed: to be terminated. */
  public record Orphan(int vmId, String orderRef, Long tenantId) {}

  /** An order whose VM vanished with a public address of its own, to give back to the provider. */
  public record PublicAddress(long orderId, long tenantId) {}

  /**
   * A pass's changes to the orders, the orphans due for termination, and the public addresses of
   * vanished VMs to give back.
   */
  public record Plan(
      int updated,
      int vanished,
      int orphansSeen,
      List<Orphan> due,
      List<PublicAddress> addressesToRelease) {}

  /** Providers whose reconciliation is due, taken like the inventory sync's (SKIP LOCKED). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claimDue(int max, Duration interval) {
    Instant now = clock.instant();
    List<Long> enabled = providers.enabled().stream().map(ProviderCard::id).toList();
    if (enabled.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Number> known =
        em.createNativeQuery("SELECT provider_id FROM provider_reconciliation").getResultList();
    Set<Long> scheduled = known.stream().map(Number::longValue).collect(Collectors.toSet());
    for (long providerId : enabled) {
      if (scheduled.contains(providerId)) {
        continue;
      }
      schedule(em, providerId, now);
    }
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT provider_id FROM provider_reconciliation WHERE provider_id IN (?1)"
                    + " AND next_run_at <= ?2 ORDER BY next_run_at LIMIT ?3 FOR UPDATE SKIP LOCKED")
            .setParameter(1, enabled)
            .setParameter(2, now)
            .setParameter(3, max)
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
   * Gives a provider its row of the reconciliation schedule, due at {@code now}, unless it has one.
   */
  static void schedule(EntityManager em, long providerId, Instant now) {
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_reconciliation (provider_id, next_run_at) VALUES (?1, ?2)")
        .setParameter(1, providerId)
        .setParameter(2, now)
        .executeUpdate();
  }

  /**
   * One pass at a provider.
   *
   * @param grace how long an orphan is left alone after it was first seen
   * @param tolerance gaps in metering shorter than this are observation delay, not missed usage
   * @throws eu.federa.cloud.CloudException when the provider cannot be asked (nothing changes)
   */
  public Outcome reconcile(long providerId, Duration grace, Duration tolerance) {
    Instant listedAt = clock.instant();
    List<VirtualMachine> pool = vms.allVms(providerId);
    List<Integer> settled = self.settledVms(providerId);
    Set<Integer> expectedIds = new HashSet<>(settled);
    // Federa's VMs carry their order's id; an adopted one may not yet (the tag is written after
    // its order), and is followed by its id.
    List<VirtualMachine> seen =
        new ArrayList<>(
            pool.stream()
                .filter(
                    vm ->
                        vm.userTemplate().containsKey(ProviderVms.ORDER_ATTRIBUTE)
                            || expectedIds.contains(vm.id()))
                .toList());
    // A VM an order expects but the listing lacks is asked for by id before anything is
    // concluded: a listing can be partial; only "DONE" or "unknown" counts as gone.
    Set<Integer> listed = new HashSet<>();
    pool.forEach(vm -> listed.add(vm.id()));
    Set<Integer> confirmedGone = new HashSet<>();
    for (Integer expected : settled) {
      if (!listed.contains(expected)) {
        vms.lookup(providerId, expected)
            .ifPresentOrElse(seen::add, () -> confirmedGone.add(expected));
      }
    }
    Plan plan = self.apply(providerId, seen, confirmedGone, grace);
    releaseAddresses(providerId, plan.addressesToRelease());
    int terminated = 0;
    for (Orphan orphan : plan.due()) {
      vms.delete(providerId, orphan.vmId());
      self.orphanTerminated(providerId, orphan);
      terminated++;
    }
    Instant since = BillingMonths.start(BillingMonths.of(clock.instant()).minusMonths(1));
    int repaired = self.repairMetering(providerId, vms.accounting(providerId, since), tolerance);
    int violations = self.checkMetering(providerId);
    Outcome outcome =
        new Outcome(
            plan.updated(), plan.vanished(), plan.orphansSeen(), terminated, repaired, violations);
    drift.check(providerId, listedAt, pool);
    self.recordRun(providerId, outcome.toString());
    return outcome;
  }

  /** The provider's VMs of settled orders (running or stopped), by OpenNebula id. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Integer> settledVms(long providerId) {
    return em.createQuery(
            "select o.oneVmId from VmOrder o where o.providerId = :p and o.state in :states"
                + " and o.oneVmId is not null",
            Integer.class)
        .setParameter("p", providerId)
        .setParameter("states", List.of(OrderState.RUNNING, OrderState.STOPPED))
        .getResultList();
  }

  /**
   * Applies a pass: settled orders follow their VM; an order whose VM the provider confirmed gone
   * ({@code confirmedGone}: asked by id, DONE or unknown) on this pass and the one before is
   * vanished; orphans are recorded and those past their grace returned for termination.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Plan apply(
      long providerId, List<VirtualMachine> seen, Set<Integer> confirmedGone, Duration grace) {
    Instant now = clock.instant();
    Map<Integer, VirtualMachine> byId = new HashMap<>();
    seen.forEach(vm -> byId.put(vm.id(), vm));
    int updated = 0;
    int vanished = 0;
    List<PublicAddress> addressesToRelease = new ArrayList<>();
    List<VmOrder> settled =
        em.createQuery(
                "select o from VmOrder o where o.providerId = :p and o.state in :states"
                    + " and o.oneVmId is not null",
                VmOrder.class)
            .setParameter("p", providerId)
            .setParameter("states", List.of(OrderState.RUNNING, OrderState.STOPPED))
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (VmOrder order : settled) {
      VirtualMachine vm = byId.get(order.getOneVmId());
      if (vm == null) {
        if (!confirmedGone.contains(order.getOneVmId()) || !order.confirmedMissing()) {
          continue; // not asked yet (placed since the listing), or gone on one pass only
        }
        endVanished(order, now).ifPresent(addressesToRelease::add);
        audit.bySystem(
            AuditAction.ORDER_VANISHED,
            order.getTenantId(),
            AuditTarget.Kind.ORDER.of(order.getId()),
            AuditDetail.AT_PROVIDER_VM.text(order.getProviderName(), order.getOneVmId()));
        vanished++;
        continue;
      }
      order.seenAgain();
      OrderState before = order.getState();
      String oneBefore = order.getOneState();
      if (order.jobReported(vm.userTemplate(), now)) {
        updated++;
        if (order.getState() != before) {
          continue; // the job finished: its VM is ended by the saga
        }
      }
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
      if (ref == null) {
        continue; // an adopted VM not tagged yet: its order follows it by id
      }
      VmOrder owner = ownerOf(ref);
      boolean owned =
          owner != null && !owner.getState().ended() && owns(owner, providerId, vm.id());
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
    return new Plan(updated, vanished, orphansSeen, due, addressesToRelease);
  }

  /**
   * Ends an order whose VM the provider no longer runs: vanished, its quota, capacity claim and
   * metering ended, its volumes, snapshots and backups told. In the caller's transaction, the order
   * locked; the public address to give back after it commits, if it had one.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public java.util.Optional<PublicAddress> endVanished(VmOrder order, Instant now) {
    order.vanished(now);
    meter.observe(order, now);
    placement.vmGone(order.ref());
    quota.release(order.ref());
    volumes.vmEnded(order.getId());
    snapshots.vmEnded(order.getId());
    backups.vmEnded(order.getId());
    return order.isPublicAddress()
        ? java.util.Optional.of(new PublicAddress(order.getId(), order.getTenantId()))
        : java.util.Optional.empty();
  }

  /** Gives back the public addresses of vanished VMs (after their orders' transaction). */
  public void releaseAddresses(long providerId, List<PublicAddress> addresses) {
    for (PublicAddress address : addresses) {
      if (!attachments.releasePublicAddress(providerId, address.tenantId(), address.orderId())) {
        LOG.warning(
            () ->
                "Order "
                    + address.orderId()
                    + ": its VM vanished, but the provider still counts its public address as"
                    + " used; it stays reserved");
      }
    }
  }

  /**
   * Whether the VM at the provider is the order's: its own (or one being made for it), or during a
   * move its second one (the target before the cutover, the source kept after it).
   */
  static boolean owns(VmOrder owner, long providerId, int vmId) {
    if (owner.getOneVmId() == null
        || (Long.valueOf(providerId).equals(owner.getProviderId()) && owner.getOneVmId() == vmId)) {
      return true;
    }
    return Long.valueOf(providerId).equals(owner.getOtherProviderId())
        && (owner.getOtherVmId() == null || owner.getOtherVmId() == vmId);
  }

  /**
   * Repairs metering from the provider's accounting: each running period the provider reports for
   * an order's VM that Federa has no usage interval for (a missed state change) is written.
   *
   * @return how many intervals were written
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int repairMetering(long providerId, List<HistoryRecord> records, Duration tolerance) {
    Instant now = clock.instant();
    // The orders behind the records' VMs, in one query (a pass reads a month of history).
    List<Integer> vmIds =
        records.stream()
            .filter(h -> h.runningStart() != null)
            .map(HistoryRecord::vmId)
            .distinct()
            .toList();
    Map<Integer, VmOrder> owners = new HashMap<>();
    if (!vmIds.isEmpty()) {
      // Locked, and so read as committed now: an order terminated since the pass began is seen
      // ended, and no interval is opened for it (issue #14, defect 3).
      em.createQuery(
              "select o from VmOrder o where o.providerId = :p and o.oneVmId in :vms"
                  + " order by o.id",
              VmOrder.class)
          .setParameter("p", providerId)
          .setParameter("vms", vmIds)
          .setLockMode(LockModeType.PESSIMISTIC_WRITE)
          .getResultList()
          .forEach(o -> owners.putIfAbsent(o.getOneVmId(), o));
    }
    int written = 0;
    for (HistoryRecord h : records) {
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

  /**
   * Checks the metering invariants of the provider's orders ({@link
   * eu.federa.billing.MeteringInvariants}) and repairs each violation: logged with an incident id,
   * audited, and counted per kind in {@code metering_violation}. The orders are locked before their
   * intervals are read.
   *
   * @return how many violations were repaired
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int checkMetering(long providerId) {
    Map<Long, MeteringInvariants.Summary> summaries = metering.summaries(providerId);
    List<Long> suspects = new ArrayList<>();
    List<Long> ids = new ArrayList<>(summaries.keySet());
    for (int from = 0; from < ids.size(); from += 1000) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
      // A projection, not entities: the suspects are read again below under their row lock.
      for (Row o :
          Row.all(
              em.createQuery("select o.id, o.state, o.endedAt from VmOrder o where o.id in :ids")
                  .setParameter("ids", chunk))) {
        OrderState state = o.get(1, OrderState.class);
        Instant endedAt = o.isNull(2) ? null : o.get(2, Instant.class);
        if (MeteringInvariants.suspect(summaries.get(o.lng(0)), state.ended(), endedAt)) {
          suspects.add(o.lng(0));
        }
      }
    }
    int repaired = 0;
    for (long suspect : suspects.stream().sorted().toList()) {
      VmOrder order = em.find(VmOrder.class, suspect, LockModeType.PESSIMISTIC_WRITE);
      if (order == null) {
        continue;
      }
      List<MeteringInvariants.Stored> stored = metering.storedForRepair(order.getId());
      Map<Long, Instant> starts = new HashMap<>();
      stored.forEach(i -> starts.put(i.id(), i.from()));
      for (MeteringInvariants.Fix fix :
          MeteringInvariants.check(order.getState().ended(), order.getEndedAt(), stored)) {
        metering.repair(fix, starts.get(fix.id()));
        countViolation(order, fix);
        repaired++;
      }
    }
    return repaired;
  }

  private void countViolation(VmOrder order, MeteringInvariants.Fix fix) {
    String incident = Incidents.current();
    String detail =
        "order "
            + order.getId()
            + " ("
            + order.getState()
            + (order.getEndedAt() == null ? "" : ", ended " + order.getEndedAt())
            + "), interval "
            + fix.id()
            + (fix.deletes() ? " deleted" : " ended at " + fix.endAt());
    LOG.severe(
        () ->
            "Incident " + incident + ": metering invariant " + fix.kind() + " violated, " + detail);
    em.createNativeQuery(
            "INSERT INTO metering_violation (kind, repaired, last_at, last_incident, last_detail)"
                + " VALUES (?1, 1, ?2, ?3, ?4) ON DUPLICATE KEY UPDATE repaired = repaired + 1,"
                + " last_at = ?2, last_incident = ?3, last_detail = ?4")
        .setParameter(1, fix.kind().name())
        .setParameter(2, clock.instant())
        .setParameter(3, incident)
        .setParameter(4, detail)
        .executeUpdate();
    audit.bySystem(
        AuditAction.METERING_REPAIRED,
        order.getTenantId(),
        AuditTarget.Kind.ORDER.of(order.getId()),
        AuditDetail.METERING_REPAIRED.text(fix.kind(), incident));
  }

  /** The order a reference names ({@code order-<id>}), or null. */
  private VmOrder ownerOf(String ref) {
    return VmOrder.idOfRef(ref).map(id -> em.find(VmOrder.class, id)).orElse(null);
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
        AuditTarget.vmAtProvider(providerId, orphan.vmId()),
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
