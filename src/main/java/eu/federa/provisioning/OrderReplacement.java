package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.placement.PlacementService;
import eu.federa.platform.text.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replacing an order after its provider failed before the VM existed there (the user allowed it):
 * same countries and quota, any provider but those that failed it. Used by the saga, not by users.
 */
@ApplicationScoped
public class OrderReplacement {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject OrderPlacement placing;
  @Inject PlacementService placement;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * Places the order again on another provider, or compensates it when none can take it. Does
   * nothing unless the order is still RESERVED and the caller still holds its step's claim.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void replace(long orderId, Reason problem) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getState() != OrderState.RESERVED || !OrderSteps.stillHeld(order)) {
      return;
    }
    String failedName = order.getProviderName();
    Set<Long> failed = order.providerFailed();
    placement.release(order.ref());
    Optional<String> again = placing.placeAgain(List.of(order), failed);
    if (again.isEmpty()) {
      order.compensate(Reason.of("noOtherProvider", failedName), clock.instant());
      return;
    }
    order.replaced(clock.instant());
    audit.bySystem(
        AuditAction.ORDER_REPLACED,
        order.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.REPLACED.text(failedName, again.get(), problem.english()));
  }
}
