package eu.federa.cloud.opennebula;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Protects one provider (and Federa) from each other: at most {@code maxCallsPerSecond} calls,
 * bounded retries with exponential backoff for idempotent reads only, and a circuit breaker that
 * stops calling a provider after repeated transport failures and tries again by itself after a
 * pause.
 *
 * <p>This is per-node operational state (like a connection pool), not business state: each WildFly
 * node protects its own calls.
 */
public final class CallGuard {

  /** Limits and timings of a guard; {@link #defaults()} are those documented in the README. */
  public record Settings(
      int maxCallsPerSecond,
      int maxAttempts,
      Duration backoffBase,
      int failuresToOpen,
      Duration openFor) {

    public static Settings defaults() {
      return new Settings(30, 3, Duration.ofMillis(200), 3, Duration.ofSeconds(15));
    }

    /** These settings with the circuit kept open this long once it opens. */
    public Settings openFor(Duration open) {
      return new Settings(maxCallsPerSecond, maxAttempts, backoffBase, failuresToOpen, open);
    }
  }

  /** The breaker's states. */
  public enum Circuit {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /**
   * Told of every call that reached the provider or failed to: its method, how long it took, and
   * what came of it. For metrics.
   */
  public interface Observer {
    void called(String method, Duration took, Outcome outcome);
  }

  /** What came of a call: an answer, an error answer (the provider refused), or no answer. */
  public enum Outcome {
    ANSWERED,
    REFUSED,
    UNREACHABLE
  }

  /** Waits; replaced in tests. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final int LATENCY_WINDOW = 20;

  private final Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  private int consecutiveFailures;
  private Instant openUntil;
  private boolean trialInFlight;
  private double tokens;
  private Instant lastRefill;
  private final Deque<Duration> latencies = new ArrayDeque<>();
  private Instant lastSuccess;
  private String lastFailure;
  private volatile Observer observer = (method, took, outcome) -> {};

  public CallGuard(Settings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = settings.maxCallsPerSecond();
    this.lastRefill = clock.instant();
  }

  /** Tells {@code observer} of every call from now on (replacing the one before). */
  public void observe(Observer observer) {
    this.observer = observer;
  }

  public static CallGuard withDefaults() {
    return with(Settings.defaults());
  }

  public static CallGuard with(Settings settings) {
    return new CallGuard(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  public <T> T run(String method, boolean idempotent, Supplier<T> call) {
    int attempt = 0;
    while (true) {
      attempt++;
      admit(method);
      acquirePermit();
      Instant started = clock.instant();
      try {
        T result = call.get();
        succeeded(method, Duration.between(started, clock.instant()), Outcome.ANSWERED);
        return result;
      } catch (CloudApiException e) {
        // The provider answered: it is reachable, whatever it said.
        succeeded(method, Duration.between(started, clock.instant()), Outcome.REFUSED);
        throw e;
      } catch (CloudTransportException e) {
        observer.called(method, Duration.between(started, clock.instant()), Outcome.UNREACHABLE);
        failed(e.getMessage());
        if (!idempotent || attempt >= settings.maxAttempts() || isOpen()) {
          throw e;
        }
        pause(settings.backoffBase().multipliedBy(1L << (attempt - 1)), method, e);
      }
    }
  }

  private synchronized void admit(String method) {
    if (openUntil == null) {
      return;
    }
    if (clock.instant().isBefore(openUntil) || trialInFlight) {
      throw new CloudTransportException(
          method,
          CloudTransportException.Kind.CIRCUIT_OPEN,
          "Provider marked unavailable after repeated failures (the last: "
              + lastFailure
              + "); next try at "
              + openUntil,
          null);
    }
    trialInFlight = true; // half-open: this call is the trial
  }

  private void succeeded(String method, Duration latency, Outcome outcome) {
    observer.called(method, latency, outcome);
    succeeded(latency);
  }

  private synchronized void succeeded(Duration latency) {
    consecutiveFailures = 0;
    openUntil = null;
    trialInFlight = false;
    lastSuccess = clock.instant();
    latencies.addLast(latency);
    if (latencies.size() > LATENCY_WINDOW) {
      latencies.removeFirst();
    }
  }

  private synchronized void failed(String reason) {
    consecutiveFailures++;
    lastFailure = reason;
    if (trialInFlight || consecutiveFailures >= settings.failuresToOpen()) {
      openUntil = clock.instant().plus(settings.openFor());
    }
    trialInFlight = false;
  }

  private synchronized boolean isOpen() {
    return openUntil != null;
  }

  private void acquirePermit() {
    while (true) {
      Duration wait;
      synchronized (this) {
        Instant now = clock.instant();
        double elapsedSeconds = Duration.between(lastRefill, now).toNanos() / 1e9;
        tokens =
            Math.min(
                settings.maxCallsPerSecond(),
                tokens + elapsedSeconds * settings.maxCallsPerSecond());
        lastRefill = now;
        // A small tolerance: rounding must never leave the bucket at 0.999... with nothing to wait.
        if (tokens >= 1 - 1e-6) {
          tokens = Math.max(0, tokens - 1);
          return;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / settings.maxCallsPerSecond() * 1e9);
        wait = Duration.ofNanos(Math.max(waitNanos, 1_000_000));
      }
      pause(wait, "rate limit", null);
    }
  }

  private void pause(Duration duration, String method, CloudTransportException cause) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause != null
          ? cause
          : new CloudTransportException(
              method, CloudTransportException.Kind.TIMEOUT, "interrupted", e);
    }
  }

  public synchronized Circuit circuit() {
    if (openUntil == null) {
      return Circuit.CLOSED;
    }
    return clock.instant().isBefore(openUntil) ? Circuit.OPEN : Circuit.HALF_OPEN;
  }

  /** Mean latency of the last calls that got an answer, or {@code null} before the first. */
  public synchronized Duration recentLatency() {
    if (latencies.isEmpty()) {
      return null;
    }
    long totalNanos = latencies.stream().mapToLong(Duration::toNanos).sum();
    return Duration.ofNanos(totalNanos / latencies.size());
  }

  public synchronized Instant lastSuccess() {
    return lastSuccess;
  }

  public synchronized String lastFailure() {
    return lastFailure;
  }
}
