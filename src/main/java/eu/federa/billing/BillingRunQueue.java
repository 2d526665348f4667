package eu.federa.billing;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.hibernate.Session;

/**
 * Billing runs: platform admins (and, once a month, the first node that notices the month ended)
 * queue a month; any node claims a queued run from the database, rates the month into draft
 * invoices under a lease it renews, and records the outcome. A run whose node died is taken over
 * when its lease passes.
 */
@ApplicationScoped
public class BillingRunQueue {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * A billing run as its page shows it.
   *
   * @param result a finished run's usage that could not be priced (null: none); a failed run's
   *     reason ({@link #failure()}), or its error as English text if it failed before reasons
   */
  public record Run(
      long id,
      YearMonth month,
      String state,
      String requestedBy,
      Instant requestedAt,
      Instant finishedAt,
      int tenantsDone,
      long records,
      String result)
      implements Serializable {

    public boolean finished() {
      return "DONE".equals(state) || "FAILED".equals(state);
    }

    /** Why a failed run failed, to be read in the reader's language; null for older runs. */
    public Reason failure() {
      return "FAILED".equals(state) && result != null && result.startsWith(FAILURE_KEYS)
          ? Reason.decode(result)
          : null;
    }
  }

  /** The keys of a failed run's reasons. */
  private static final String FAILURE_KEYS = "billingRun.reason.";

  /**
   * {@link #requestRun(YearMonth)} for a month as the API names it; only admins learn it is bad.
   */
  @Transactional
  public long requestRun(String month) {
    caller.requirePlatformAdmin();
    return requestRun(BillingMonths.parse(month));
  }

  /**
   * Queues a billing run of a month (platform admins); any node takes it up.
   *
   * @throws InvalidInputException for a month in the future
   */
  @Transactional
  public long requestRun(YearMonth month) {
    caller.requirePlatformAdmin();
    if (month == null || month.isAfter(BillingMonths.of(clock.instant()))) {
      throw new InvalidInputException(FieldError.of("month", "billing.error.futureMonth"));
    }
    long id = queue(month, caller.user().map(u -> u.subject()).orElse("?"));
    audit.success(AuditAction.BILLING_RUN_REQUESTED, null, AuditTarget.Kind.MONTH.of(month), null);
    return id;
  }

  /** Queues last month's run once, by whichever node asks first after the month ended. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void queueLastMonthIfNone() {
    YearMonth last = BillingMonths.of(clock.instant()).minusMonths(1);
    boolean none =
        Row.single(
                    em.createNativeQuery("SELECT COUNT(*) FROM billing_run WHERE month_start = ?1")
                        .setParameter(1, last.atDay(1)))
                .lng(0)
            == 0;
    if (none) {
      // Another node may be queueing it this very moment: the automatic run of a month is unique.
      queue(last, "system", true);
    }
  }

  /**
   * Queues a run of the month, or answers the run of that month already queued or running (at most
   * one is, enforced by the database, whichever node asks).
   */
  private long queue(YearMonth month, String by) {
    return queue(month, by, false);
  }

  private long queue(YearMonth month, String by, boolean automatic) {
    em.createNativeQuery(
            "INSERT INTO billing_run (month_start, state, requested_by, requested_at, automatic)"
                + " VALUES (?1, 'QUEUED', ?2, ?3, ?4)"
                + " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)")
        .setParameter(1, month.atDay(1))
        .setParameter(2, by)
        .setParameter(3, clock.instant())
        .setParameter(4, automatic)
        .executeUpdate();
    return Row.single(em.createNativeQuery("SELECT LAST_INSERT_ID()")).lng(0);
  }

  /** The latest runs (platform admins). */
  @Transactional
  public List<Run> runs(int max) {
    caller.requirePlatformAdmin();
    return Row.all(
            em.createNativeQuery(
                    "SELECT id, month_start, state, requested_by, requested_at, finished_at,"
                        + " tenants_done, records, result FROM billing_run"
                        + " ORDER BY id DESC LIMIT ?1")
                .setParameter(1, max))
        .stream()
        .map(
            r ->
                new Run(
                    r.lng(0),
                    YearMonth.from(r.date(1)),
                    r.str(2),
                    r.str(3),
                    r.instant(4),
                    r.instant(5),
                    r.integer(6),
                    r.lng(7),
                    r.str(8)))
        .toList();
  }

  /**
   * Takes a queued run (or one whose node died: its lease passed), with SKIP LOCKED so that two
   * nodes never take the same.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ClaimedRun claimRun() {
    Instant now = clock.instant();
    Row row =
        Row.first(
                em.createNativeQuery(
                        "SELECT id, month_start FROM billing_run WHERE state = 'QUEUED'"
                            + " OR (state = 'RUNNING' AND lease_until < ?1)"
                            + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .setParameter(1, now))
            .orElse(null);
    if (row == null) {
      return null;
    }
    long id = row.lng(0);
    String claim = UUID.randomUUID().toString();
    em.createNativeQuery(
            "UPDATE billing_run SET state = 'RUNNING', started_at = ?1, lease_until = ?2,"
                + " tenants_done = 0, claim = ?4 WHERE id = ?3")
        .setParameter(1, now)
        .setParameter(2, now.plus(RUN_LEASE))
        .setParameter(3, id)
        .setParameter(4, claim)
        .executeUpdate();
    return new ClaimedRun(id, YearMonth.from(row.date(1)), claim);
  }

  /** How long a run is a node's without news from it; each rated tenant renews it. */
  static final Duration RUN_LEASE = Duration.ofMinutes(2);

  /** A run this node works on: only the holder of {@code claim} records its progress and end. */
  public record ClaimedRun(long id, YearMonth month, String claim) {}

  /**
   * Rates the month of a claimed run into drafts, and records the outcome. If the run was taken
   * over by another node meanwhile (this one was presumed dead), the rating is rolled back.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public RatingRun.Result rate(ClaimedRun run, IntConsumer progress) {
    Session session = em.unwrap(Session.class);
    RatingRun.Result result =
        session.doReturningWork(
            c ->
                new RatingRun(c, run.month(), Invoices.sellerCountry(), clock.instant())
                    .run(null, progress));
    int updated =
        em.createNativeQuery(
                "UPDATE billing_run SET state = 'DONE', finished_at = ?1, records = ?2,"
                    + " tenants_done = ?3, result = ?4, lease_until = NULL"
                    + " WHERE id = ?5 AND claim = ?6 AND state = 'RUNNING'")
            .setParameter(1, clock.instant())
            .setParameter(2, result.records())
            .setParameter(3, result.invoices())
            .setParameter(4, summary(result))
            .setParameter(5, run.id())
            .setParameter(6, run.claim())
            .executeUpdate();
    if (updated == 0) {
      throw new RunTakenOverException(run.id());
    }
    return result;
  }

  /** The run was claimed by another node after this one's lease ran out. */
  public static class RunTakenOverException extends RuntimeException {
    RunTakenOverException(long runId) {
      super("Billing run " + runId + " was taken over by another node; this rating is dropped");
    }
  }

  /** Records progress and renews the run's lease; false when the run is no longer this claim's. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean progress(ClaimedRun run, int tenantsDone) {
    return em.createNativeQuery(
                "UPDATE billing_run SET tenants_done = ?1, lease_until = ?2"
                    + " WHERE id = ?3 AND claim = ?4 AND state = 'RUNNING'")
            .setParameter(1, tenantsDone)
            .setParameter(2, clock.instant().plus(RUN_LEASE))
            .setParameter(3, run.id())
            .setParameter(4, run.claim())
            .executeUpdate()
        == 1;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(ClaimedRun run, String problem) {
    em.createNativeQuery(
            "UPDATE billing_run SET state = 'FAILED', finished_at = ?1, result = ?2,"
                + " lease_until = NULL WHERE id = ?3 AND claim = ?4 AND state = 'RUNNING'")
        .setParameter(1, clock.instant())
        .setParameter(2, problem.length() > 1000 ? problem.substring(0, 1000) : problem)
        .setParameter(3, run.id())
        .setParameter(4, run.claim())
        .executeUpdate();
  }

  /**
   * What a finished run keeps as its result: the usage it could not price, or null (its counts are
   * columns of their own, which the page writes in the reader's language).
   */
  private static String summary(RatingRun.Result r) {
    // The column holds 1,000 characters: whole items only, so that each still reads back.
    return UnpricedUsage.encoded(r.problems(), 1000);
  }
}
