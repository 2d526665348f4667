package eu.federa.provisioning;

import eu.federa.cloud.CloudException;
import eu.federa.cloud.registry.TenantBackups;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.quota.QuotaReservations;
import eu.federa.storage.BackupSchedule;
import eu.federa.storage.BackupView;
import eu.federa.storage.Backups;
import eu.federa.storage.VolumeState;
import eu.federa.storage.VolumeView;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Backups of a VM, from its page: made now or daily (keeping the last N) while it runs or is
 * stopped, at providers that have a backup datastore; deleted; restored into a new VM at the same
 * provider, an order like any other. The VM is checked here, the backup in {@link Backups}.
 */
@ApplicationScoped
public class VmBackups {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject Backups backups;
  @Inject Volumes volumes;
  @Inject TenantBackups provider;
  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;

  /**
   * The VM's backups and its daily schedule.
   *
   * @param keep how many daily backups are kept (0: none are made)
   * @param nextRun when the next daily backup is made, null without a schedule
   */
  public record Overview(List<BackupView> backups, int keep, Instant nextRun)
      implements Serializable {}

  @Transactional
  public Overview overview(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    order(tenantId, orderId, false);
    var schedule = backups.scheduleOf(tenantId, orderId);
    return new Overview(
        backups.ofVm(tenantId, orderId),
        schedule.map(BackupSchedule::getKeepCount).orElse(0),
        schedule.map(BackupSchedule::getNextRunAt).orElse(null));
  }

  /**
   * Whether the VM's provider keeps backups (has a backup datastore); asks the provider, so the
   * page asks once when it opens. An unreachable provider counts as offering them (the worker tells
   * later).
   */
  @Transactional
  public boolean offered(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    VmOrder order = order(tenantId, orderId, false);
    if (order.getProviderId() == null) {
      return false;
    }
    try {
      return provider.offersBackups(order.getProviderId());
    } catch (CloudException | NotFoundException unreachable) {
      return true;
    }
  }

  /**
   * A backup of the VM, now.
   *
   * @throws NotFoundException when the VM is not the tenant's
   * @throws ConflictException when it is neither running nor stopped, or its provider keeps no
   *     backups
   */
  @Transactional
  public BackupView take(long tenantId, long orderId, String name) {
    VmOrder order = backedUp(tenantId, orderId);
    return backups.take(VmVolumes.target(order), name, diskGib(order));
  }

  /**
   * The VM's daily backups: {@code keep} are kept; 0 ends them.
   *
   * @throws ConflictException as for {@link #take}
   */
  @Transactional
  public Overview schedule(long tenantId, long orderId, int keep) {
    VmOrder order = keep == 0 ? locked(tenantId, orderId) : backedUp(tenantId, orderId);
    backups.schedule(VmVolumes.target(order), keep, diskGib(order));
    return overview(tenantId, orderId);
  }

  /** The tenant's backups, of running VMs and of ended ones, newest first. */
  public List<BackupView> list(long tenantId) {
    return backups.list(tenantId);
  }

  /** One page of {@link #list}, with how many there are. */
  public ResultPage<BackupView> page(long tenantId, int first, int max) {
    return backups.page(tenantId, first, max);
  }

  /** Whether one of the tenant's backups is being taken or deleted (the backups page's poll). */
  public boolean anyInProgress(long tenantId) {
    return backups.anyInProgress(tenantId);
  }

  /** One backup of the tenant. */
  public BackupView backup(long tenantId, long backupId) {
    return backups.backup(tenantId, backupId);
  }

  /** Deletes a backup of the tenant (its VM may be gone). */
  public BackupView delete(long tenantId, long backupId) {
    return backups.delete(tenantId, backupId);
  }

  /**
   * A new VM named {@code name}, made from the backup at its provider: ordered like the backed-up
   * VM (image, size, project), with quota, budget and approval as for any order.
   *
   * @return the new order's id
   * @throws NotFoundException when the backup is not the tenant's
   * @throws ConflictException when it is not ready
   */
  public long restore(long tenantId, long backupId, String name, String idempotencyKey) {
    Backups.Source source = backups.source(tenantId, backupId);
    OrderView original = orders.order(tenantId, source.orderId());
    OrderForm form =
        new OrderForm(
            name,
            original.imageCode(),
            original.sizeCode(),
            List.of(),
            source.projectId(),
            idempotencyKey,
            false,
            List.of(),
            List.of(),
            false,
            null);
    long orderId =
        placing.restoreOrder(
            tenantId,
            form,
            new OrderPlacement.Restore(
                source.backupId(),
                source.imageId(),
                source.providerId(),
                source.providerName(),
                source.orderId()));
    backups.restored(tenantId, source, orderId);
    return orderId;
  }

  /** What a backup of the VM copies: its own disk and the volumes on it. */
  private int diskGib(VmOrder order) {
    return order.getDiskGib()
        + volumes.ofVm(order.getTenantId(), order.getId()).stream()
            .filter(v -> v.state() != VolumeState.WAITING && v.state() != VolumeState.CREATING)
            .mapToInt(VolumeView::sizeGib)
            .sum();
  }

  /** The VM, locked, running or stopped, at a provider that keeps backups. */
  private VmOrder backedUp(long tenantId, long orderId) {
    quota.lockTenant(tenantId);
    access.require(tenantId, TenantPermission.ORDER);
    // Locked: ending the order waits for this request, and then ends the schedule with it.
    VmOrder order = locked(tenantId, orderId);
    if (!(order.getState() == OrderState.RUNNING || order.getState() == OrderState.STOPPED)
        || order.getOneVmId() == null) {
      throw new ConflictException("backup.error.vmState", order.getName(), order.getState().name());
    }
    boolean offered;
    try {
      offered = provider.offersBackups(order.getProviderId());
    } catch (CloudException | NotFoundException unreachable) {
      offered = true; // the worker tells if it has none
    }
    if (!offered) {
      throw new ConflictException("backup.error.unsupported", order.getProviderName());
    }
    return order;
  }

  private VmOrder locked(long tenantId, long orderId) {
    return order(tenantId, orderId, true);
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
