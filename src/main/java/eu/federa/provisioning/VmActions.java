package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * A user's actions on a VM (stop, start, reboot, terminate): recorded on the order, then sent to
 * the provider at once as the holder of the order's step claim, so that the user sees the answer;
 * the saga watches the result.
 */
@ApplicationScoped
public class VmActions {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject OrderSaga saga;
  @Inject OrderSteps steps;
  @Inject VmActions self;

  /** Powers the VM off (members who may order). */
  public void stop(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.STOPPING);
  }

  /** Powers a stopped VM on again. */
  public void start(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.STARTING);
  }

  public void reboot(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.REBOOTING);
  }

  /** Ends the VM for good; its quota is released once the provider has removed it. */
  public void terminate(long tenantId, long orderId) {
    act(tenantId, orderId, OrderState.TERMINATING);
  }

  private void act(long tenantId, long orderId, OrderState transition) {
    self.accept(tenantId, orderId, transition);
    advanceNow(orderId);
  }

  /**
   * Takes the order's next step in this request, as the holder of its claim, unless a step of it is
   * in flight somewhere (then that one carries on).
   */
  void advanceNow(long orderId) {
    steps
        .claim(orderId, ProvisioningWorker.LEASE)
        .ifPresent(claim -> steps.working(claim, () -> saga.advance(orderId)));
  }

  /**
   * Records the user's action if the order's state allows it.
   *
   * @throws NotFoundException when the order is not the tenant's
   * @throws ConflictException when its state does not allow the action
   */
  @Transactional
  public void accept(long tenantId, long orderId, OrderState transition) {
    access.require(tenantId, TenantPermission.ORDER);
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    if (!order.allows(transition)) {
      throw new ConflictException("order.error.state", order.getState().name());
    }
    order.acting(transition, clock.instant());
    audit.success(
        AuditAction.ORDER_ACTION,
        tenantId,
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.ORDER_STATE.text(transition));
  }
}
