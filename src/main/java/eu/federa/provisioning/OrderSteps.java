package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.placement.PlacementService;
import eu.federa.platform.text.Reason;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The saga's writes, each a short transaction of its own around the provider calls. Each locks the
 * order's row and checks it is still in the state the step started from, so that a user's action or
 * another node's step in between is never overwritten.
 */
@ApplicationScoped
public class OrderSteps {

  private static final Logger LOG = Logger.getLogger(OrderSteps.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject Backups backups;
  @Inject PlacementService placement;
  @Inject QuotaReservations quota;
  @Inject AuditLog audit;
  @Inject OrderMeter meter;
  @Inject OrderSteps self;
  @Inject HostMoves hostMoves;
  @jakarta.annotation.Resource jakarta.transaction.TransactionSynchronizationRegistry transaction;

  /** What a step needs to know of its order. */
  public record Snapshot(
      long id,
      long tenantId,
      OrderState state,
      String ref,
      String name,
      Long providerId,
      String providerName,
      Long hostId,
      Integer templateId,
      Integer vmId,
      int vcpu,
      long memoryMib,
      int gpus,
      String gpuClass,
      String gpuModel,
      int diskGib,
      Instant createdAt,
      Instant updatedAt,
      Map<String, String> serviceAttributes,
      int attempts,
      boolean allowOtherProvider,
      Integer resizeVcpu,
      Long resizeMemoryMib,
      Long resizeHostId,
      Instant resizeRequestedAt,
      Instant resizeMoveSentAt,
      List<String> sshPublicKeys,
      boolean publicAddress,
      Integer restoreImageId,
      String restoreName,
      String importDiskUrl,
      String importName,
      String movedImageName) {}

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Snapshot load(long orderId) {
    VmOrder o = em.find(VmOrder.class, orderId);
    return o == null
        ? null
        : new Snapshot(
            o.getId(),
            o.getTenantId(),
            o.getState(),
            o.ref(),
            o.getName(),
            o.getProviderId(),
            o.getProviderName(),
            o.getHostId(),
            o.getTemplateId(),
            o.getOneVmId(),
            o.getVcpu(),
            o.getMemoryMib(),
            o.getGpus(),
            o.getGpuClass(),
            o.getGpuModel(),
            o.getDiskGib(),
            o.getCreatedAt(),
            o.getUpdatedAt(),
            serviceAttributes(o),
            o.getAttempts(),
            o.isAllowOtherProvider(),
            o.getResizeVcpu(),
            o.getResizeMemoryMib(),
            o.getResizeHostId(),
            o.getResizeRequestedAt(),
            o.getResizeMoveSentAt(),
            o.getSshPublicKeys(),
            o.isPublicAddress(),
            o.getRestoreImageId(),
            o.restoreName(),
            o.getImportDiskUrl(),
            o.importName(),
            o.getMovedImageName());
  }

  /** What an AI service's appliance reads from its VM's template: the model and the dataset. */
  private Map<String, String> serviceAttributes(VmOrder o) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (o.getServiceId() == null) {
      return attributes;
    }
    AiService service = em.find(AiService.class, o.getServiceId());
    attributes.put("FEDERA_SERVICE", service.getKind().name());
    if (service.getModelCode() != null) {
      attributes.put("FEDERA_MODEL", service.getModelCode());
    }
    if (service.getDatasetUrl() != null) {
      attributes.put("FEDERA_DATASET", service.getDatasetUrl());
    }
    return attributes;
  }

  /** A step of one order in flight on this node; only its holder's writes are accepted. */
  public record StepClaim(long orderId, String token) {}

  /** The claim of the step this thread runs (see {@link #working}). */
  private static final ThreadLocal<StepClaim> WORKING = new ThreadLocal<>();

