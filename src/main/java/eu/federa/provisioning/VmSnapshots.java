package eu.federa.provisioning;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.quota.QuotaReservations;
import eu.federa.storage.SnapshotView;
import eu.federa.storage.Snapshots;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Snapshots of a VM's disks (its own, or a volume attached to it), from its page: taken while it
 * runs or is stopped, restored while it is stopped, deleted. The VM is checked here, the snapshot
 * in {@link Snapshots}.
 */
@ApplicationScoped
public class VmSnapshots {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject Snapshots snapshots;

  @Transactional
  public List<SnapshotView> list(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    order(tenantId, orderId, false);
    return snapshots.ofVm(tenantId, orderId);
  }

  /** A snapshot of the VM's own disk, now; see {@link #take(long, long, String, Long)}. */
  @Transactional
  public SnapshotView take(long tenantId, long orderId, String name) {
    return take(tenantId, orderId, name, null);
  }

  /**
   * A snapshot, now, of the VM's own disk ({@code volumeId} null) or of a volume attached to it.
   *
   * @throws NotFoundException when the VM, or the volume on it, is not the tenant's
   * @throws ConflictException when the VM is neither running nor stopped, or the volume is on its
   *     way on or off it
   */
  @Transactional
  public SnapshotView take(long tenantId, long orderId, String name, Long volumeId) {
    quota.lockTenant(tenantId);
    access.require(tenantId, TenantPermission.ORDER);
    // Locked: ending the order waits for this request, and then ends the snapshot with it.
    VmOrder order = order(tenantId, orderId, true);
    if (!(order.getState() == OrderState.RUNNING || order.getState() == OrderState.STOPPED)
        || order.getOneVmId() == null) {
      throw new ConflictException(
          "snapshot.error.vmState", order.getName(), order.getState().name());
    }
    return snapshots.take(VmVolumes.target(order), name, order.getDiskGib(), volumeId);
  }

  /**
   * Puts one of the VM's disks back to a snapshot: only while the VM is stopped.
   *
   * @throws ConflictException when the VM is not stopped, or the snapshot not ready
   */
  @Transactional
  public SnapshotView restore(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    // Locked: a start of the VM waits for this decision, and sees the restore under way.
    VmOrder order = order(tenantId, orderId, true);
    if (order.getState() != OrderState.STOPPED) {
      throw new ConflictException(
          "snapshot.error.restoreStopped", order.getName(), order.getState().name());
    }
    return snapshots.revert(tenantId, orderId, snapshotId);
  }

  @Transactional
  public SnapshotView delete(long tenantId, long orderId, long snapshotId) {
    access.require(tenantId, TenantPermission.ORDER);
    VmOrder order = order(tenantId, orderId, false);
    if (!(order.getState() == OrderState.RUNNING || order.getState() == OrderState.STOPPED)) {
      throw new ConflictException(
          "snapshot.error.vmState", order.getName(), order.getState().name());
    }
    return snapshots.delete(tenantId, orderId, snapshotId);
  }

  private VmOrder order(long tenantId, long orderId, boolean lock) {
    VmOrder order =
        lock
            ? em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE)
            : em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }
}
