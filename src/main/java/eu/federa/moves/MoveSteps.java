package eu.federa.moves;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.text.Reason;
import eu.federa.provisioning.OrderMoves;
import eu.federa.provisioning.VmOrder;
import eu.federa.storage.VolumeMove;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The move worker's transactions: claiming a move that is due (SKIP LOCKED, leased), and each
 * change of it, fenced twice: by the claim (a worker whose lease was taken over records nothing)
 * and by the phase the worker saw (a user who confirmed or took the move back meanwhile wins). The
 * order's side of each change is in the same transaction.
 */
@ApplicationScoped
public class MoveSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject OrderMoves orders;
  @Inject AuditLog audit;
  @Inject ProviderRegistry registry;

  /** A move claimed by this worker. */
  public record Claim(long id, String token) {}

  /**
   * The move is no longer this worker's to change: its lease was taken over, or its phase changed
   * under it (a user's decision). The worker stops; whoever holds it carries on.
   */
  static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stale(long id, String why) {
      super("move " + id + ": " + why);
    }
  }

  /**
   * Claims the next move that is due and not held by a live lease: a move under way first (always
   * carried on), else a queued one whose source and target each have fewer than {@code perProvider}
   * moves under way, so that no provider is flooded. A queued move is started (its phase changed)
   * in the claim's transaction, under the lock of its providers' rows: two nodes starting moves at
   * the same instant count one after the other, and never both take the last place.
   */
  @Transactional
  public Optional<Claim> claimNext(Duration lease, int perProvider) {
    Instant now = clock.instant();
    // Locking reads only until the providers are locked (no snapshot is taken before).
    List<Number> underWay =
        ids(
            em.createNativeQuery(
                    "SELECT id FROM vm_move WHERE state IN ('MOVING', 'KEPT', 'ROLLING_BACK')"
                        + " AND phase <> 'QUEUED' AND next_step_at <= ?1"
                        + " AND (step_lease_until IS NULL OR step_lease_until < ?1)"
                        + " ORDER BY next_step_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now));
    if (!underWay.isEmpty()) {
      return Optional.of(claim(underWay.get(0).longValue(), now, lease));
    }
    return startQueued(now, lease, perProvider);
  }

  private Optional<Claim> startQueued(Instant now, Duration lease, int perProvider) {
    List<Object[]> queued =
        rows(
            em.createNativeQuery(
                    "SELECT id, source_provider_id, target_provider_id FROM vm_move"
                        + " WHERE state = 'MOVING' AND phase = 'QUEUED' AND next_step_at <= ?1"
                        + " AND (step_lease_until IS NULL OR step_lease_until < ?1)"
                        + " ORDER BY next_step_at, id LIMIT 20 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now));
    if (queued.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> providers = new java.util.TreeSet<>();
    for (Object[] q : queued) {
      providers.add(((Number) q[1]).longValue());
      providers.add(((Number) q[2]).longValue());
    }
    registry.lockRows(providers);
    java.util.Map<Long, Long> busy = new java.util.HashMap<>();
    for (Object[] row :
        rows(
            em.createNativeQuery(
                    "SELECT p, COUNT(*) FROM (SELECT source_provider_id AS p FROM vm_move"
                        + " WHERE state IN ('MOVING', 'ROLLING_BACK') AND phase <> 'QUEUED'"
                        + " AND source_provider_id IN (?1) UNION ALL SELECT target_provider_id"
                        + " FROM vm_move WHERE state IN ('MOVING', 'ROLLING_BACK')"
                        + " AND phase <> 'QUEUED' AND target_provider_id IN (?1)) u GROUP BY p")
                .setParameter(1, List.copyOf(providers)))) {
      busy.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
    for (Object[] q : queued) {
      long source = ((Number) q[1]).longValue();
      long target = ((Number) q[2]).longValue();
      if (busy.getOrDefault(source, 0L) < perProvider
          && busy.getOrDefault(target, 0L) < perProvider) {
        long id = ((Number) q[0]).longValue();
        em.find(VmMove.class, id).enter(MovePhase.STOPPING_SOURCE, now);
        em.flush();
        return Optional.of(claim(id, now, lease));
      }
    }
    return Optional.empty();
  }

  private Claim claim(long id, Instant now, Duration lease) {
    String token = UUID.randomUUID().toString();
    em.createNativeQuery("UPDATE vm_move SET step_claim = ?1, step_lease_until = ?2 WHERE id = ?3")
        .setParameter(1, token)
        .setParameter(2, now.plus(lease))
        .setParameter(3, id)
        .executeUpdate();
    return new Claim(id, token);
  }

  @SuppressWarnings("unchecked")
  private static List<Number> ids(jakarta.persistence.Query q) {
    return q.getResultList();
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(jakarta.persistence.Query q) {
    return q.getResultList();
  }

  /** The move as the worker starts its step (detached: changes go through the methods below). */
  @Transactional
  public VmMove load(Claim claim) {
    VmMove m = held(claim, null);
    em.detach(m);
    return m;
  }

  /** The step is over for now: the lease goes, any node may take the next one when it is due. */
  @Transactional
  public void release(Claim claim) {
    em.createNativeQuery(
            "UPDATE vm_move SET step_claim = NULL, step_lease_until = NULL"
                + " WHERE id = ?1 AND step_claim = ?2")
        .setParameter(1, claim.id())
        .setParameter(2, claim.token())
        .executeUpdate();
  }

  /** Renews the lease of a move this node carries; false when it is no longer this node's. */
  @Transactional
  public boolean renew(Claim claim, Duration lease) {
    return em.createNativeQuery(
                "UPDATE vm_move SET step_lease_until = ?1 WHERE id = ?2 AND step_claim = ?3")
            .setParameter(1, clock.instant().plus(lease))
            .setParameter(2, claim.id())
            .setParameter(3, claim.token())
            .executeUpdate()
        == 1;
  }

  /** The phase is done: the next one is taken at once (by this worker, still holding it). */
  @Transactional
  public void enter(Claim claim, MovePhase expected, MovePhase next) {
    held(claim, Set.of(expected)).enter(next, clock.instant());
  }

  /** Still in its phase: looked at again after {@code wait}. */
  @Transactional
  public void waitFor(Claim claim, MovePhase expected, Duration wait) {
    Instant now = clock.instant();
    held(claim, Set.of(expected)).waitUntil(now.plus(wait), now);
  }

  /** The source is powered off: charged so from now, and its disk is saved next. */
  @Transactional
  public void sourceStopped(Claim claim) {
    VmMove m = held(claim, Set.of(MovePhase.STOPPING_SOURCE));
    orders.sourceStopped(m.getOrderId(), clock.instant());
    m.enter(MovePhase.SAVING_DISK, clock.instant());
  }

  /** The disk's progress (also renews the lease: bytes are coming in). */
  @Transactional
  public void disk(Claim claim, DiskTransfer.Disk d, Duration lease) {
    VmMove m =
        held(
            claim,
            Set.of(MovePhase.SAVING_DISK, MovePhase.PUBLISHING_DISK, MovePhase.COPYING_DISK));
    Instant now = clock.instant();
    m.disk(d, now);
    renewLease(claim, now.plus(lease));
  }

  /** The source told which disk the VM has: that one is copied. */
  @Transactional
  public void diskFound(Claim claim, int diskId, long sizeMib) {
    held(claim, Set.of(MovePhase.STOPPING_SOURCE)).diskFound(diskId, sizeMib, clock.instant());
  }

  /** The volumes moving with the VM (detached: changes go through the methods below). */
  @Transactional
  public List<MoveVolume> volumes(Claim claim) {
    held(claim, null);
    List<MoveVolume> all = volumes(claim.id());
    all.forEach(em::detach);
    return all;
  }

  private List<MoveVolume> volumes(long moveId) {
    return em.createQuery(
            "select v from MoveVolume v where v.moveId = :m order by v.volumeId", MoveVolume.class)
        .setParameter("m", moveId)
        .getResultList();
  }

  private MoveVolume volume(Claim claim, long volumeId) {
    return em.createQuery(
            "select v from MoveVolume v where v.moveId = :m and v.volumeId = :v", MoveVolume.class)
        .setParameter("m", claim.id())
        .setParameter("v", volumeId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getSingleResult();
  }

  /** A volume's disk's progress (also renews the lease: bytes are coming in). */
  @Transactional
  public void volumeDisk(Claim claim, long volumeId, DiskTransfer.Disk d, Duration lease) {
    VmMove m =
        held(
            claim,
            Set.of(MovePhase.SAVING_DISK, MovePhase.PUBLISHING_DISK, MovePhase.COPYING_DISK));
    MoveVolume v = volume(claim, volumeId);
    boolean wasDone = v.getDiskState() == DiskTransfer.State.DONE;
    long gained = v.disk(d);
    Instant now = clock.instant();
    m.volumeDisk(d, gained, wasDone ? d.sizeBytes : v.getSizeGib() * GIB, now);
    renewLease(claim, now.plus(lease));
  }

  private static final long GIB = 1024L * 1024 * 1024;

  /** A volume's disk is being imported at the target into this image. */
  @Transactional
  public void volumeImage(Claim claim, long volumeId, int imageId, Integer datastoreId) {
    held(claim, Set.of(MovePhase.IMPORTING_DISK));
    volume(claim, volumeId).targetImage(imageId, datastoreId);
  }

  /** A volume is a disk of the VM at the target. */
  @Transactional
  public void volumeAttached(Claim claim, long volumeId, int diskId) {
    held(claim, Set.of(MovePhase.ATTACHING_VOLUMES));
    volume(claim, volumeId).attached(diskId);
  }

  /** A new attempt of the disk copy begins (its throughput is measured from here). */
  @Transactional
  public void copyAttempt(Claim claim) {
    held(claim, null).copyAttempt(clock.instant());
  }

  @Transactional
  public void targetImage(Claim claim, int imageId) {
    held(claim, Set.of(MovePhase.IMPORTING_DISK)).targetImage(imageId, clock.instant());
  }

  @Transactional
  public void targetVm(Claim claim, int vmId) {
    VmMove m = held(claim, Set.of(MovePhase.CREATING_VM));
    orders.recordTarget(m.getOrderId(), vmId);
    m.targetVm(vmId, clock.instant());
    m.enter(MovePhase.STARTING_VM, clock.instant());
  }

  /**
   * The target passed its check: the order cuts over to it (the second its billing switches), and
   * the source is kept until the user confirms or {@code keep} passes.
   */
  @Transactional
  public void cutOver(Claim claim, VirtualMachine target, Duration keep) {
    VmMove m = held(claim, Set.of(MovePhase.CHECKING, MovePhase.STOPPING_TARGET));
    Instant at =
        orders.cutOver(
            m.getOrderId(),
            new VmOrder.MovedTo(
                m.getTargetProviderId(),
                m.getTargetProviderName(),
                m.getTargetCountry(),
                m.getTargetHostId(),
                m.getTargetHostName(),
                m.getTargetTemplateId(),
                target.id(),
                m.getPriceAfterEurMonth(),
                m.diskName()),
            target,
            volumes(m.getId()).stream()
                .map(
                    v ->
                        new VolumeMove(
                            v.getVolumeId(),
                            m.getTargetProviderId(),
                            m.getTargetProviderName(),
                            m.getTargetCountry(),
                            v.getTargetDatastoreId(),
                            v.getTargetImageId(),
                            target.id(),
                            v.getTargetDiskId()))
                .toList());
    m.cutOver(at, at.plus(keep));
  }

  /**
   * A step could not be taken now (a provider out of reach): tried again after {@code wait}.
   *
   * @return how many times in a row it could not
   */
  @Transactional
  public int retryLater(Claim claim, MovePhase expected, Duration wait) {
    Instant now = clock.instant();
    return held(claim, Set.of(expected)).retryLater(now.plus(wait), now);
  }

  /** The move fails in its phase: it goes back to the source, saying why. */
  @Transactional
  public void fail(Claim claim, MovePhase expected, Reason why) {
    held(claim, Set.of(expected)).rollBack(why, clock.instant());
  }

  /** The source runs again and the order is back on it: what the target has goes next. */
  @Transactional
  public void sourceRestarted(Claim claim, VirtualMachine source) {
    VmMove m = held(claim, Set.of(MovePhase.RESTARTING_SOURCE));
    if (m.getCutoverAt() == null) {
      orders.abandon(m.getOrderId(), source);
    } else {
      orders.cutBack(
          m.getOrderId(),
          sourceOf(m),
          source,
          volumes(m.getId()).stream()
              .map(
                  v ->
                      new VolumeMove(
                          v.getVolumeId(),
                          m.getSourceProviderId(),
                          m.getSourceProviderName(),
                          m.getSourceCountry(),
                          v.getSourceDatastoreId(),
                          v.getSourceImageId(),
                          m.getSourceVmId(),
                          v.getSourceDiskId()))
              .toList());
    }
    m.enter(MovePhase.CLEANING_TARGET, clock.instant());
  }

  /** The move is over, one way or the other. */
  @Transactional
  public void finished(Claim claim, MovePhase expected, MoveState end) {
    VmMove m = held(claim, Set.of(expected));
    m.finished(end, clock.instant());
    if (end == MoveState.DONE) {
      orders.confirmed(m.getOrderId());
    }
    audit.bySystem(
        end == MoveState.DONE ? AuditAction.MOVE_CONFIRMED : AuditAction.MOVE_ROLLED_BACK,
        m.getTenantId(),
        AuditTarget.Kind.ORDER.of(m.getOrderId()),
        m.getFailureReason() == null
            ? AuditDetail.MOVE_BETWEEN.text(
                m.getId(), m.getSourceProviderName(), m.getTargetProviderName())
            : AuditDetail.MOVE_ENDED_BECAUSE.text(
                m.getId(),
                m.getSourceProviderName(),
                m.getTargetProviderName(),
                m.getFailureReason()));
  }

  /** The order's VM as it was at the source, to go back to. */
  static OrderMoves.Source sourceOf(VmMove m) {
    return new OrderMoves.Source(
        m.getOrderId(),
        m.getTenantId(),
        m.getProjectId(),
        m.getVmName(),
        m.getSourceProviderId(),
        m.getSourceProviderName(),
        m.getSourceCountry(),
        m.getSourceHostId(),
        m.getSourceHostName(),
        m.getSourceTemplateId(),
        m.getSourceVmId(),
        0,
        m.getPriceBeforeEurMonth(),
        m.getSourceImageName());
  }

  private void renewLease(Claim claim, Instant until) {
    em.createNativeQuery("UPDATE vm_move SET step_lease_until = ?1 WHERE id = ?2")
        .setParameter(1, until)
        .setParameter(2, claim.id())
        .executeUpdate();
  }

  /**
   * The move, locked, if this worker still holds it in one of the {@code phases} (null: any).
   *
   * @throws Stale otherwise
   */
  private VmMove held(Claim claim, Set<MovePhase> phases) {
    VmMove m = em.find(VmMove.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (m == null) {
      throw new Stale(claim.id(), "gone");
    }
    em.refresh(m);
    if (!claim.token().equals(m.getStepClaim())) {
      throw new Stale(claim.id(), "claim lost");
    }
    if (phases != null && !phases.contains(m.getPhase())) {
      throw new Stale(claim.id(), "now " + m.getState() + "/" + m.getPhase());
    }
    return m;
  }
}
