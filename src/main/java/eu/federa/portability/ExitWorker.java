package eu.federa.portability;

import eu.federa.cloud.CloudException;
import eu.federa.cloud.registry.ProviderErasure;
import eu.federa.platform.Incidents;
import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.exit.TenantWorkloads;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.work.Ticker;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Acts on the exits' deadlines and steps, on any node: a due request is claimed from the database
 * (SKIP LOCKED, leased), its one step taken, the outcome recorded under the claim. The deadlines
 * (transition start and end, end of the retrieval window) are acted on once each, even with several
 * nodes, and survive restarts: they are rows, not timers in memory. The erasure runs in steps, each
 * repeatable: the final invoices, every provider (passes until each object is gone or given up),
 * every capability's data in Federa, then the signed record.
 */
@ApplicationScoped
public class ExitWorker {

  private static final Logger LOG = Logger.getLogger(ExitWorker.class.getName());

  /**
   * Longer than any one part of a step takes (one provider's pass, bounded by the client's
   * timeouts; one capability's erasure); renewed after each part.
   */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** After this many passes, what a provider still refuses is recorded as failed. */
  static final int PROVIDER_PASSES = 30;

  /** How long a step that failed waits before it is tried again. */
  static final Duration RETRY = Duration.ofMinutes(5);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject ExitSteps steps;
  @Inject ProviderErasure providers;
  @Inject @Any Instance<TenantWorkloads> workloads;
  @Inject @Any Instance<TenantErasure> erasures;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 710)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(
        scheduler,
        Duration.ofSeconds(7),
        Duration.ofSeconds(5),
        "Exit worker",
        () -> runDue(clock.instant()));
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /**
   * Takes every step due at {@code now} (the clock's time; tests pass a later one to move through
   * the timeline); how many it took.
   */
  public int runDue(Instant now) {
    int taken = 0;
    while (taken < 50 && !ticker.stopping()) {
      Optional<ExitSteps.Claim> claim = steps.claimDue(now, LEASE);
      if (claim.isEmpty()) {
        break;
      }
      take(claim.get(), now);
      taken++;
    }
    return taken;
  }

  private void take(ExitSteps.Claim c, Instant now) {
    try {
      switch (c.phase()) {
        case NOTICE -> steps.startTransition(c);
        case TRANSITION -> steps.endTransition(c, now);
        case RETRIEVAL -> retrieval(c, now);
        case ERASING -> erasing(c, now);
        default -> throw new IllegalStateException("exit " + c.id() + " is " + c.phase());
      }
    } catch (ExitSteps.LostClaim lost) {
      LOG.info(lost.getMessage());
    } catch (RuntimeException e) {
      String incident =
          Incidents.logged(
              LOG, "exit " + c.id() + ": " + c.phase() + "/" + c.step() + " failed", e);
      steps.retry(c, problem(e, incident), now.plus(RETRY));
    }
  }

  private void retrieval(ExitSteps.Claim c, Instant now) {
    switch (c.step()) {
      case EXPORT -> steps.askFinalExport(c, now);
      case EXPORTING -> steps.checkFinalExport(c, now);
      case ENDING -> steps.servicesEnding(c, endAll(c.tenantId()), now);
      case WINDOW -> steps.startErasure(c, now);
      default -> throw new IllegalStateException("retrieval step " + c.step());
    }
  }

  private void erasing(ExitSteps.Claim c, Instant now) {
    switch (c.step()) {
      case INVOICE -> {
        // Orders are frozen since the transition ended; anything ended late is ended now.
        int remaining = endAll(c.tenantId());
        if (remaining > 0) {
          steps.retry(
              c, Reason.keyed("exit.reason.servicesEnding", remaining), now.plusSeconds(10));
        } else {
          steps.closeAccount(c, now);
        }
      }
      case PROVIDERS -> providerPass(c, now);
      case FEDERA -> {
        ErasureContext context =
            new ErasureContext(c.tenantId(), now, steps.leavingFedera(c.tenantId()));
        List<Erased> erased = new ArrayList<>();
        erasures.stream()
            .sorted(Comparator.comparingInt(TenantErasure::order))
            .forEach(
                e -> {
                  erased.addAll(e.erase(context));
                  steps.renew(c, now.plus(LEASE));
                });
        steps.federaErased(c, erased, now);
      }
      case RECORD -> steps.recordAndEnd(c, now);
      default -> throw new IllegalStateException("erasure step " + c.step());
    }
  }

  /** One pass over every provider where the tenant has an account. */
  private void providerPass(ExitSteps.Claim c, Instant now) {
    boolean lastPass = c.attempts() + 1 >= PROVIDER_PASSES;
    List<ProviderErasure.Answer> answers = new ArrayList<>();
    boolean allDone = true;
    for (long providerId : providers.providersOf(c.tenantId())) {
      try {
        ProviderErasure.Pass pass = providers.erase(providerId, c.tenantId(), lastPass);
        answers.addAll(pass.answers());
        allDone &= pass.done();
        steps.renew(c, now.plus(LEASE));
      } catch (CloudException unreachable) {
        if (lastPass) {
          answers.add(
              new ProviderErasure.Answer(
                  "provider " + providerId,
                  "tenant account",
                  ProviderErasure.Outcome.FAILED,
                  "unreachable: " + unreachable.getMessage()));
          providers.forget(providerId, c.tenantId());
        } else {
          allDone = false;
        }
      }
    }
    steps.providersPassed(c, answers, allDone, now);
  }

  private int endAll(long tenantId) {
    int remaining = 0;
    for (TenantWorkloads w : workloads) {
      remaining += w.endAll(tenantId);
    }
    return remaining;
  }

  /**
   * Why a step failed, for the admins: a refusal's own message, or that the portal failed, with the
   * incident id its log line carries (the exception's text, a library's English, stays there).
   */
  static Reason problem(RuntimeException e, String incident) {
    if (e instanceof ConflictException refused) {
      return Reason.keyed(refused.messageKey(), refused.arguments());
    }
    return Reason.keyed("exit.reason.portalError", incident);
  }
}
