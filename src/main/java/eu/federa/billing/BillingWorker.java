package eu.federa.billing;

import eu.federa.platform.Incidents;
import eu.federa.platform.config.Setting;
import eu.federa.platform.metrics.Meters;
import eu.federa.platform.text.Reason;
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
import java.util.logging.Logger;

/**
 * Billing's background work on this node: billing runs queued in the database (any node takes one,
 * SKIP LOCKED), last month's run queued once the month is over, and budget checks. Nothing of them
 * is kept in memory; a run whose node died is taken up again after its lease. Besides, the months
 * this node keeps rated for its views ({@link CostService#readKeptMonthsAhead}), read again before
 * a view would have to: each node its own.
 */
@ApplicationScoped
public class BillingWorker {

  private static final Logger LOG = Logger.getLogger(BillingWorker.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject BillingRunQueue runQueue;
  @Inject BudgetService budgets;
  @Inject CostService costs;
  @Inject Meters meters;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 650)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(
        scheduler,
        Duration.ofSeconds(5),
        Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue()),
        "Billing tick",
        this::runTick);
    int every = Math.max(5, Setting.BUDGET_CHECK_INTERVAL_SECONDS.intValue());
    ticker.every(scheduler, 15, every, "Budget check", this::budgetTick);
    // what this node keeps of tenants' months, read again before a view would have to
    ticker.every(scheduler, 60, 60, "Kept months' read", this::keptMonthsTick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  void runTick() {
    BillingRunQueue.ClaimedRun run = runQueue.claimRun();
    if (run == null) {
      return;
    }
    long started = System.nanoTime();
    String outcome = "failed";
    try {
      RatingRun.Result result =
          runQueue.rate(
              run,
              done -> {
                // Each rated tenant renews the lease; a run another node took over stops here.
                if (!runQueue.progress(run, done)) {
                  throw new BillingRunQueue.RunTakenOverException(run.id());
                }
              });
      LOG.info(() -> "Billing run " + run.id() + " for " + run.month() + ": " + result);
      outcome = "done";
    } catch (BillingRunQueue.RunTakenOverException e) {
      LOG.warning(e::getMessage);
      outcome = "taken_over";
    } catch (RuntimeException e) {
      String incident = Incidents.logged(LOG, "Billing run " + run.id() + " failed", e);
      // The error's text (a library's English) stays in the log; the page gives the incident id.
      runQueue.failed(run, Reason.keyed("billingRun.reason.portalError", incident).encoded());
    } finally {
      meters.time(
          "federa.billing.runs", Duration.ofNanos(System.nanoTime() - started), "outcome", outcome);
    }
  }

  void keptMonthsTick() {
    long started = System.nanoTime();
    int months = costs.readKeptMonthsAhead();
    if (months > 0) {
      meters.time("federa.billing.read_ahead", Duration.ofNanos(System.nanoTime() - started));
      meters.count("federa.billing.months_read_ahead", months);
    }
  }

  void budgetTick() {
    runQueue.queueLastMonthIfNone();
    for (Long tenantId : budgets.tenantsWithBudget()) {
      if (ticker.stopping()) {
        return;
      }
      budgets.check(tenantId);
    }
  }
}
