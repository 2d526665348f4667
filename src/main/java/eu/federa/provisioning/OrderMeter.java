package eu.federa.provisioning;

import eu.federa.billing.Metering;
import eu.federa.billing.UsageRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells metering what an order's resource is doing, in the transaction that changed its state.
 * Running (also while stopping or rebooting) is charged in full; powered off (also while starting)
 * for its disk; an ended order not at all. Terminating keeps whatever was charged until it ends.
 */
@ApplicationScoped
public class OrderMeter {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Metering metering;

  /** After a change of the order's state or size. */
  void observe(VmOrder order, Instant at) {
    if (order.getProviderId() == null || order.getCountryCode() == null) {
      return; // never placed: nothing ran
    }
    switch (order.getState()) {
      case RUNNING -> metering.observe(resource(order), UsageRecord.RUNNING, at);
      case STOPPED -> metering.observe(resource(order), UsageRecord.POWEROFF, at);
      // Usage ends exactly when the order did, never a moment after (the invariant check would
      // rightly cut it).
      case TERMINATED, FAILED, VANISHED, COMPENSATING ->
          metering.observe(
              resource(order), null, order.getEndedAt() != null ? order.getEndedAt() : at);
      default -> {
        // a transition in progress: what was charged goes on until it completes
      }
    }
  }

  /**
   * A move stopped the order's VM at its provider: from {@code at} it is charged powered off there
   * (its disk), until the cutover charges it at the target.
   */
  void stoppedForMove(VmOrder order, Instant at) {
    metering.observe(resource(order), UsageRecord.POWEROFF, at);
  }

  /** Writes RUNNING intervals where the provider reports it running and Federa has none. */
  int repair(VmOrder order, Instant from, Instant until, Duration tolerance) {
    return metering.fillGaps(resource(order), from, until, tolerance);
  }

  Metering.Resource resource(VmOrder order) {
    String kind = "VM";
    if (order.getServiceId() != null) {
      AiService service = em.find(AiService.class, order.getServiceId());
      kind = service == null ? "VM" : service.getKind().name();
    }
    return new Metering.Resource(
        order.getId(),
        order.getTenantId(),
        order.getProjectId(),
        order.getName(),
        kind,
        order.getProviderId(),
        order.getProviderName(),
        order.getCountryCode(),
        order.getVcpu(),
        order.getMemoryMib(),
        order.getDiskGib(),
        order.getGpus(),
        order.getGpuModel(),
        order.publicIps());
  }
}
