package eu.federa.ai;

import eu.federa.billing.Metering;
import eu.federa.billing.TokenRecord;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the tokens of each answered call through the gateway before the answer completes (the last
 * bytes of a stream, the body of any other answer): a node that dies after answering has written
 * them, and a call whose tokens cannot be written is not answered. The calls that end together are
 * committed together (one writer per node takes what is waiting and writes it in one transaction),
 * so that a commit's cost is shared rather than paid by every call.
 */
@ApplicationScoped
public class TokenMeter {

  private static final Logger LOG = Logger.getLogger(TokenMeter.class.getName());

  /** How many records one commit takes at most. */
  private static final int BATCH = 500;

  /** How long a call waits for its record to be committed before it is not answered. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject Metering metering;
  @Inject RateLimits limits;
  @Inject Clock clock;
  @Inject TokenMeter self;

  @Resource ManagedThreadFactory threads;

  record Pending(TokenRecord record, GatewayCaller caller, CompletableFuture<Void> done) {}

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<Thread> writer = new AtomicReference<>();
  private volatile boolean stopping;
  private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);

  /**
   * Records one call's tokens on its key, project, endpoint, model and provider; returns once they
   * are committed.
   *
   * @throws IllegalStateException when they could not be written (the call is then not answered)
   */
  public void record(Relay.Call call, ServingEndpoint.Replica replica, TokenCount count) {
    GatewayCaller caller = call.caller();
    ServingEndpoint endpoint = call.endpoint();
    Instant started = call.started();
    Instant ended = clock.instant();
    Pending pending =
        new Pending(
            new TokenRecord(
                caller.tenantId(),
                caller.projectId(),
                endpoint.serviceId(),
                caller.keyId(),
                endpoint.modelCode(),
                replica.providerId(),
                replica.providerName(),
                replica.countryCode(),
                started,
                ended.isBefore(started) ? started : ended,
                count.inputTokens(),
                count.outputTokens(),
                count.estimated(),
                call.requestId()),
            caller,
            new CompletableFuture<>());
    startWriter();
    queue.add(pending);
    try {
      pending.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the tokens were written", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the tokens of call " + call.requestId() + " not written", e);
    }
  }

  /** Starts the writer, or a new one if the last ended (nothing a call waits for is lost). */
  private void startWriter() {
    Thread running = writer.get();
    if (stopping || (running != null && running.isAlive())) {
      return;
    }
    Thread t = threads.newThread(this::write);
    t.setName("federa-token-writer");
    if (writer.compareAndSet(running, t)) {
      t.start();
    }
  }

  /** The writer: takes what waits, commits it in one transaction, tells each call. */
  private void write() {
    List<Pending> batch = new ArrayList<>();
    while (!stopping) {
      try {
        Pending first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        try {
          self.commit(batch);
          batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, e, () -> "Token records not written; their calls fail");
          batch.forEach(p -> p.done().completeExceptionally(e));
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One transaction for the records and the limited keys' token counts. */
  @Transactional
  public void commit(List<Pending> batch) {
    metering.recordTokens(batch.stream().map(Pending::record).toList());
    for (Pending p : batch) {
      if (p.caller().limited()) {
        limits.spend(
            p.caller(),
            p.record().periodStart(),
            p.record().inputTokens() + p.record().outputTokens());
      }
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    Thread t = writer.get();
    if (t != null) {
      t.interrupt();
    }
    queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("stopping")));
  }

  /** Drops old rate windows, at most every ten minutes on a node. */
  void pruneNowAndThen() {
    Instant now = clock.instant();
    Instant last = lastPrune.get();
    if (Duration.between(last, now).toMinutes() >= 10 && lastPrune.compareAndSet(last, now)) {
      limits.prune();
    }
  }
}
