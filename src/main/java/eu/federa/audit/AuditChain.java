package eu.federa.audit;

import eu.federa.audit.ChainCheck.SealedRow;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Seals the audit trail into a hash chain and checks it.
 *
 * <p>Events are written in their callers' transactions, which commit in any order; a seal is made
 * after the commit, by whichever node holds the chain's head row ({@code FOR UPDATE SKIP LOCKED}),
 * a few seconds later. Each run seals, in id order, the events committed since {@code low_id} that
 * have no seal yet, so an event that commits after a later one was sealed is sealed at the next
 * run. {@code low_id} moves up to {@code mark_id} once a run starts {@link #SETTLE} after the mark
 * was taken: by then every transaction that could still write an event up to that id has ended.
 */
@ApplicationScoped
public class AuditChain {

  private static final Logger LOG = Logger.getLogger(AuditChain.class.getName());

  /** How often each node tries to seal what was written since. */
  static final Duration SEAL_EVERY = Duration.ofSeconds(2);

  /** Longer than any transaction may last (WildFly ends them after 5 minutes). */
  static final Duration SETTLE = Duration.ofMinutes(10);

  /** Events sealed per transaction. */
  static final int BATCH = 1000;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject AuditChain self;
  @Inject AuditLog audit;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  /** The chain's head as stored. */
  public record Head(long seq, String hash, long lowId, long markId, Instant markAt) {}

  /** What one sealing transaction did: how many events it read and sealed, the last id read. */
  public record Batch(int read, int sealed, long lastId) {}

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 500)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, SEAL_EVERY, SEAL_EVERY, "Sealing the audit trail", this::sealPending);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /**
   * Seals every event committed so far that has no seal, unless another node is sealing now.
   * Returns how many it sealed.
   */
  public long sealPending() {
    Optional<Head> start = self.head();
    if (start.isEmpty()) {
      return 0;
    }
    Instant startedAt = clock.instant();
    long cursor = start.get().lowId();
    long sealed = 0;
    while (!ticker.stopping()) {
      Batch batch = self.sealBatch(cursor);
      if (batch == null) {
        return sealed; // another node holds the head: it seals
      }
      sealed += batch.sealed();
      cursor = batch.lastId();
      if (batch.read() < BATCH) {
        if (!startedAt.isBefore(start.get().markAt().plus(SETTLE))) {
          self.advance(start.get());
        }
        break;
      }
    }
    return sealed;
  }

  @Transactional
  public Optional<Head> head() {
    return head("");
  }

  /** The head row, read as {@code lock} says (empty: a plain read). */
  private Optional<Head> head(String lock) {
    return Row.first(
            em.createNativeQuery(
                "SELECT seq, hash, low_id, mark_id, mark_at FROM audit_chain_head WHERE id = 1"
                    + lock))
        .map(r -> new Head(r.lng(0), r.str(1), r.lng(2), r.lng(3), r.instant(4)));
  }

  /** Seals up to {@link #BATCH} events after {@code afterId}; null when another node seals. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Batch sealBatch(long afterId) {
    Optional<Head> locked = head(" FOR UPDATE SKIP LOCKED");
    if (locked.isEmpty()) {
      return null;
    }
    // The next events by id, each with its seal if it has one: an index range and two lookups by
    // key per event, however many are sealed already (an anti-join let MariaDB read every seal).
    List<Row> read =
        Row.all(
            em.createNativeQuery(
                    "SELECT e.id, e.occurred_at, e.tenant_id, e.action, e.outcome,"
                        + " p.actor_subject, p.actor_name, p.target, p.client_address, p.detail,"
                        + " s.seq FROM audit_event e"
                        + " LEFT JOIN audit_event_personal p ON p.event_id = e.id"
                        + " LEFT JOIN audit_seal s ON s.event_id = e.id"
                        + " WHERE e.id > ?1 ORDER BY e.id LIMIT "
                        + BATCH)
                .setParameter(1, Math.max(afterId, locked.get().lowId())));
    if (read.isEmpty()) {
      return new Batch(0, 0, afterId);
    }
    long lastId = read.get(read.size() - 1).lng(0);
    List<Row> events = read.stream().filter(r -> r.isNull(10)).toList();
    if (events.isEmpty()) {
      return new Batch(read.size(), 0, lastId);
    }
    long seq = locked.get().seq();
    String hash = locked.get().hash();
    Instant now = clock.instant();
    StringBuilder insert =
        new StringBuilder(
            "INSERT INTO audit_seal (seq, event_id, personal_sha256, hash, sealed_at) VALUES ");
    Object[] values = new Object[events.size() * 4];
    int i = 0;
    for (Row e : events) {
      String personal = ChainHash.personal(e.str(5), e.str(6), e.str(7), e.str(8), e.str(9));
      seq++;
      hash =
          ChainHash.link(
              hash, e.lng(0), e.instant(1), e.lngOrNull(2), e.str(3), e.str(4), personal);
      if (i > 0) {
        insert.append(',');
      }
      int p = i * 4;
      insert.append(
          "(?"
              + (p + 1)
              + ", ?"
              + (p + 2)
              + ", ?"
              + (p + 3)
              + ", ?"
              + (p + 4)
              + ", ?"
              + (values.length + 1)
              + ")");
      values[p] = seq;
      values[p + 1] = e.lng(0);
      values[p + 2] = personal;
      values[p + 3] = hash;
      i++;
    }
    Query statement = em.createNativeQuery(insert.toString()).setParameter(values.length + 1, now);
    for (int v = 0; v < values.length; v++) {
      statement.setParameter(v + 1, values[v]);
    }
    statement.executeUpdate();
    em.createNativeQuery("UPDATE audit_chain_head SET seq = ?1, hash = ?2 WHERE id = 1")
        .setParameter(1, seq)
        .setParameter(2, hash)
        .executeUpdate();
    return new Batch(read.size(), events.size(), lastId);
  }

  /**
   * Every event up to the mark is sealed (the run that ends here started after they had all
   * committed, and read from {@code low_id} on): {@code low_id} moves to the mark, and a new mark
   * is taken.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void advance(Head seen) {
    Optional<Head> locked = head(" FOR UPDATE SKIP LOCKED");
    if (locked.isEmpty()
        || locked.get().markId() != seen.markId()
        || !locked.get().markAt().equals(seen.markAt())) {
      return; // another node moved it meanwhile
    }
    long highest =
        Row.single(em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM audit_event")).lng(0);
    em.createNativeQuery(
            "UPDATE audit_chain_head SET low_id = GREATEST(low_id, mark_id), mark_id = ?1,"
                + " mark_at = ?2 WHERE id = 1")
        .setParameter(1, highest)
        .setParameter(2, clock.instant())
        .executeUpdate();
  }

  /**
   * Checks the whole chain (platform admins): every seal against its event, every link against the
   * one before, the end against the head. The check itself is audited.
   */
  @Transactional
  public ChainVerification verify() {
    caller.requirePlatformAdmin();
    Head head = head().orElseThrow(() -> new IllegalStateException("audit_chain_head has no row"));
    ChainCheck check = new ChainCheck();
    try (Stream<Row> rows =
        Row.stream(
            em.createNativeQuery(
                    "SELECT s.seq, s.event_id, s.personal_sha256, s.hash, e.id, e.occurred_at,"
                        + " e.tenant_id, e.action, e.outcome, p.actor_subject, p.actor_name,"
                        + " p.target, p.client_address, p.detail, p.erased_at IS NOT NULL"
                        + " FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id"
                        + " LEFT JOIN audit_event_personal p ON p.event_id = s.event_id"
                        + " WHERE s.seq <= ?1 ORDER BY s.seq")
                .setParameter(1, head.seq()) // seals made while it reads are the next check's
                .setHint("org.hibernate.fetchSize", 1000)
                .setHint("org.hibernate.readOnly", true))) {
      rows.forEach(
          r ->
              check.accept(
                  new SealedRow(
                      r.lng(0),
                      r.lng(1),
                      r.str(2),
                      r.str(3),
                      !r.isNull(4),
                      r.instant(5),
                      r.lngOrNull(6),
                      r.str(7),
                      r.str(8),
                      r.str(9),
                      r.str(10),
                      r.str(11),
                      r.str(12),
                      r.str(13),
                      !r.isNull(14) && r.bool(14))));
    }
    long pending =
        Row.single(
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM audit_event e LEFT JOIN audit_seal s"
                            + " ON s.event_id = e.id WHERE e.id > ?1 AND s.event_id IS NULL")
                    .setParameter(1, head.lowId()))
            .lng(0);
    ChainVerification result = check.finish(clock.instant(), head.seq(), head.hash(), pending);
    audit.success(
        AuditAction.AUDIT_CHAIN_CHECKED,
        null,
        AuditTarget.Word.AUDIT_CHAIN.text(),
        result.intact()
            ? AuditDetail.CHAIN_INTACT.text(result.sealed(), result.headHash())
            : AuditDetail.CHAIN_BROKEN.text(result.problemCount(), result.problems().get(0)));
    return result;
  }
}
