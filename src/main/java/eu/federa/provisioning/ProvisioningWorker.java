package eu.federa.provisioning;

import eu.federa.cloud.CloudException;
import eu.federa.platform.config.Setting;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs the saga on this node: every second it takes the orders whose next step is due (shared with
 * the other nodes through the database) and advances each. Nothing is kept in memory: after a
 * restart, orders in flight are taken up again once their lease has passed.
 */
@ApplicationScoped
public class ProvisioningWorker {

  private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class.getName());

  /** How long a taken order is this node's before another may take it (a step takes seconds). */
  static final Duration LEASE = Duration.ofSeconds(30);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject OrderSteps steps;
  @Inject OrderSaga saga;
  @Inject Reconciler reconciler;
  @Inject OrderService orders;
  @Inject eu.federa.billing.Metering metering;

  private final eu.federa.platform.work.Ticker ticker = new eu.federa.platform.work.Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 600)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, 3, 1, "Provisioning tick", this::tick);
    ticker.every(scheduler, 10, 5, "Reconciliation tick", this::reconcileTick);
  }

  /** No new step starts; the one in flight finishes (its order's state is always written). */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  void tick() {
    List<Long> due = steps.claimDue(20, LEASE);
    for (Long id : due) {
      if (ticker.stopping()) {
        return; // the rest are taken up after their lease, here or on another node
      }
      saga.advance(id);
    }
  }

  /** Compares the providers that are due with Federa's orders (see {@link Reconciler}). */
  void reconcileTick() {
    Duration interval = Duration.ofSeconds(Setting.RECONCILE_INTERVAL_SECONDS.intValue());
    Duration grace = Duration.ofSeconds(Setting.ORPHAN_GRACE_SECONDS.intValue());
    Duration tolerance = Duration.ofSeconds(Setting.METERING_TOLERANCE_SECONDS.intValue());
    metering.rollOver();
    orders.expireWaiting(Duration.ofDays(Setting.APPROVAL_EXPIRY_DAYS.intValue()));
    for (Long providerId : reconciler.claimDue(5, interval)) {
      if (ticker.stopping()) {
        return;
      }
      try {
        Reconciler.Outcome outcome = reconciler.reconcile(providerId, grace, tolerance);
        LOG.fine(() -> "Reconciled provider " + providerId + ": " + outcome);
      } catch (CloudException e) {
        reconciler.recordRun(providerId, "provider not reachable: " + e.getMessage());
      }
    }
  }
}
