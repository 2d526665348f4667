package eu.federa.billing;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Billing's background work on this node: billing runs queued in the database (any node takes one,
 * SKIP LOCKED), last month's run queued once the month is over, and budget checks. Nothing is kept
 * in memory; a run whose node died is taken up again after its lease.
 */
@ApplicationScoped
public class BillingWorker {

  private static final Logger LOG = Logger.getLogger(BillingWorker.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject InvoiceService invoices;
  @Inject BudgetService budgets;

  private ScheduledFuture<?> runs;
  private ScheduledFuture<?> checks;
  private final ReentrantLock inFlight = new ReentrantLock();
  private volatile boolean stopping;

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 650)
          @Initialized(ApplicationScoped.class)
          Object event) {
    runs = scheduler.scheduleWithFixedDelay(this::runTick, 5, 2, TimeUnit.SECONDS);
    int every = Math.max(5, Setting.BUDGET_CHECK_INTERVAL_SECONDS.intValue());
    checks = scheduler.scheduleWithFixedDelay(this::budgetTick, 15, every, TimeUnit.SECONDS);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stopping = true;
    if (runs != null) {
      runs.cancel(false);
    }
    if (checks != null) {
      checks.cancel(false);
    }
    try {
      if (inFlight.tryLock(30, TimeUnit.SECONDS)) {
        inFlight.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void runTick() {
    if (stopping || !inFlight.tryLock()) {
      return;
    }
    try {
      InvoiceService.Run run = invoices.claimRun();
      if (run == null) {
        return;
      }
      try {
        RatingRun.Result result =
            invoices.rate(run.id(), run.month(), done -> invoices.progress(run.id(), done));
        LOG.info(() -> "Billing run " + run.id() + " for " + run.month() + ": " + result);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Billing run " + run.id() + " failed", e);
        invoices.failed(run.id(), String.valueOf(e.getMessage()));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Billing tick failed; the next tick retries", e);
    } finally {
      inFlight.unlock();
    }
  }

  void budgetTick() {
    if (stopping) {
      return;
    }
    try {
      invoices.queueLastMonthIfNone();
      for (Long tenantId : budgets.tenantsWithBudget()) {
        if (stopping) {
          return;
        }
        budgets.check(tenantId);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Budget check failed; the next tick retries", e);
    }
  }
}
