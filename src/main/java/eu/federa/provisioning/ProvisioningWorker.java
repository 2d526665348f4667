package eu.federa.provisioning;

import eu.federa.billing.Metering;
import eu.federa.cloud.CloudException;
import eu.federa.platform.config.Setting;
import eu.federa.platform.work.Ticker;
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
  static final Duration LEASE = Duration.ofSeconds(20);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject OrderSteps steps;
  @Inject OrderSaga saga;
  @Inject OrderMetrics orderMetrics;
  @Inject Reconciler reconciler;
  @Inject OrderApprovals approvals;
  @Inject Metering metering;
  @Inject AutomaticRebalancing rebalancing;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 600)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(
        scheduler,
        Duration.ofSeconds(3),
        Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue()),
        "Provisioning tick",
        this::tick);
    ticker.every(scheduler, 5, RENEW_EVERY.toSeconds(), "Step lease renewal", this::renewLeases);
    ticker.every(scheduler, 10, 5, "Reconciliation tick", this::reconcileTick);
    ticker.every(scheduler, 1, 5, "Order metrics", orderMetrics::read);
    ticker.every(
        scheduler,
        30,
        30,
        "Automatic rebalancing",
        () ->
            rebalancing.runIfDue(
                Duration.ofSeconds(Setting.REBALANCE_INTERVAL_SECONDS.intValue())));
  }

  /** No new step starts; the one in flight finishes (its order's state is always written). */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /** How often the leases of the steps in flight are extended (well within {@link #LEASE}). */
  static final Duration RENEW_EVERY = Duration.ofSeconds(5);

  void tick() {
    List<OrderSteps.StepClaim> due = steps.claimDue(20, LEASE);
    for (int i = 0; i < due.size(); i++) {
      if (ticker.stopping()) {
        due.subList(i, due.size()).forEach(steps::release); // another node takes them at once
        return;
      }
      OrderSteps.StepClaim claim = due.get(i);
      steps.working(claim, () -> saga.advance(claim.orderId()));
    }
  }

  /**
   * Keeps the leases of this node's steps in flight (the worker's and users' actions alike) from
   * running out while they wait for a provider: a live step is never taken over.
   */
  void renewLeases() {
    for (OrderSteps.StepClaim claim : steps.inFlight()) {
      if (!steps.renew(claim, LEASE)) {
        LOG.warning(() -> "Order " + claim.orderId() + ": the step's claim was taken over");
      }
    }
  }

  /** Compares the providers that are due with Federa's orders (see {@link Reconciler}). */
  void reconcileTick() {
    Duration interval = Duration.ofSeconds(Setting.RECONCILE_INTERVAL_SECONDS.intValue());
    Duration grace = Duration.ofSeconds(Setting.ORPHAN_GRACE_SECONDS.intValue());
    Duration tolerance = Duration.ofSeconds(Setting.METERING_TOLERANCE_SECONDS.intValue());
    metering.rollOver();
    approvals.expireWaiting(Duration.ofDays(Setting.APPROVAL_EXPIRY_DAYS.intValue()));
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
