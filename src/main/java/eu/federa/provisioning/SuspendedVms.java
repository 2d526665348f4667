package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.tenancy.TenantSuspension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * A suspension that powers an organisation's VMs off: each running VM is set to stop, in the
 * suspension's transaction, and the provisioning worker powers it off at the provider (as if its
 * owner had asked); one on its way to running (placed just before the suspension, starting,
 * rebooting, moving) is powered off as soon as it runs. When the suspension ends, the VMs it
 * stopped, and only those, start again. Metering follows what runs: a stopped VM is billed as
 * stopped.
 */
@ApplicationScoped
public class SuspendedVms {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject AuditLog audit;
  @Inject Clock clock;

  /** States from which an order reaches RUNNING by itself. */
  private static final java.util.List<OrderState> ON_THE_WAY =
      java.util.List.of(
          OrderState.RESERVED,
          OrderState.DEPLOYING,
          OrderState.STARTING,
          OrderState.REBOOTING,
          OrderState.MIGRATING,
          OrderState.MOVING);

  void changed(@Observes TenantSuspension change) {
    if (!change.powerOff()) {
      return;
    }
    Instant now = clock.instant();
    if (change.suspended()) {
      for (VmOrder order :
          em.createQuery(
                  "select o from VmOrder o where o.tenantId = :t and o.state = :s order by o.id",
                  VmOrder.class)
              .setParameter("t", change.tenantId())
              .setParameter("s", OrderState.RUNNING)
              .setLockMode(LockModeType.PESSIMISTIC_WRITE)
              .getResultList()) {
        order.stopForSuspension(now);
        audit.bySystem(
            AuditAction.ORDER_ACTION,
            change.tenantId(),
            AuditTarget.Kind.ORDER.of(order.getId()),
            AuditDetail.STOPPING_SUSPENDED.text(OrderState.STOPPING));
      }
      // Those on their way to running (placed before the suspension committed) stop on arrival.
      for (VmOrder order :
          em.createQuery(
                  "select o from VmOrder o where o.tenantId = :t and o.state in :s order by o.id",
                  VmOrder.class)
              .setParameter("t", change.tenantId())
              .setParameter("s", ON_THE_WAY)
              .setLockMode(LockModeType.PESSIMISTIC_WRITE)
              .getResultList()) {
        order.stopWhenRunningForSuspension();
        audit.bySystem(
            AuditAction.ORDER_ACTION,
            change.tenantId(),
            AuditTarget.Kind.ORDER.of(order.getId()),
            AuditDetail.STOPPING_ONCE_RUNNING.text(OrderState.STOPPING));
      }
    } else {
      for (VmOrder order :
          em.createQuery(
                  "select o from VmOrder o where o.tenantId = :t and o.stoppedForSuspension"
                      + " order by o.id",
                  VmOrder.class)
              .setParameter("t", change.tenantId())
              .setLockMode(LockModeType.PESSIMISTIC_WRITE)
              .getResultList()) {
        if (order.startAfterSuspension(now)) {
          audit.bySystem(
              AuditAction.ORDER_ACTION,
              change.tenantId(),
              AuditTarget.Kind.ORDER.of(order.getId()),
              AuditDetail.STARTING_RESUMED.text(OrderState.STARTING));
        }
      }
    }
  }
}
