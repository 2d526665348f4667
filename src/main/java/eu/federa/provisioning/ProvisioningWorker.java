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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
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
  @Inject eu.federa.billing.Metering metering;

  private ScheduledFuture<?> ticking;
  private ScheduledFuture<?> reconciling;
  private final ReentrantLock reconcileInFlight = new ReentrantLock();
  private final ReentrantLock inFlight = new ReentrantLock();
  private volatile boolean stopping;

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 600)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticking = scheduler.scheduleWithFixedDelay(this::tick, 3, 1, TimeUnit.SECONDS);
    reconciling = scheduler.scheduleWithFixedDelay(this::reconcileTick, 10, 5, TimeUnit.SECONDS);
  }

  /** No new step starts; the one in flight finishes (its order's state is always written). */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stopping = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
    if (reconciling != null) {
      reconciling.cancel(false);
    }
    try {
      if (inFlight.tryLock(30, TimeUnit.SECONDS)) {
        inFlight.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void tick() {
    if (stopping || !inFlight.tryLock()) {
      return;
    }
    try {
      List<Long> due = steps.claimDue(20, LEASE);
      for (Long id : due) {
        if (stopping) {
          return; // the rest are taken up after their lease, here or on another node
        }
        saga.advance(id);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Provisioning tick failed; the next tick retries", e);
    } finally {
      inFlight.unlock();
    }
  }

  /** Compares the providers that are due with Federa's orders (see {@link Reconciler}). */
  void reconcileTick() {
    if (stopping || !reconcileInFlight.tryLock()) {
      return;
    }
    try {
      Duration interval = Duration.ofSeconds(Setting.RECONCILE_INTERVAL_SECONDS.intValue());
      Duration grace = Duration.ofSeconds(Setting.ORPHAN_GRACE_SECONDS.intValue());
      Duration tolerance = Duration.ofSeconds(Setting.METERING_TOLERANCE_SECONDS.intValue());
      metering.rollOver();
      for (Long providerId : reconciler.claimDue(5, interval)) {
        if (stopping) {
          return;
        }
        try {
          Reconciler.Outcome outcome = reconciler.reconcile(providerId, grace, tolerance);
          LOG.fine(() -> "Reconciled provider " + providerId + ": " + outcome);
        } catch (CloudException e) {
          reconciler.recordRun(providerId, "provider not reachable: " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Reconciliation tick failed; the next tick retries", e);
    } finally {
      reconcileInFlight.unlock();
    }
  }
}
