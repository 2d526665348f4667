package eu.federa.billing;

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

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 650)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, 5, 2, "Billing tick", this::runTick);
    int every = Math.max(5, Setting.BUDGET_CHECK_INTERVAL_SECONDS.intValue());
    ticker.every(scheduler, 15, every, "Budget check", this::budgetTick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  void runTick() {
    InvoiceService.ClaimedRun run = invoices.claimRun();
    if (run == null) {
      return;
    }
    try {
      RatingRun.Result result =
          invoices.rate(
              run,
              done -> {
                // Each rated tenant renews the lease; a run another node took over stops here.
                if (!invoices.progress(run, done)) {
                  throw new InvoiceService.RunTakenOverException(run.id());
                }
              });
      LOG.info(() -> "Billing run " + run.id() + " for " + run.month() + ": " + result);
    } catch (InvoiceService.RunTakenOverException e) {
      LOG.warning(e::getMessage);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Billing run " + run.id() + " failed", e);
      invoices.failed(run, String.valueOf(e.getMessage()));
    }
  }

  void budgetTick() {
    invoices.queueLastMonthIfNone();
    for (Long tenantId : budgets.tenantsWithBudget()) {
      if (ticker.stopping()) {
        return;
      }
      budgets.check(tenantId);
    }
  }
}
