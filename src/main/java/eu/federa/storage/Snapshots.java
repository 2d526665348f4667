package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots of a VM's disk: taken (the project's limit checked under the tenant's lock), the disk
 * put back to one, deleted. The caller (provisioning) has checked the VM's state; the provider's
 * part is the {@link SnapshotWorker}'s.
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

  /** How many live snapshots one project (or the organisation's own VMs) may keep. */
  public static int perProject() {
    return Setting.SNAPSHOTS_PER_PROJECT.intValue();
  }

  /**
   * A snapshot of the VM's disk, taken by the worker.
   *
   * @throws InvalidInputException for a bad name, or one the VM's snapshots use already
   * @throws ConflictException when the project keeps the most snapshots it may
   */

  /**
   * A snapshot of the VM's disk, taken by the worker.
   *
   * @param diskGib the disk's size: reserved in the disk quota until the snapshot is taken, then
   *     what it came to
   * @throws InvalidInputException for a bad name, or one the VM's snapshots use already
   * @throws ConflictException when the project keeps the most snapshots it may
   * @throws eu.federa.quota.QuotaExceededException when the disk quota has no room for it
   */
  @Transactional
  public SnapshotView take(VmTarget vm, String name, int diskGib) {
    // The tenant's lock guards the project's count, as it guards the quota.
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "snapshotName", name, 1, 63);
    if (errors.isEmpty() && nameTaken(vm.orderId(), name.trim())) {
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
            .setParameter("ended", List.of(SnapshotState.DELETED, SnapshotState.FAILED))
            .setParameter("project", vm.projectId())
            .getSingleResult();
    if (kept >= perProject()) {
      throw new ConflictException("snapshot.error.limit", perProject());
    }
    Snapshot s = new Snapshot(vm, name.trim(), diskGib, clock.instant());
    em.persist(s);
    em.flush();
    quota.reserve(
        vm.tenantId(), vm.projectId(), null, s.quotaRef(), new Usage(0, 0, 0, 0, diskGib, 0));
    audit.success(
        AuditAction.SNAPSHOT_TAKEN,
        vm.tenantId(),
        "snapshot " + s.getId(),
        s.getName() + " of VM " + vm.vmName());
    return SnapshotView.of(s);
  }

  /**
   * Puts the VM's disk back to a snapshot; the caller checked that the VM is stopped.
   *
   * @throws NotFoundException when it is not a snapshot of this VM of the tenant
   * @throws ConflictException when it is not ready
   */
  @Transactional
  public SnapshotView revert(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    Snapshot s = locked(tenantId, orderId, snapshotId);
    s.revert(clock.instant());
    audit.success(
        AuditAction.SNAPSHOT_RESTORED,
        tenantId,
        "snapshot " + snapshotId,
        s.getName() + " on VM " + s.getVmName());
    return SnapshotView.of(s);
  }

  @Transactional
  public SnapshotView delete(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    Snapshot s = locked(tenantId, orderId, snapshotId);
    s.delete(clock.instant());
    audit.success(
        AuditAction.SNAPSHOT_DELETED,
        tenantId,
        "snapshot " + snapshotId,
        s.getName() + " of VM " + s.getVmName());
    return SnapshotView.of(s);
  }

  /** The VM's snapshots (all but deleted ones), oldest first. */
  @Transactional
  public List<SnapshotView> ofVm(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select s from Snapshot s where s.tenantId = :t and s.orderId = :o"
                + " and s.state <> :deleted order by s.id",
            Snapshot.class)
        .setParameter("t", tenantId)
        .setParameter("o", orderId)
        .setParameter("deleted", SnapshotState.DELETED)
        .getResultStream()
        .map(SnapshotView::of)
        .toList();
  }

  /**
   * The VM ended: its disk, and the snapshots on it, are gone with it at the provider. In the
   * caller's transaction (the one that ends the order).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmEnded(long orderId) {
    em.createQuery(
            "select s from Snapshot s where s.orderId = :o and s.state not in :ended",
            Snapshot.class)
        .setParameter("o", orderId)
        .setParameter("ended", List.of(SnapshotState.DELETED, SnapshotState.FAILED))
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(s -> SnapshotSteps.ended(s, metering, quota, clock.instant()));
  }

  /** What the tenant's snapshots should hold in the disk quota, for a recount. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<QuotaReservations.Held> held(long tenantId) {
    return em.createQuery(
            "select s from Snapshot s where s.tenantId = :t and s.state not in :ended",
            Snapshot.class)
        .setParameter("t", tenantId)
        .setParameter("ended", List.of(SnapshotState.DELETED, SnapshotState.FAILED))
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

  private boolean nameTaken(long orderId, String name) {
    return em.createQuery(
                "select count(s) from Snapshot s where s.orderId = :o and s.name = :n"
                    + " and s.state not in :ended",
                Long.class)
            .setParameter("o", orderId)
            .setParameter("n", name)
            .setParameter("ended", List.of(SnapshotState.DELETED, SnapshotState.FAILED))
            .getSingleResult()
        > 0;
  }

  private Snapshot locked(long tenantId, long orderId, long snapshotId) {
    Snapshot s = em.find(Snapshot.class, snapshotId, LockModeType.PESSIMISTIC_WRITE);
    if (s == null
        || s.getTenantId() != tenantId
        || s.getOrderId() != orderId
        || s.getState() == SnapshotState.DELETED) {
      throw new NotFoundException("snapshot", snapshotId);
    }
    return s;
  }
}