  /** The steps in flight on this node, whose leases the worker renews while they run. */
  private final Set<StepClaim> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * Takes orders whose next step is due and that no live step holds: their rows locked with SKIP
   * LOCKED (another node's are skipped, not waited for), each given a claim leased until {@code
   * lease} from now. The lease is renewed while the step runs ({@link #renew}) and ended when it is
   * done ({@link #release}); if the node dies, any node continues after the lease.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<StepClaim> claimDue(int max, Duration lease) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT id FROM vm_order WHERE next_step_at <= ?1"
                    + " AND (step_lease_until IS NULL OR step_lease_until <= ?1)"
                    + " ORDER BY next_step_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<StepClaim> claims = new ArrayList<>();
    for (Number id : due) {
      claims.add(lease(id.longValue(), now.plus(lease)));
    }
    return claims;
  }

  /**
   * Claims the order's next step now (a user's action, sent at once from the request), unless a
   * live step holds it (then the worker holding it carries on).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<StepClaim> claim(long orderId, Duration lease) {
    Instant now = clock.instant();
    if (em.createNativeQuery(
            "SELECT id FROM vm_order WHERE id = ?1"
                + " AND (step_lease_until IS NULL OR step_lease_until <= ?2) FOR UPDATE SKIP LOCKED")
        .setParameter(1, orderId)
        .setParameter(2, now)
        .getResultList()
        .isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(lease(orderId, now.plus(lease)));
  }

  private StepClaim lease(long orderId, Instant until) {
    StepClaim claim = new StepClaim(orderId, UUID.randomUUID().toString());
    em.createNativeQuery("UPDATE vm_order SET step_claim = ?1, step_lease_until = ?2 WHERE id = ?3")
        .setParameter(1, claim.token())
        .setParameter(2, until)
        .setParameter(3, orderId)
        .executeUpdate();
    return claim;
  }

  /** Extends a step's lease while it runs; false when the claim was taken over meanwhile. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean renew(StepClaim claim, Duration lease) {
    return em.createNativeQuery(
                "UPDATE vm_order SET step_lease_until = ?1 WHERE id = ?2 AND step_claim = ?3")
            .setParameter(1, clock.instant().plus(lease))
            .setParameter(2, claim.orderId())
            .setParameter(3, claim.token())
            .executeUpdate()
        == 1;
  }

  /** Ends a step's lease: its order's next step may be taken at once, on any node. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(StepClaim claim) {
    em.createNativeQuery(
            "UPDATE vm_order SET step_lease_until = NULL WHERE id = ?1 AND step_claim = ?2")
        .setParameter(1, claim.orderId())
        .setParameter(2, claim.token())
        .executeUpdate();
  }

  /**
   * Runs {@code step} as the holder of {@code claim}: its writes are fenced by the claim ({@link
   * #lock}), its lease is renewed while it runs (by the worker, see {@link #inFlight()}), and
   * released when it ends.
   */
  public void working(StepClaim claim, Runnable step) {
    WORKING.set(claim);
    inFlight.add(claim);
    try {
      step.run();
    } finally {
      inFlight.remove(claim);
      WORKING.remove();
      self.release(claim); // through the proxy: its own transaction
    }
  }

  /** The steps running on this node now. */
  public Set<StepClaim> inFlight() {
    return Set.copyOf(inFlight);
  }

  /**
   * Whether a write to {@code order} may go ahead: always outside a step; inside one, only while
   * the step's claim is still the order's (a step whose lease ran out and was taken over by another
   * node must not overwrite what that node does).
   */
  static boolean stillHeld(VmOrder order) {
    StepClaim working = WORKING.get();
    if (working == null || working.orderId() != order.getId()) {
      return true;
    }
    if (working.token().equals(order.getStepClaim())) {
      return true;
    }
    LOG.warning(
        () ->
            "A step of order "
                + order.getId()
                + " lost its claim to another node; its write is dropped");
    return false;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void deployed(long orderId, int vmId) {
    VmOrder o = lock(orderId, Set.of(OrderState.RESERVED));
    if (o != null) {
      o.deploying(vmId, clock.instant());
    }
  }

  /**
   * Running: after deployment the provider counts it, so the claim settles (it goes with the next
   * sync of the host) and the quota is used.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void running(long orderId, List<String> ips, String oneState) {
    VmOrder o =
        lock(orderId, Set.of(OrderState.DEPLOYING, OrderState.STARTING, OrderState.REBOOTING));
    if (o == null) {
      return;
    }
    boolean deployed = o.getState() == OrderState.DEPLOYING;
    o.running(ips, oneState, clock.instant());
    meter.observe(o, clock.instant());
    if (deployed) {
      logOnceCommitted("Running at " + o.getProviderName() + " as VM " + o.getOneVmId());
      placement.settle(o.ref());
      quota.commit(o.ref());
      volumes.vmRunning(VmVolumes.target(o));
      audit.bySystem(
          AuditAction.ORDER_RUNNING,
          o.getTenantId(),
          AuditTarget.Kind.ORDER.of(orderId),
          runningAt(o));
    }
  }

  /** Where an order runs, for its audit entry: the provider, the VM and its addresses. */
  private static String runningAt(VmOrder o) {
    if (o.getIpAddress() == null) {
      return o.getPublicIp() == null
          ? AuditDetail.AT_PROVIDER_VM.text(o.getProviderName(), o.getOneVmId())
          : AuditDetail.RUNNING_PUBLIC_ONLY.text(
              o.getProviderName(), o.getOneVmId(), o.getPublicIp());
    }
    return o.getPublicIp() == null
        ? AuditDetail.RUNNING_AT_ADDRESS.text(o.getProviderName(), o.getOneVmId(), o.getIpAddress())
        : AuditDetail.RUNNING_AT_PUBLIC.text(
            o.getProviderName(), o.getOneVmId(), o.getIpAddress(), o.getPublicIp());
  }

  /**
   * Logs {@code line} once the step's transaction committed: a step rolled back (a deadlock with
   * another node, say) and done again later tells of what happened once, when it did.
   */
  private void logOnceCommitted(String line) {
    transaction.registerInterposedSynchronization(
        new jakarta.transaction.Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              LOG.info(line);
            }
          }
        });
  }

  /** A limited run whose time is up is terminated (its page says why). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean expireIfDue(long orderId) {
    VmOrder o = lock(orderId, Set.of(OrderState.RUNNING, OrderState.STOPPED));
    if (o == null || !o.expired(clock.instant())) {
      return false;
    }
    o.expire(clock.instant());
    return true;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void stopped(long orderId, String oneState) {
    VmOrder o = lock(orderId, Set.of(OrderState.STOPPING));
    if (o != null) {
      o.stopped(oneState, clock.instant());
      meter.observe(o, clock.instant());
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void progressed(long orderId, OrderState from, String oneState, Duration wait) {
    VmOrder o = lock(orderId, Set.of(from));
    if (o != null) {
      o.progressed(oneState, clock.instant(), wait);
    }
  }

  /** The provider could not be reached; see {@link VmOrder#retryLater}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void retryLater(long orderId, OrderState from, Reason problem) {
    VmOrder o = lock(orderId, Set.of(from));
    if (o != null) {
      o.retryLater(problem, clock.instant());
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void compensate(long orderId, OrderState from, Reason reason) {
    VmOrder o = lock(orderId, Set.of(from));
    if (o != null) {
      o.compensate(reason, clock.instant());
    }
  }

  /** Compensated: nothing is left at the provider; capacity and quota are free again. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(long orderId) {
    VmOrder o = lock(orderId, Set.of(OrderState.COMPENSATING));
    if (o == null) {
      return;
    }
    o.failed(clock.instant());
    meter.observe(o, clock.instant());
    placement.vmGone(o.ref());
    quota.release(o.ref());
    volumes.vmEnded(orderId);
    snapshots.vmEnded(orderId);
    backups.vmEnded(orderId);
    audit.bySystem(
        AuditAction.ORDER_FAILED,
        o.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        o.getFailureReason());
  }

  /** The move was sent: looked at again after {@code wait}, the move not sent twice. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void moveSent(long orderId, String oneState, Duration wait) {
    VmOrder o = lock(orderId, Set.of(OrderState.RESIZING));
    if (o != null) {
      o.moveSent(clock.instant());
      o.progressed(oneState, clock.instant(), wait);
    }
  }

  /**
   * The provider resized the VM (after moving it, if it had to): stopped at its new size, the claim
   * on its new host gone (the provider counts it there now), its metering at the new size.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void resized(long orderId) {
    VmOrder o = lock(orderId, Set.of(OrderState.RESIZING));
    if (o == null) {
      return;
    }
    boolean moved = o.getResizeHostId() != null;
    o.resized(clock.instant());
    if (moved) {
      placement.settle(o.ref());
    }
    meter.observe(o, clock.instant());
    audit.bySystem(
        AuditAction.ORDER_ACTION,
        o.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        moved
            ? AuditDetail.RESIZED_MOVED.text(o.getVcpu(), o.getMemoryMib(), o.getHostName())
            : AuditDetail.RESIZED.text(o.getVcpu(), o.getMemoryMib()));
  }

  /**
   * The resize was given up: the VM keeps its size, the quota goes back to it, a claim for a move
   * is released, and the reason is shown on its page.
   *
   * @param moved whether the VM is on the new host all the same
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void resizeAbandoned(long orderId, Reason reason, boolean moved) {
    VmOrder o = lock(orderId, Set.of(OrderState.RESIZING));
    if (o == null) {
      return;
    }
    boolean claimed = o.getResizeHostId() != null;
    o.resizeAbandoned(reason, moved, clock.instant());
    quota.revert(o.getTenantId(), o.ref(), o.usageAt(o.getVcpu(), o.getMemoryMib()));
    if (claimed && moved) {
      placement.settle(o.ref()); // it runs on the new host all the same
    } else if (claimed) {
      placement.release(o.ref());
    }
    audit.bySystem(
        AuditAction.ORDER_ACTION,
        o.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.FAILED.text(reason.english()));
  }

  /** The migration was sent to the provider: looked at again after {@code wait}, not sent twice. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void migrationSent(long orderId, long moveId, String oneState, Duration wait) {
    VmOrder o = lock(orderId, Set.of(OrderState.MIGRATING));
    if (o != null) {
      hostMoves.sent(moveId);
      o.progressed(oneState, clock.instant(), wait);
    }
  }

  /**
   * The move to another host ended: the VM runs on {@code hostId} (the new host, or its own when
   * the move failed, {@code failure} saying why); the claim on the new host settles when it is
   * there, else it goes. The tenant's audit log says what happened.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void migrationEnded(
      long orderId, long moveId, long hostId, String hostName, Reason failure) {
    VmOrder o = lock(orderId, Set.of(OrderState.MIGRATING));
    if (o == null) {
      return;
    }
    boolean moved = o.getHostId() == null || o.getHostId() != hostId;
    o.migrated(hostId, hostName == null ? o.getHostName() : hostName, clock.instant());
    if (moved) {
      placement.settle(o.ref());
    } else {
      placement.release(o.ref());
    }
    hostMoves.ended(
        moveId, failure == null ? HostMoves.State.DONE : HostMoves.State.FAILED, failure);
    audit.bySystem(
        failure == null ? AuditAction.HOST_MOVE_DONE : AuditAction.HOST_MOVE_FAILED,
        o.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        failure == null
            ? AuditDetail.ON_HOST.text(moveId, hostName)
            : AuditDetail.HOST_MOVE_FAILED.text(moveId, failure.english()));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void terminated(long orderId) {
    VmOrder o = lock(orderId, Set.of(OrderState.TERMINATING));
    if (o == null) {
      return;
    }
    o.terminated(clock.instant());
    meter.observe(o, clock.instant());
    placement.vmGone(o.ref());
    quota.release(o.ref());
    volumes.vmEnded(orderId);
    snapshots.vmEnded(orderId);
    backups.vmEnded(orderId);
    audit.bySystem(
        AuditAction.ORDER_TERMINATED, o.getTenantId(), AuditTarget.Kind.ORDER.of(orderId), null);
  }

  private VmOrder lock(long orderId, Set<OrderState> expected) {
    VmOrder o = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    return o != null && expected.contains(o.getState()) && stillHeld(o) ? o : null;
  }
}
