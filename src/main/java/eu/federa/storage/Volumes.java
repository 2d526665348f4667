package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tenant's volumes: made for a VM and attached to it, detached and attached to another VM of the
 * same project and provider, deleted. Each request is checked and recorded here (the quota under
 * the tenant's lock, like an order); the provider's part is the {@link VolumeWorker}'s.
 */
@ApplicationScoped
public class Volumes {

  /** The smallest and largest volume, GiB. */
  public static final int MIN_GIB = 1;

  public static final int MAX_GIB = 16_384;

  /** How many volumes one VM may carry. */
  public static final int MAX_PER_VM = 8;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TenantDirectory tenants;
  @Inject QuotaReservations quota;
  @Inject AuditLog audit;
  @Inject Snapshots snapshots;
  @Inject eu.federa.billing.Metering metering;
  @Inject Clock clock;

  /**
   * A new volume of {@code sizeGib} for the VM: recorded, its quota held, made and attached by the
   * worker. The caller (provisioning) has checked that the VM is the tenant's and may take it.
   *
   * @throws InvalidInputException for a bad name or size, or a name the project uses already
   * @throws ConflictException when the VM carries the most volumes it may
   * @throws eu.federa.quota.QuotaExceededException when the disk quota does not allow it
   */
  @Transactional
  public VolumeView create(VmTarget vm, String name, int sizeGib) {
    // Lock first, read after: the quota check must see every reservation committed before.
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    if (tenants.ordersFrozen(vm.tenantId())) {
      // The organisation is leaving and its orders are stopped: a new volume is one.
      throw new ConflictException("order.error.frozen");
    }
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "name", name, 1, 63);
    if (sizeGib < MIN_GIB || sizeGib > MAX_GIB) {
      errors.add(FieldError.of("sizeGib", "volume.error.size", MIN_GIB, MAX_GIB));
    }
    if (errors.isEmpty() && nameTaken(vm.tenantId(), vm.projectId(), name.trim())) {
      errors.add(FieldError.of("name", "volume.error.nameTaken", name.trim()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    requireRoomOn(vm);
    Volume v = new Volume(vm, name.trim(), sizeGib, clock.instant());
    em.persist(v);
    em.flush();
    quota.reserve(
        vm.tenantId(), vm.projectId(), null, v.quotaRef(), new Usage(0, 0, 0, 0, sizeGib, 0));
    audit.success(
        AuditAction.VOLUME_CREATED,
        vm.tenantId(),
        AuditTarget.Kind.VOLUME.of(v.getId()),
        AuditDetail.VOLUME_FOR_VM.text(v.getName(), sizeGib, vm.vmName()));
    return VolumeView.of(v);
  }

  /**
   * A volume ordered with its VM, in the order's transaction (under the tenant's lock): its quota
   * is held now, and it is made once the VM runs ({@link #vmRunning}). Named after the VM.
   *
   * @throws eu.federa.quota.QuotaExceededException when the disk quota does not allow it
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void orderedWith(VmTarget vm, int sizeGib) {
    // The order's transaction took the tenant's lock first; taking it again is free and keeps
    // the rule visible here: the limit is checked under the lock.
    quota.lockTenant(vm.tenantId());
    String name = vm.vmName() + "-data";
    if (nameTaken(vm.tenantId(), vm.projectId(), name)) {
      name = name + "-" + vm.orderId();
    }
    Volume v = new Volume(vm, name, sizeGib, VolumeState.WAITING, clock.instant());
    em.persist(v);
    em.flush();
    quota.reserve(
        vm.tenantId(), vm.projectId(), null, v.quotaRef(), new Usage(0, 0, 0, 0, sizeGib, 0));
    audit.success(
        AuditAction.VOLUME_CREATED,
        vm.tenantId(),
        AuditTarget.Kind.VOLUME.of(v.getId()),
        AuditDetail.VOLUME_WITH_VM.text(v.getName(), sizeGib, vm.vmName()));
  }

  /** The GiB of the volumes ordered with a VM and still waiting for it (for its estimate). */
  @Transactional(Transactional.TxType.MANDATORY)
  public int orderedGib(long orderId) {
    return em.createQuery(
            "select coalesce(sum(v.sizeGib), 0) from Volume v where v.orderId = :o"
                + " and v.state = :w",
            Long.class)
        .setParameter("o", orderId)
        .setParameter("w", VolumeState.WAITING)
        .getSingleResult()
        .intValue();
  }

  /** The VM runs: the volumes ordered with it are made now. In the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmRunning(VmTarget vm) {
    em.createQuery("select v from Volume v where v.orderId = :o and v.state = :w", Volume.class)
        .setParameter("o", vm.orderId())
        .setParameter("w", VolumeState.WAITING)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(v -> v.vmUp(vm, clock.instant()));
  }

  /**
   * Attaches an available volume of the VM's project at the VM's provider.
   *
   * @throws NotFoundException when the volume is not the tenant's
   * @throws ConflictException when it is not available, or of another project or provider
   */
  @Transactional
  public VolumeView attach(VmTarget vm, long volumeId) {
    // The tenant's lock guards the count of volumes on the VM as it guards the quota.
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    Volume v = locked(vm.tenantId(), volumeId);
    requireNoSnapshotStep(v);
    requireRoomOn(vm);
    v.attachTo(vm, clock.instant());
    audit.success(
        AuditAction.VOLUME_ATTACHED,
        vm.tenantId(),
        AuditTarget.Kind.VOLUME.of(volumeId),
        AuditDetail.VOLUME_TO_VM.text(v.getName(), vm.vmName()));
    return VolumeView.of(v);
  }

  /**
   * Detaches a volume from the VM it is attached to; it stays, available.
   *
   * @throws NotFoundException when the volume is not the tenant's or not on that VM
   * @throws ConflictException when it is not attached now
   */
  @Transactional
  public VolumeView detach(long tenantId, long orderId, long volumeId) {
    access.require(tenantId, TenantPermission.ORDER);
    Volume v = locked(tenantId, volumeId);
    if (v.getOrderId() == null || v.getOrderId() != orderId) {
      throw new NotFoundException("volume", volumeId);
    }
    requireNoSnapshotStep(v);
    v.detach(clock.instant());
    audit.success(
        AuditAction.VOLUME_DETACHED,
        tenantId,
        AuditTarget.Kind.VOLUME.of(volumeId),
        AuditDetail.VOLUME_FROM_VM.text(v.getName(), v.getVmName()));
    return VolumeView.of(v);
  }

  /**
   * Deletes a volume and its data; only one attached to no VM.
   *
   * @throws NotFoundException when the volume is not the tenant's
   * @throws ConflictException when it is attached or on its way somewhere
   */
  @Transactional
  public void delete(long tenantId, long volumeId) {
    access.require(tenantId, TenantPermission.ORDER);
    Volume v = locked(tenantId, volumeId);
    requireNoSnapshotStep(v);
    v.delete(clock.instant());
    audit.success(
        AuditAction.VOLUME_DELETED, tenantId, AuditTarget.Kind.VOLUME.of(volumeId), v.getName());
  }

  /** The tenant's volumes (all but deleted ones), newest first. */
  @Transactional
  public List<VolumeView> list(long tenantId) {
    return page(tenantId, 0, Integer.MAX_VALUE).rows();
  }

  /** One page of {@link #list}, read in the database, with how many there are. */
  @Transactional
  public ResultPage<VolumeView> page(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    String where = " from Volume v where v.tenantId = :t and v.state <> :deleted";
    return ResultPage.read(
        em.createQuery("select count(v)" + where, Long.class)
            .setParameter("t", tenantId)
            .setParameter("deleted", VolumeState.DELETED),
        em.createQuery("select v" + where + " order by v.createdAt desc, v.id desc", Volume.class)
            .setParameter("t", tenantId)
            .setParameter("deleted", VolumeState.DELETED),
        first,
        max,
        VolumeView::of);
  }

  /** Whether one of the tenant's volumes is on its way (created, attached, detached, deleted). */
  @Transactional
  public boolean anyInProgress(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return !em.createQuery(
            "select v.id from Volume v where v.tenantId = :t and v.state in :moving", Long.class)
        .setParameter("t", tenantId)
        .setParameter(
            "moving", Arrays.stream(VolumeState.values()).filter(VolumeState::inProgress).toList())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** One volume of the tenant. */
  @Transactional
  public VolumeView volume(long tenantId, long volumeId) {
    access.require(tenantId, TenantPermission.VIEW);
    Volume v = em.find(Volume.class, volumeId);
    if (v == null || v.getTenantId() != tenantId || v.getState() == VolumeState.DELETED) {
      throw new NotFoundException("volume", volumeId);
    }
    return VolumeView.of(v);
  }

  /** The volumes on a VM, or on their way to or from it, oldest first. */
  @Transactional
  public List<VolumeView> ofVm(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select v from Volume v where v.tenantId = :t and v.orderId = :o order by v.id",
            Volume.class)
        .setParameter("t", tenantId)
        .setParameter("o", orderId)
        .getResultStream()
        .map(VolumeView::of)
        .toList();
  }

  /** A volume on a VM that moves with it: what the move copies and where it came from. */
  public record OnVm(long volumeId, int sizeGib, int imageId, int diskId, Integer datastoreId)
      implements java.io.Serializable {}

  /**
   * The volumes attached to the VM, locked (a move takes them along: nothing else changes them
   * before the move is recorded); null when one of them is on its way somewhere (being attached,
   * detached, made), and the VM cannot move now. In the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<OnVm> forMove(long orderId) {
    List<OnVm> on = new ArrayList<>();
    for (Volume v :
        em.createQuery("select v from Volume v where v.orderId = :o order by v.id", Volume.class)
            .setParameter("o", orderId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      if (v.getState().ended()) {
        continue;
      }
      if (v.getState() != VolumeState.ATTACHED
          || v.getOneImageId() == null
          || v.getDiskId() == null) {
        return null;
      }
      on.add(
          new OnVm(
              v.getId(), v.getSizeGib(), v.getOneImageId(), v.getDiskId(), v.getOneDatastoreId()));
    }
    return on;
  }

  /** Whether a volume on the VM is on its way somewhere (a move must wait). */
  @Transactional
  public boolean busyOnVm(long orderId) {
    return em.createQuery("select v.state from Volume v where v.orderId = :o", VolumeState.class)
        .setParameter("o", orderId)
        .getResultStream()
        .anyMatch(state -> !state.ended() && state != VolumeState.ATTACHED);
  }

  /** The GiB of the volumes on the VM (a move holds them a second time at its target). */
  @Transactional
  public int gibOn(long orderId) {
    return gibOnEach(List.of(orderId)).getOrDefault(orderId, 0);
  }

  /** The same for many VMs at once (a plan's), in one query; VMs without volumes are left out. */
  @Transactional
  public java.util.Map<Long, Integer> gibOnEach(java.util.Collection<Long> orderIds) {
    java.util.Map<Long, Integer> gib = new java.util.HashMap<>();
    if (orderIds.isEmpty()) {
      return gib;
    }
    em.createQuery(
            "select v.orderId, sum(v.sizeGib) from Volume v where v.orderId in :o"
                + " and v.state not in :ended group by v.orderId",
            Object[].class)
        .setParameter("o", orderIds)
        .setParameter("ended", List.of(VolumeState.DELETED, VolumeState.FAILED))
        .getResultList()
        .forEach(r -> gib.put((Long) r[0], ((Number) r[1]).intValue()));
    return gib;
  }

  /**
   * The volume is where its VM's move left it, from {@code at}: its billing switches provider at
   * that second. In the caller's transaction (the cutover's, or the taking back's).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void moved(VolumeMove to, java.time.Instant at) {
    Volume v = em.find(Volume.class, to.volumeId(), LockModeType.PESSIMISTIC_WRITE);
    v.moved(to, at);
    metering.observeStored(VolumeSteps.metered(v), true, at);
  }

  /** The volumes that could be attached to the VM: available, of its project and provider. */
  @Transactional
  public List<VolumeView> attachable(VmTarget vm) {
    access.require(vm.tenantId(), TenantPermission.VIEW);
    return em.createQuery(
            "select v from Volume v where v.tenantId = :t and v.providerId = :p and v.state = :s"
                + " and ((:project is null and v.projectId is null) or v.projectId = :project)"
                + " order by v.name",
            Volume.class)
        .setParameter("t", vm.tenantId())
        .setParameter("p", vm.providerId())
        .setParameter("s", VolumeState.AVAILABLE)
        .setParameter("project", vm.projectId())
        .getResultStream()
        .map(VolumeView::of)
        .toList();
  }

  /**
   * The VM ended (terminated, failed, vanished): the volumes on it are off it, available; a volume
   * still being made for it is kept. In the caller's transaction (the one that ends the order).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmEnded(long orderId) {
    em.createQuery("select v from Volume v where v.orderId = :o", Volume.class)
        .setParameter("o", orderId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(
            v -> {
              if (v.getState() == VolumeState.WAITING) {
                // Ordered with a VM that never ran: nothing was made, its quota goes back.
                v.failed(Reason.keyed("volume.reason.noVm"), clock.instant());
                quota.release(v.quotaRef());
              } else {
                v.vmEnded(clock.instant());
              }
            });
  }

  /** What the tenant's volumes should hold in quota, for a recount. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<QuotaReservations.Held> held(long tenantId) {
    return em.createQuery("select v from Volume v where v.tenantId = :t", Volume.class)
        .setParameter("t", tenantId)
        .getResultStream()
        .filter(v -> !v.getState().ended())
        .map(
            v ->
                new QuotaReservations.Held(
                    v.quotaRef(),
                    v.getProjectId(),
                    null,
                    v.getState() != VolumeState.CREATING && v.getState() != VolumeState.WAITING,
                    new Usage(0, 0, 0, 0, v.getSizeGib(), 0)))
        .toList();
  }

  private boolean nameTaken(long tenantId, Long projectId, String name) {
    return em.createQuery(
                "select count(v) from Volume v where v.tenantId = :t and v.name = :n"
                    + " and v.state not in :ended"
                    + " and ((:project is null and v.projectId is null) or v.projectId = :project)",
                Long.class)
            .setParameter("t", tenantId)
            .setParameter("n", name)
            .setParameter("ended", List.of(VolumeState.DELETED, VolumeState.FAILED))
            .setParameter("project", projectId)
            .getSingleResult()
        > 0;
  }

  /** A snapshot of the volume being taken, restored or deleted keeps it where it is. */
  private void requireNoSnapshotStep(Volume v) {
    if (snapshots.busyWith(v.getId())) {
      throw new ConflictException("volume.error.snapshotBusy", v.getName());
    }
  }

  private void requireRoomOn(VmTarget vm) {
    long onIt =
        em.createQuery(
                "select count(v) from Volume v where v.orderId = :o and v.state not in :ended",
                Long.class)
            .setParameter("o", vm.orderId())
            .setParameter("ended", List.of(VolumeState.DELETED, VolumeState.FAILED))
            .getSingleResult();
    if (onIt >= MAX_PER_VM) {
      throw new ConflictException("volume.error.tooMany", vm.vmName(), MAX_PER_VM);
    }
  }

  private Volume locked(long tenantId, long volumeId) {
    Volume v = em.find(Volume.class, volumeId, LockModeType.PESSIMISTIC_WRITE);
    if (v == null || v.getTenantId() != tenantId || v.getState() == VolumeState.DELETED) {
      throw new NotFoundException("volume", volumeId);
    }
    return v;
  }
}
