package eu.federa.billing;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.energy.Footprints;
import eu.federa.energy.UsageEnergy;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Invoices: platform admins issue the drafts billing runs wrote (rated once more, numbered, final
 * from then on); tenant admins and billing members read and download their tenant's.
 */
@ApplicationScoped
public class Invoices {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject TenantAccess access;
  @Inject Footprints footprints;

  /**
   * Issues a draft (platform admins): it is rated once more, numbered and final from then on.
   *
   * @throws ConflictException when the month is not over yet or the invoice is issued already
   */
  @Transactional
  public Invoice issue(long invoiceId) {
    caller.requirePlatformAdmin();
    return issueDraft(invoiceId, caller.user().map(u -> u.subject()).orElse("?"), false);
  }

  /**
   * Closes a leaving tenant's account (its workloads have ended): every month with usage that has
   * no issued invoice yet, this one included, is rated and issued at once by the system.
   *
   * @return the numbers of the invoices issued, oldest month first
   * @throws ConflictException when some usage cannot be priced (nothing is issued for that month)
   */
  @Transactional
  public List<String> issueFinal(long tenantId) {
    YearMonth current = BillingMonths.of(clock.instant());
    TreeSet<YearMonth> months = new TreeSet<>();
    months.add(current);
    Row.all(
            em.createNativeQuery(
                    "SELECT DISTINCT u.month_start FROM usage_interval u WHERE u.tenant_id = ?1"
                        + " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.tenant_id = u.tenant_id"
                        + " AND i.month_start = u.month_start AND i.state = 'ISSUED')")
                .setParameter(1, tenantId))
        .forEach(r -> months.add(YearMonth.from(r.date(0))));
    List<String> numbers = new ArrayList<>();
    for (YearMonth month : months) {
      em.unwrap(Session.class)
          .doReturningWork(
              c ->
                  new RatingRun(c, month, sellerCountry(), clock.instant())
                      .run(tenantId, done -> {}));
      Row.first(
              em.createNativeQuery(
                      "SELECT id FROM invoice WHERE tenant_id = ?1 AND month_start = ?2"
                          + " AND state = 'DRAFT'")
                  .setParameter(1, tenantId)
                  .setParameter(2, month.atDay(1)))
          .ifPresent(r -> numbers.add(issueDraft(r.lng(0), "system", true).number()));
    }
    return numbers;
  }

  /** Issues one draft: rated once more, numbered, final from then on. */
  private Invoice issueDraft(long invoiceId, String issuer, boolean closingAccount) {
    Row row =
        Row.first(
                em.createNativeQuery(
                        "SELECT tenant_id, month_start, state FROM invoice WHERE id = ?1"
                            + " FOR UPDATE")
                    .setParameter(1, invoiceId))
            .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
    long tenantId = row.lng(0);
    YearMonth month = YearMonth.from(row.date(1));
    if (Invoice.ISSUED.equals(row.str(2))) {
      throw new ConflictException("invoice.error.issued");
    }
    if (!closingAccount && !BillingMonths.of(clock.instant()).isAfter(month)) {
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
      throw new ConflictException(
          "invoice.error.unpriced", UnpricedUsage.decoded(problems.toString()));
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
        Row.single(
                em.createNativeQuery("SELECT last_used FROM invoice_number WHERE year = ?1")
                    .setParameter(1, year))
            .lng(0);
    String number = String.format("FED-%d-%06d", year, sequence);
    em.createNativeQuery(
            "UPDATE invoice SET state = 'ISSUED', number = ?1, issued_at = ?2, issued_by = ?3,"
                + " version = version + 1 WHERE id = ?4 AND state = 'DRAFT'")
        .setParameter(1, number)
        .setParameter(2, clock.instant())
        .setParameter(3, issuer)
        .setParameter(4, invoiceId)
        .executeUpdate();
    if (closingAccount) {
      audit.bySystem(
          AuditAction.INVOICE_ISSUED,
          tenantId,
          AuditTarget.Kind.INVOICE.of(invoiceId),
          AuditDetail.INVOICE_FINAL.text(number));
    } else {
      audit.success(
          AuditAction.INVOICE_ISSUED, tenantId, AuditTarget.Kind.INVOICE.of(invoiceId), number);
    }
    return load(invoiceId);
  }

  /**
   * The tenant's invoices {@code first} to {@code first + max}, newest month first, and how many
   * there are (tenant admins and billing members).
   */
  @Transactional
  public ResultPage<Invoice> invoices(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.SEE_BILLING);
    return summaryPage("WHERE i.tenant_id = ?1", tenantId, first, max);
  }

  /** {@link #invoicesOfMonth(YearMonth, int, int)} for a month as the API names it. */
  @Transactional
  public ResultPage<Invoice> invoicesOfMonth(String month, int first, int max) {
    caller.requirePlatformAdmin();
    return invoicesOfMonth(BillingMonths.parse(month), first, max);
  }

