package eu.federa.provisioning;

import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.quota.QuotaReservations;
import eu.federa.storage.VmTarget;
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
import java.math.BigDecimal;
import java.util.List;

/**
 * The volumes of one VM, from its page: a new volume made for it, an available one attached, one
 * detached. The VM is checked here (the tenant's, running or stopped), the volume in {@link
 * Volumes}.
 */
@ApplicationScoped
public class VmVolumes {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject Volumes volumes;
  @Inject PriceService prices;

  /**
   * What the VM page shows: the VM's volumes, those it could take, and what a GiB of disk costs a
   * month at its provider (null without a price list there).
   */
  public record Overview(
      List<VolumeView> attached, List<VolumeView> attachable, BigDecimal eurPerGibMonth)
      implements Serializable {}

  @Transactional
  public Overview overview(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    VmOrder order = order(tenantId, orderId);
    List<VolumeView> on = volumes.ofVm(tenantId, orderId);
    List<VolumeView> free =
        order.getProviderId() == null || order.getState().ended()
            ? List.of()
            : volumes.attachable(target(order));
    BigDecimal eurPerGibMonth =
        order.getProviderId() == null
            ? null
            : prices.inForce(order.getProviderId()).map(PriceList::eurPerGibDiskMonth).orElse(null);
    return new Overview(on, free, eurPerGibMonth);
  }

  /**
   * A new volume for the VM, made and attached by the worker.
   *
   * @throws NotFoundException when the VM is not the tenant's
   * @throws ConflictException when the VM is neither running nor stopped
   */
  @Transactional
  public VolumeView add(long tenantId, long orderId, String name, int sizeGib) {
    quota.lockTenant(tenantId);
    access.require(tenantId, TenantPermission.ORDER);
    return volumes.create(settled(tenantId, orderId), name, sizeGib);
  }

  /** Attaches an available volume of the VM's project and provider. */
  @Transactional
  public VolumeView attach(long tenantId, long orderId, long volumeId) {
    quota.lockTenant(tenantId);
    access.require(tenantId, TenantPermission.ORDER);
    return volumes.attach(settled(tenantId, orderId), volumeId);
  }

  /** Detaches one of the VM's volumes; it stays, available. */
  @Transactional
  public VolumeView detach(long tenantId, long orderId, long volumeId) {
    access.require(tenantId, TenantPermission.ORDER);
    // The VM's row first, as a move's start takes it: a detach and a move never cross.
    settled(tenantId, orderId);
    return volumes.detach(tenantId, orderId, volumeId);
  }

  /**
   * The VM, which must be running or stopped (a hot-plug needs one of the two). Its row is locked:
   * ending the order waits for this request, and then finds the volume on it.
   */
  private VmTarget settled(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    if (order.getMoveId() != null) {
      // Its volumes move with it: they stay as they are until the move is over.
      throw new ConflictException("volume.error.moving", order.getName());
    }
    if (!takesVolumes(order)) {
      throw new ConflictException("volume.error.vmState", order.getName(), order.getState().name());
    }
    return target(order);
  }

  private static boolean takesVolumes(VmOrder order) {
    return (order.getState() == OrderState.RUNNING || order.getState() == OrderState.STOPPED)
        && order.getOneVmId() != null;
  }

  private VmOrder order(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }

  /** The VM as volumes see it. */
  static VmTarget target(VmOrder o) {
    return new VmTarget(
        o.getId(),
        o.getTenantId(),
        o.getProjectId(),
        o.getName(),
        o.getProviderId(),
        o.getProviderName(),
        o.getCountryCode(),
        o.getOneVmId());
  }
}
