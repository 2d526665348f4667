package eu.federa.ai;

import eu.federa.billing.Metering;
import eu.federa.billing.TokenRecord;
import eu.federa.platform.config.Setting;
import eu.federa.platform.metrics.Meters;
import eu.federa.platform.work.Ticker;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Meters the calls through the gateway: the tokens of each answered call are appended to this
 * node's {@link TokenJournal} before the answer completes (the last bytes of a stream, the body of
 * any other answer), and written from there into the database every {@link #FLUSH}, many calls in
 * one transaction. A call whose record cannot be journaled is not answered. What a node journaled
 * and did not write before it stopped, or was killed, is written when it starts again, before it
 * serves; records a crash left half-written in the database are written once (their report keys).
 */
@ApplicationScoped
public class TokenMeter {

  private static final Logger LOG = Logger.getLogger(TokenMeter.class.getName());

  /** How often the journal's new records are written into the database. */
  static final Duration FLUSH = Duration.ofMillis(100);

  /** How many records one transaction takes at most. */
  private static final int BATCH = 2000;

  /** A journal file is closed and a new one begun past this size. */
  private static final long SEGMENT_BYTES = 16L * 1024 * 1024;

  @Inject Metering metering;
  @Inject RateLimits limits;
  @Inject Clock clock;
  @Inject TokenMeter self;
  @Inject Meters meters;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Ticker ticker = new Ticker(LOG);
  private volatile TokenJournal journal;
  private volatile Instant lastPrune = Instant.EPOCH;

  /** Opens the journal, writes what an earlier run left in it, then flushes it regularly. */
  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 500)
          @Initialized(ApplicationScoped.class)
          Object event) {
    int forceMillis = Setting.AI_JOURNAL_FORCE_MILLIS.intValue();
    TokenJournal opened = new TokenJournal(directory(), SEGMENT_BYTES, forceMillis == 0, clock);
    journal = opened;
    int replayed = 0;
    for (int n = flush(); n > 0; n = flush()) {
      replayed += n;
    }
    if (replayed > 0) {
      int written = replayed;
      LOG.info(() -> written + " token records left in the journal were written");
    }
    ticker.every(scheduler, FLUSH, FLUSH, "Writing the token journal", this::flushAndPrune);
    if (forceMillis > 0) {
      Duration every = Duration.ofMillis(forceMillis);
      ticker.every(scheduler, every, every, "Forcing the token journal", this::force);
    }
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
    TokenJournal open = journal;
    if (open == null) {
      return;
    }
    try {
      flush();
      open.close();
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, e, () -> "Token journal not closed cleanly; written at next start");
    }
  }

  /** The journal's directory: FEDERA_AI_JOURNAL_DIR, else in WildFly's data directory. */
  static Path directory() {
    String configured = Setting.AI_JOURNAL_DIR.value();
    return !configured.isBlank()
        ? Path.of(configured)
        : Path.of(
            System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
            "federa-token-journal");
  }

  /**
   * Records one call's tokens on its key, project, endpoint, model and provider; returns once they
   * are journaled.
   *
   * @throws IllegalStateException when they could not be (the call is then not answered)
   */
  public void record(Relay.Call call, ServingEndpoint.Replica replica, TokenCount count) {
    GatewayCaller caller = call.caller();
    ServingEndpoint endpoint = call.endpoint();
    Instant started = call.started();
    Instant ended = clock.instant();
    TokenJournal.Entry entry =
        new TokenJournal.Entry(
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
            caller.requestsPerMinute() != null || caller.tokensPerMinute() != null
                ? caller.keyId()
                : null,
            caller.projectLimited() ? caller.projectId() : null);
    TokenJournal open = journal;
    if (open == null) {
      throw new IllegalStateException("the token journal is not open");
    }
    try {
      open.append(entry);
    } catch (IOException e) {
      throw new IllegalStateException("the tokens of call " + call.requestId() + " not written", e);
    }
    String model = endpoint.modelCode();
    meters.count("federa.ai.tokens", count.inputTokens(), "model", model, "kind", "input");
    meters.count("federa.ai.tokens", count.outputTokens(), "model", model, "kind", "output");
  }

  /**
   * Writes the next records of the journal into the database in one transaction; returns how many
   * (0 when there were none).
   */
  int flush() {
    TokenJournal open = journal;
    if (open == null) {
      return 0;
    }
    synchronized (open) {
      try {
        TokenJournal.Batch batch = open.next(BATCH);
        if (batch.isEmpty()) {
          return 0;
        }
        if (!batch.entries().isEmpty()) {
          try {
            self.commit(batch.entries());
          } catch (SeenBefore some) {
            self.commitEach(batch.entries());
          }
        }
        open.flushed(batch);
        return batch.entries().size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void flushAndPrune() {
    while (flush() >= BATCH) {
      // a backlog: keep writing
    }
    Instant now = clock.instant();
    if (Duration.between(lastPrune, now).toMinutes() >= 10) {
      lastPrune = now;
      limits.prune();
    }
  }

  private void force() {
    TokenJournal open = journal;
    if (open != null) {
      try {
        open.sync();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The records and the limited keys' and projects' token counts, in one transaction and one
   * statement; when some of the records were written before (a journal written again after a crash,
   * or a flush whose commit was not confirmed), nothing is kept and {@link SeenBefore} is thrown:
   * {@link #commitEach} then tells them apart.
   */
  @Transactional
  public void commit(List<TokenJournal.Entry> entries) {
    int added =
        metering.recordTokensAtOnce(entries.stream().map(TokenJournal.Entry::record).toList());
    if (added != entries.size()) {
      throw new SeenBefore();
    }
    spend(entries, null);
  }

  /** The same, a statement a record: a record written before counts nowhere a second time. */
  @Transactional
  public void commitEach(List<TokenJournal.Entry> entries) {
    spend(
        entries, metering.recordTokens(entries.stream().map(TokenJournal.Entry::record).toList()));
  }

  /**
   * Adds the tokens of the records added ({@code added[i] != 0}, or all when null) to the minutes
   * of their limited key and project: one update per key, project and minute, not per record.
   */
  private void spend(List<TokenJournal.Entry> entries, int[] added) {
    record Window(Long keyId, Long projectId, Instant minute) {}
    Map<Window, Long> tokens = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      TokenJournal.Entry e = entries.get(i);
      if ((added == null || added[i] != 0)
          && (e.spendKeyId() != null || e.spendProjectId() != null)) {
        tokens.merge(
            new Window(
                e.spendKeyId(),
                e.spendProjectId(),
                e.record().periodStart().truncatedTo(ChronoUnit.MINUTES)),
            e.record().inputTokens() + e.record().outputTokens(),
            Long::sum);
      }
    }
    tokens.forEach((w, n) -> limits.spend(w.keyId(), w.projectId(), w.minute(), n));
  }

  /** Some records of a batch were in the database already: its transaction is rolled back. */
  static final class SeenBefore extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeenBefore() {
      super("some token records were written before", null, false, false);
    }
  }
}