  /** Every tenant's invoices of a month (platform admins). */
  @Transactional
  public List<Invoice> invoicesOfMonth(YearMonth month) {
    caller.requirePlatformAdmin();
    return summaries("WHERE i.month_start = ?1", month.atDay(1));
  }

  /**
   * One page of the month's invoices of every tenant, as {@link #invoicesOfMonth(YearMonth)} orders
   * them, with how many there are (platform admins).
   */
  @Transactional
  public ResultPage<Invoice> invoicesOfMonth(YearMonth month, int first, int max) {
    caller.requirePlatformAdmin();
    return summaryPage("WHERE i.month_start = ?1", month.atDay(1), first, max);
  }

  private ResultPage<Invoice> summaryPage(String where, Object parameter, int first, int max) {
    long total =
        ((Number)
                em.createNativeQuery("SELECT COUNT(*) FROM invoice i " + where)
                    .setParameter(1, parameter)
                    .getSingleResult())
            .longValue();
    if (max <= 0 || total == 0) {
      return new ResultPage<>(List.of(), total);
    }
    return new ResultPage<>(
        Row.all(
                ResultPage.window(
                    em.createNativeQuery(SELECT + where + SUMMARY_ORDER).setParameter(1, parameter),
                    first,
                    max))
            .stream()
            .map(r -> invoice(r, List.of()))
            .toList(),
        total);
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

  /**
   * The energy and CO₂e of the hours an invoice bills (its vCPU-hours and GPU-hours), for
   * information: estimated as docs/energy.md describes, over the invoice's month. Callers have the
   * invoice already (its access checked).
   */
  public UsageEnergy energyOf(Invoice invoice) {
    List<UsageEnergy.Hours> hours = new java.util.ArrayList<>();
    for (Invoice.Line l : invoice.lines()) {
      if (l.adjustsMonth() != null) {
        continue; // a correction of an earlier month, already counted there
      }
      if (l.item() == ChargeItem.VCPU_HOURS) {
        hours.add(
            new UsageEnergy.Hours(
                l.providerName(), l.countryCode(), l.quantity().doubleValue(), 0, null));
      } else if (l.item() == ChargeItem.GPU_HOURS) {
        hours.add(
            new UsageEnergy.Hours(
                l.providerName(), l.countryCode(), 0, l.quantity().doubleValue(), l.detail()));
      }
    }
    return footprints.ofHours(
        hours, BillingMonths.start(invoice.month()), BillingMonths.end(invoice.month()));
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

  /** The invoicing entity's country, whose VAT applies at home (also to billing runs). */
  static String sellerCountry() {
    return Setting.INVOICE_SELLER_COUNTRY.value().toUpperCase(Locale.ROOT);
  }

  List<Invoice> summaries(String where, Object parameter) {
    return Row.all(em.createNativeQuery(SELECT + where + SUMMARY_ORDER).setParameter(1, parameter))
        .stream()
        .map(r -> invoice(r, List.of()))
        .toList();
  }

  private static final String SUMMARY_ORDER = " ORDER BY i.month_start DESC, i.tenant_id, i.id";

  private static final String SELECT =
      "SELECT i.id, i.tenant_id, i.month_start, i.state, i.number, i.customer_name,"
          + " i.customer_country, i.customer_vat_id, i.seller_country, i.vat_treatment,"
          + " i.vat_rate_percent, i.net_eur, i.vat_eur, i.gross_eur, i.rated_at, i.issued_at,"
          + " i.problems FROM invoice i ";

  Invoice load(long invoiceId) {
    Row row =
        Row.first(em.createNativeQuery(SELECT + "WHERE i.id = ?1").setParameter(1, invoiceId))
            .orElse(null);
    if (row == null) {
      return null;
    }
    List<Invoice.Line> lines =
        Row.all(
                em.createNativeQuery(
                        "SELECT position, project_name, provider_name, country_code, item, detail,"
                            + " quantity, unit, unit_price_eur, amount_eur, adjusts_month"
                            + " FROM invoice_line WHERE invoice_id = ?1 ORDER BY position")
                    .setParameter(1, invoiceId))
            .stream()
            .map(
                l ->
                    new Invoice.Line(
                        l.integer(0),
                        l.str(1),
                        l.str(2),
                        l.str(3),
                        ChargeItem.valueOf(l.str(4)),
                        l.str(5),
                        l.decimal(6),
                        l.str(7),
                        l.decimal(8),
                        l.decimal(9),
                        l.isNull(10) ? null : YearMonth.from(l.date(10))))
            .toList();
    return invoice(row, lines);
  }

  private static Invoice invoice(Row r, List<Invoice.Line> lines) {
    return new Invoice(
        r.lng(0),
        r.lng(1),
        YearMonth.from(r.date(2)),
        r.str(3),
        r.str(4),
        r.str(5),
        r.str(6),
        r.str(7),
        r.str(8),
        Vat.Treatment.valueOf(r.str(9)),
        r.decimal(10),
        r.decimal(11),
        r.decimal(12),
        r.decimal(13),
        r.instant(14),
        r.instant(15),
        r.str(16),
        lines);
  }
}
