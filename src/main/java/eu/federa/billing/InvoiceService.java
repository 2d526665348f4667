package eu.federa.billing;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.UtcColumns;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.hibernate.Session;

/**
 * Invoices: billing runs rate a month into drafts, platform admins issue them (numbered, final),
 * and tenant admins and billing members read and download their tenant's.
 */
@ApplicationScoped
public class InvoiceService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A billing run as its page shows it. */
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
  }

  /**
   * Queues a billing run of a month (platform admins); any node takes it up.
   *
   * @throws InvalidInputException for a month in the future
   */
  /**
   * {@link #requestRun(YearMonth)} for a month as the API names it; only admins learn it is bad.
   */
  @Transactional
  public long requestRun(String month) {
    caller.requirePlatformAdmin();
    return requestRun(BillingMonths.parse(month));
  }

  @Transactional
  public long requestRun(YearMonth month) {
    caller.requirePlatformAdmin();
    if (month == null || month.isAfter(BillingMonths.of(clock.instant()))) {
      throw new InvalidInputException(FieldError.of("month", "billing.error.futureMonth"));
    }
    long id = queue(month, caller.user().map(u -> u.subject()).orElse("?"));
    audit.success(AuditAction.BILLING_RUN_REQUESTED, null, "month " + month, null);
    return id;
  }

  /** Queues last month's run once, by whichever node asks first after the month ended. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void queueLastMonthIfNone() {
    YearMonth last = BillingMonths.of(clock.instant()).minusMonths(1);
    boolean none =
        ((Number)
                    em.createNativeQuery("SELECT COUNT(*) FROM billing_run WHERE month_start = ?1")
                        .setParameter(1, last.atDay(1))
                        .getSingleResult())
                .longValue()
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
    return ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).longValue();
  }

  /** The latest runs (platform admins). */
  @Transactional
  public List<Run> runs(int max) {
    caller.requirePlatformAdmin();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, month_start, state, requested_by, requested_at, finished_at,"
                    + " tenants_done, records, result FROM billing_run ORDER BY id DESC LIMIT ?1")
            .setParameter(1, max)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Run(
                    ((Number) r[0]).longValue(),
                    YearMonth.from(localDate(r[1])),
                    (String) r[2],
                    (String) r[3],
                    UtcColumns.instant(r[4]),
                    r[5] == null ? null : UtcColumns.instant(r[5]),
                    ((Number) r[6]).intValue(),
                    ((Number) r[7]).longValue(),
                    (String) r[8]))
        .toList();
  }

  /**
   * Takes a queued run (or one whose node died: its lease passed), with SKIP LOCKED so that two
   * nodes never take the same.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ClaimedRun claimRun() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, month_start FROM billing_run WHERE state = 'QUEUED'"
                    + " OR (state = 'RUNNING' AND lease_until < ?1)"
                    + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    long id = ((Number) rows.get(0)[0]).longValue();
    String claim = UUID.randomUUID().toString();
    em.createNativeQuery(
            "UPDATE billing_run SET state = 'RUNNING', started_at = ?1, lease_until = ?2,"
                + " tenants_done = 0, claim = ?4 WHERE id = ?3")
        .setParameter(1, now)
        .setParameter(2, now.plus(RUN_LEASE))
        .setParameter(3, id)
        .setParameter(4, claim)
        .executeUpdate();
    return new ClaimedRun(id, YearMonth.from(localDate(rows.get(0)[1])), claim);
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
                new RatingRun(c, run.month(), sellerCountry(), clock.instant())
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

  private static String summary(RatingRun.Result r) {
    String s =
        r.invoices()
            + " invoices from "
            + r.records()
            + " usage records"
            + (r.problems().isEmpty() ? "" : "; not priced: " + String.join("; ", r.problems()));
    return s.length() > 1000 ? s.substring(0, 997) + "..." : s;
  }

  /**
   * Issues a draft (platform admins): it is rated once more, numbered and final from then on.
   *
   * @throws ConflictException when the month is not over yet or the invoice is issued already
   */
  @Transactional
  public Invoice issue(long invoiceId) {
    caller.requirePlatformAdmin();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT tenant_id, month_start, state FROM invoice WHERE id = ?1 FOR UPDATE")
            .setParameter(1, invoiceId)
            .getResultList();
    if (rows.isEmpty()) {
      throw new NotFoundException("invoice", invoiceId);
    }
    long tenantId = ((Number) rows.get(0)[0]).longValue();
    YearMonth month = YearMonth.from(localDate(rows.get(0)[1]));
    if (Invoice.ISSUED.equals(rows.get(0)[2])) {
      throw new ConflictException("invoice.error.issued");
    }
    if (!BillingMonths.of(clock.instant()).isAfter(month)) {
      throw new ConflictException("invoice.error.monthOpen", month.toString());
    }
    // Rated once more, so that what is issued is complete; with the adjustments for earlier months
    // whose usage changed after they were issued (issue #14, defect 8).
    RatingRun.Result rated =
        em.unwrap(Session.class)
            .doReturningWork(
                c ->
                    new RatingRun(c, month, sellerCountry(), clock.instant())
                        .run(tenantId, done -> {}));
    Object problems =
        em.createNativeQuery("SELECT problems FROM invoice WHERE id = ?1")
            .setParameter(1, invoiceId)
            .getSingleResult();
    if (problems != null) {
      // Issued, it could never change: usage nobody can price yet must be priced first.
      throw new ConflictException("invoice.error.unpriced", problems.toString());
    }
    String fingerprint =
        em.unwrap(Session.class).doReturningWork(c -> LateUsage.fingerprint(c, tenantId, month));
    em.createNativeQuery("UPDATE invoice SET usage_fingerprint = ?1 WHERE id = ?2")
        .setParameter(1, fingerprint)
        .setParameter(2, invoiceId)
        .executeUpdate();
    // The earlier months adjusted here count as billed up to the usage this invoice rated.
    for (Map.Entry<Long, String> billed : rated.billedFingerprints().entrySet()) {
      em.createNativeQuery(
              "UPDATE invoice SET usage_fingerprint = ?1 WHERE id = ?2 AND state = 'ISSUED'")
          .setParameter(1, billed.getValue())
          .setParameter(2, billed.getKey())
          .executeUpdate();
    }
    int year = month.getYear();
    em.createNativeQuery(
            "INSERT INTO invoice_number (year, last_used) VALUES (?1, 1)"
                + " ON DUPLICATE KEY UPDATE last_used = last_used + 1")
        .setParameter(1, year)
        .executeUpdate();
    long sequence =
        ((Number)
                em.createNativeQuery("SELECT last_used FROM invoice_number WHERE year = ?1")
                    .setParameter(1, year)
                    .getSingleResult())
            .longValue();
    String number = String.format("FED-%d-%06d", year, sequence);
    em.createNativeQuery(
            "UPDATE invoice SET state = 'ISSUED', number = ?1, issued_at = ?2, issued_by = ?3,"
                + " version = version + 1 WHERE id = ?4 AND state = 'DRAFT'")
        .setParameter(1, number)
        .setParameter(2, clock.instant())
        .setParameter(3, caller.user().map(u -> u.subject()).orElse("?"))
        .setParameter(4, invoiceId)
        .executeUpdate();
    audit.success(AuditAction.INVOICE_ISSUED, tenantId, "invoice " + invoiceId, number);
    return load(invoiceId);
  }

  /** The tenant's invoices, newest month first (tenant admins and billing members). */
  @Transactional
  public List<Invoice> invoices(long tenantId) {
    access.require(tenantId, TenantPermission.SEE_BILLING);
    return summaries("WHERE i.tenant_id = ?1", tenantId);
  }

  /** {@link #invoicesOfMonth(YearMonth)} for a month as the API names it. */
  @Transactional
  public List<Invoice> invoicesOfMonth(String month) {
    caller.requirePlatformAdmin();
    return invoicesOfMonth(BillingMonths.parse(month));
  }

  /** Every tenant's invoices of a month (platform admins). */
  @Transactional
  public List<Invoice> invoicesOfMonth(YearMonth month) {
    caller.requirePlatformAdmin();
    return summaries("WHERE i.month_start = ?1", month.atDay(1));
  }

  /** One invoice with its lines; another tenant's is not found. */
  @Transactional
  public Invoice invoice(long tenantId, long invoiceId) {
    access.require(tenantId, TenantPermission.SEE_BILLING);
    Invoice invoice = load(invoiceId);
    if (invoice == null || invoice.tenantId() != tenantId) {
      throw new NotFoundException("invoice", invoiceId);
    }
    return invoice;
  }

  /** One invoice with its lines (platform admins). */
  @Transactional
  public Invoice anyInvoice(long invoiceId) {
    caller.requirePlatformAdmin();
    Invoice invoice = load(invoiceId);
    if (invoice == null) {
      throw new NotFoundException("invoice", invoiceId);
    }
    return invoice;
  }

  /** The invoicing entity as printed on invoices. */
  public String[] seller() {
    return new String[] {
      Setting.INVOICE_SELLER_NAME.value(), sellerCountry(), Setting.INVOICE_SELLER_VAT_ID.value()
    };
  }

  private static String sellerCountry() {
    return Setting.INVOICE_SELLER_COUNTRY.value().toUpperCase(Locale.ROOT);
  }

  private List<Invoice> summaries(String where, Object parameter) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + where + " ORDER BY i.month_start DESC, i.tenant_id")
            .setParameter(1, parameter)
            .getResultList();
    return rows.stream().map(r -> invoice(r, List.of())).toList();
  }

  private static final String SELECT =
      "SELECT i.id, i.tenant_id, i.month_start, i.state, i.number, i.customer_name,"
          + " i.customer_country, i.customer_vat_id, i.seller_country, i.vat_treatment,"
          + " i.vat_rate_percent, i.net_eur, i.vat_eur, i.gross_eur, i.rated_at, i.issued_at,"
          + " i.problems FROM invoice i ";

  private Invoice load(long invoiceId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + "WHERE i.id = ?1").setParameter(1, invoiceId).getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> lineRows =
        em.createNativeQuery(
                "SELECT position, project_name, provider_name, country_code, item, detail,"
                    + " quantity, unit, unit_price_eur, amount_eur, adjusts_month FROM invoice_line"
                    + " WHERE invoice_id = ?1 ORDER BY position")
            .setParameter(1, invoiceId)
            .getResultList();
    List<Invoice.Line> lines = new ArrayList<>();
    for (Object[] l : lineRows) {
      lines.add(
          new Invoice.Line(
              ((Number) l[0]).intValue(),
              (String) l[1],
              (String) l[2],
              (String) l[3],
              ChargeItem.valueOf((String) l[4]),
              (String) l[5],
              (BigDecimal) l[6],
              (String) l[7],
              (BigDecimal) l[8],
              (BigDecimal) l[9],
              l[10] == null ? null : YearMonth.from(localDate(l[10]))));
    }
    return invoice(rows.get(0), lines);
  }

  private static Invoice invoice(Object[] r, List<Invoice.Line> lines) {
    return new Invoice(
        ((Number) r[0]).longValue(),
        ((Number) r[1]).longValue(),
        YearMonth.from(localDate(r[2])),
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        (String) r[7],
        (String) r[8],
        Vat.Treatment.valueOf((String) r[9]),
        (BigDecimal) r[10],
        (BigDecimal) r[11],
        (BigDecimal) r[12],
        (BigDecimal) r[13],
        UtcColumns.instant(r[14]),
        r[15] == null ? null : UtcColumns.instant(r[15]),
        (String) r[16],
        lines);
  }

  private static LocalDate localDate(Object value) {
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    return (LocalDate) value;
  }
}
