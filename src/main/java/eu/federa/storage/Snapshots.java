package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.Metering;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots of a VM's disk or of a volume: taken (the project's limit checked under the tenant's
 * lock), the disk put back to one, deleted. From the VM's page, the caller (provisioning) has
 * checked the VM's state; a detached volume's snapshots are restored and deleted from the volumes'
 * page. A request on a volume's snapshot locks the volume's row first, so that it and an attach,
 * detach or delete of the volume come one after the other. The provider's part is the {@link
 * SnapshotWorker}'s.
 */
@ApplicationScoped
public class Snapshots {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject AuditLog audit;
  @Inject Metering metering;
  @Inject Clock clock;

  private static final List<SnapshotState> ENDED =
      List.of(SnapshotState.DELETED, SnapshotState.FAILED);

  /** How many live snapshots one project (or the organisation's own VMs) may keep. */
  public static int perProject() {
    return Setting.SNAPSHOTS_PER_PROJECT.intValue();
  }

  /**
   * A snapshot of the VM's own disk ({@code volumeId} null) or of a volume attached to it, taken by
   * the worker.
   *
   * @param diskGib the VM's disk size: reserved in the disk quota until the snapshot is taken, then
   *     what it came to (a volume's snapshot reserves the volume's size)
   * @throws NotFoundException when the volume is not the tenant's, or not on this VM
   * @throws InvalidInputException for a bad name, or one the disk's snapshots use already
   * @throws ConflictException when the project keeps the most snapshots it may, or the volume is on
   *     its way on or off the VM
   * @throws eu.federa.quota.QuotaExceededException when the disk quota has no room for it
   */
  @Transactional
  public SnapshotView take(VmTarget vm, String name, int diskGib, Long volumeId) {
    // The tenant's lock guards the project's count, as it guards the quota.
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    Volume volume = volumeId == null ? null : attachedVolume(vm, volumeId);
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "snapshotName", name, 1, 63);
    if (errors.isEmpty() && nameTaken(vm.orderId(), volumeId, name.trim())) {
      errors.add(FieldError.of("snapshotName", "snapshot.error.nameTaken", name.trim()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    long kept =
        em.createQuery(
                "select count(s) from Snapshot s where s.tenantId = :t and s.state not in :ended"
                    + " and ((:project is null and s.projectId is null) or s.projectId = :project)",
                Long.class)
            .setParameter("t", vm.tenantId())
            .setParameter("ended", ENDED)
            .setParameter("project", vm.projectId())
            .getSingleResult();
    if (kept >= perProject()) {
      throw new ConflictException("snapshot.error.limit", perProject());
    }
    Snapshot s =
        volume == null
            ? new Snapshot(vm, name.trim(), diskGib, clock.instant())
            : new Snapshot(vm, volume, name.trim(), clock.instant());
    em.persist(s);
    em.flush();
    quota.reserve(
        vm.tenantId(),
        vm.projectId(),
        null,
        s.quotaRef(),
        new Usage(0, 0, 0, 0, s.getQuotaGib(), 0));
    audit.success(
        AuditAction.SNAPSHOT_TAKEN,
        vm.tenantId(),
        AuditTarget.Kind.SNAPSHOT.of(s.getId()),
        volume == null
            ? AuditDetail.OF_VM.text(s.getName(), vm.vmName())
            : AuditDetail.OF_VOLUME_ON_VM.text(s.getName(), volume.getName(), vm.vmName()));
    return SnapshotView.of(s);
  }

  /** The volume, locked (a detach waits), attached to the VM and at rest there. */
  private Volume attachedVolume(VmTarget vm, long volumeId) {
    Volume v = em.find(Volume.class, volumeId, LockModeType.PESSIMISTIC_WRITE);
    if (v == null
        || v.getTenantId() != vm.tenantId()
        || v.getOrderId() == null
        || v.getOrderId() != vm.orderId()) {
      throw new NotFoundException("volume", volumeId);
    }
    if (v.getState() != VolumeState.ATTACHED || v.getDiskId() == null) {
      throw new ConflictException("snapshot.error.volumeBusy", v.getName(), v.getState().name());
    }
    return v;
  }

  /**
   * Puts a disk of the VM back to a snapshot: its own, or a volume attached to it. The caller
   * checked that the VM is stopped.
   *
   * @throws NotFoundException when it is not a snapshot of this VM's disks of the tenant
   * @throws ConflictException when it is not ready
   */
  @Transactional
  public SnapshotView revert(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    return restored(tenantId, onVm(tenantId, orderId, snapshotId));
  }

  /**
   * Deletes a snapshot of one of the VM's disks.
   *
   * @throws NotFoundException when it is not a snapshot of this VM's disks of the tenant
   * @throws ConflictException when it is not ready
   */
  @Transactional
  public SnapshotView delete(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    return deleted(tenantId, onVm(tenantId, orderId, snapshotId));
  }

  /**
   * Puts a volume attached to no VM back to one of its snapshots (through its image).
   *
   * @throws NotFoundException when it is not a snapshot of that volume of the tenant
   * @throws ConflictException when the volume is on a VM (its page restores it, the VM stopped), or
   *     the snapshot is not ready
   */
  @Transactional
  public SnapshotView revertVolume(long tenantId, long volumeId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    return restored(tenantId, ofDetachedVolume(tenantId, volumeId, snapshotId));
  }

  /**
   * Deletes a snapshot of a volume attached to no VM (through its image).
   *
   * @throws NotFoundException when it is not a snapshot of that volume of the tenant
   * @throws ConflictException when the volume is on a VM, or the snapshot is not ready
   */
  @Transactional
  public SnapshotView deleteOfVolume(long tenantId, long volumeId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    return deleted(tenantId, ofDetachedVolume(tenantId, volumeId, snapshotId));
  }

  /** The snapshot, locked and checked by the caller, is to be restored; audited. */
  private SnapshotView restored(long tenantId, Snapshot s) {
    s.revert(clock.instant());
    audit.success(
        AuditAction.SNAPSHOT_RESTORED,
        tenantId,
        AuditTarget.Kind.SNAPSHOT.of(s.getId()),
        (s.getVolumeId() == null ? AuditDetail.ON_VM : AuditDetail.ON_VOLUME)
            .text(s.getName(), s.diskName()));
    return SnapshotView.of(s);
  }

  /** The snapshot, locked and checked by the caller, is to be deleted; audited. */
  private SnapshotView deleted(long tenantId, Snapshot s) {
    s.delete(clock.instant());
    audit.success(
        AuditAction.SNAPSHOT_DELETED,
        tenantId,
        AuditTarget.Kind.SNAPSHOT.of(s.getId()),
        (s.getVolumeId() == null ? AuditDetail.OF_VM : AuditDetail.OF_VOLUME)
            .text(s.getName(), s.diskName()));
    return SnapshotView.of(s);
  }

  /** A volume's snapshots (all but deleted ones), oldest first. */
  @Transactional
  public List<SnapshotView> ofVolume(long tenantId, long volumeId) {
    access.require(tenantId, TenantPermission.VIEW);
    Volume v = em.find(Volume.class, volumeId);
    if (v == null || v.getTenantId() != tenantId || v.getState() == VolumeState.DELETED) {
      throw new NotFoundException("volume", volumeId);
    }
    return em.createQuery(
            "select s from Snapshot s where s.volumeId = :v and s.state <> :deleted order by s.id",
            Snapshot.class)
        .setParameter("v", volumeId)
        .setParameter("deleted", SnapshotState.DELETED)
        .getResultStream()
        .map(SnapshotView::of)
        .toList();
  }

  /**
   * Whether the VM's disks have snapshots (all but deleted ones); for background work and plans
   * whose caller checked who asks.
   */
  @Transactional
  public boolean anyOfVm(long orderId) {
    return em.createQuery(
                "select count(s) from Snapshot s where s.state <> :deleted"
                    + " and ((s.volumeId is null and s.orderId = :o)"
                    + " or s.volumeId in (select v.id from Volume v where v.orderId = :o))",
                Long.class)
            .setParameter("o", orderId)
            .setParameter("deleted", SnapshotState.DELETED)
            .getSingleResult()
        > 0;
  }

  /**
   * The snapshots of the VM's disks (all but deleted ones), oldest first: of its own disk, and of
   * the volumes on it now.
   */
  @Transactional
  public List<SnapshotView> ofVm(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select s from Snapshot s where s.tenantId = :t and s.state <> :deleted"
                + " and ((s.volumeId is null and s.orderId = :o)"
                + " or s.volumeId in (select v.id from Volume v where v.orderId = :o))"
                + " order by s.id",
            Snapshot.class)
        .setParameter("t", tenantId)
        .setParameter("o", orderId)
        .setParameter("deleted", SnapshotState.DELETED)
        .getResultStream()
        .map(SnapshotView::of)
        .toList();
  }

  /**
   * Whether a step of one of the volume's snapshots is under way: the volume must stay where it is
   * until it is over. The caller holds the volume's row lock.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean busyWith(long volumeId) {
    return em.createQuery(
                "select count(s) from Snapshot s where s.volumeId = :v and s.state in :busy",
                Long.class)
            .setParameter("v", volumeId)
            .setParameter(
                "busy",
                List.of(SnapshotState.CREATING, SnapshotState.REVERTING, SnapshotState.DELETING))
            .getSingleResult()
        > 0;
  }

  /**
   * The VM ended: its disk, and the snapshots on it, are gone with it at the provider (a volume's
   * stay with the volume, which its provider detached). In the caller's transaction (the one that
   * ends the order).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmEnded(long orderId) {
    em.createQuery(
            "select s from Snapshot s where s.orderId = :o and s.volumeId is null"
                + " and s.state not in :ended",
            Snapshot.class)
        .setParameter("o", orderId)
        .setParameter("ended", ENDED)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(s -> SnapshotSteps.ended(s, metering, quota, clock.instant()));
  }

  /**
   * The volume is deleted, and its image with the snapshots it keeps: they end. In the caller's
   * transaction (the one that records the deletion).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void volumeDeleted(long volumeId, Metering metering, QuotaReservations quota, Instant now) {
    em.createQuery(
            "select s from Snapshot s where s.volumeId = :v and s.state not in :ended",
            Snapshot.class)
        .setParameter("v", volumeId)
        .setParameter("ended", ENDED)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(s -> SnapshotSteps.ended(s, metering, quota, now));
  }

  /** What the tenant's snapshots should hold in the disk quota, for a recount. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<QuotaReservations.Held> held(long tenantId) {
    return em.createQuery(
            "select s from Snapshot s where s.tenantId = :t and s.state not in :ended",
            Snapshot.class)
        .setParameter("t", tenantId)
        .setParameter("ended", ENDED)
        .getResultStream()
        .map(
            s ->
                new QuotaReservations.Held(
                    s.quotaRef(),
                    s.getProjectId(),
                    null,
                    s.getState() != SnapshotState.CREATING,
                    new Usage(
                        0,
                        0,
                        0,
                        0,
                        s.getState() == SnapshotState.CREATING
                            ? s.getQuotaGib()
                            : Math.min(s.getQuotaGib(), s.billedGib()),
                        0)))
        .toList();
  }

  /** Whether the disk's live snapshots use the name: the VM's own disk's, or the volume's. */
  private boolean nameTaken(long orderId, Long volumeId, String name) {
    return em.createQuery(
                "select count(s) from Snapshot s where s.name = :n and s.state not in :ended"
                    + " and ((:volume is null and s.volumeId is null and s.orderId = :o)"
                    + " or s.volumeId = :volume)",
                Long.class)
            .setParameter("o", orderId)
            .setParameter("volume", volumeId)
            .setParameter("n", name)
            .setParameter("ended", ENDED)
            .getSingleResult()
        > 0;
  }

  /**
   * A snapshot of one of the VM's disks, locked: its own disk's, or one of a volume on it now (the
   * volume's row locked first, so that a detach waits).
   */
  private Snapshot onVm(long tenantId, long orderId, long snapshotId) {
    Snapshot found = em.find(Snapshot.class, snapshotId);
    if (found == null || found.getTenantId() != tenantId) {
      throw new NotFoundException("snapshot", snapshotId);
    }
    if (found.getVolumeId() != null) {
      Volume v = em.find(Volume.class, found.getVolumeId(), LockModeType.PESSIMISTIC_WRITE);
      if (v == null || v.getOrderId() == null || v.getOrderId() != orderId) {
        throw new NotFoundException("snapshot", snapshotId);
      }
      if (v.getState() != VolumeState.ATTACHED) {
        throw new ConflictException("snapshot.error.volumeBusy", v.getName(), v.getState().name());
      }
    } else if (found.getOrderId() != orderId) {
      throw new NotFoundException("snapshot", snapshotId);
    }
    return locked(snapshotId);
  }

  /** A snapshot of a volume attached to no VM, locked after the volume's row. */
  private Snapshot ofDetachedVolume(long tenantId, long volumeId, long snapshotId) {
    Volume v = em.find(Volume.class, volumeId, LockModeType.PESSIMISTIC_WRITE);
    if (v == null || v.getTenantId() != tenantId || v.getState() == VolumeState.DELETED) {
      throw new NotFoundException("volume", volumeId);
    }
    Snapshot s = locked(snapshotId);
    if (s.getVolumeId() == null || s.getVolumeId() != volumeId) {
      throw new NotFoundException("snapshot", snapshotId);
    }
    if (v.getState() != VolumeState.AVAILABLE) {
      throw new ConflictException(
          v.getState() == VolumeState.ATTACHED
              ? "snapshot.error.volumeOnVm"
              : "snapshot.error.volumeBusy",
          v.getName(),
          v.getState() == VolumeState.ATTACHED ? v.getVmName() : v.getState().name());
    }
    return s;
  }

  private Snapshot locked(long snapshotId) {
    Snapshot s = em.find(Snapshot.class, snapshotId, LockModeType.PESSIMISTIC_WRITE);
    if (s == null || s.getState() == SnapshotState.DELETED) {
      throw new NotFoundException("snapshot", snapshotId);
    }
    return s;
  }
}
