package eu.federa.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Rates one billing month into draft invoices, one per tenant, on a JDBC connection in the caller's
 * transaction. It reads the month's usage intervals once, in tenant order, streaming; each tenant's
 * draft is replaced whole, so that rating a month again gives the same invoices. Issued invoices
 * are left alone. Plain JDBC, so that the benchmark runs exactly this code outside the server.
 */
public final class RatingRun {

  /**
   * What a run did.
   *
   * @param billedFingerprints for each issued invoice whose month was adjusted (or checked and
   *     found unchanged in amount), the fingerprint of the usage the adjustment covers
   */
  public record Result(
      int invoices,
      long records,
      List<UnpricedUsage> problems,
      Map<Long, String> billedFingerprints) {}

  private static final int MAX_PROBLEMS_KEPT = 20;

  /** What an invoice keeps of its unpriced usage (its column is TEXT: 64 KiB of UTF-8). */
  private static final int PROBLEM_CHARS_KEPT = 16_000;

  private final Connection c;
  private final YearMonth month;
  private final String sellerCountry;
  private final Instant now;
  private final Map<Long, List<PriceList>> lists;
  private final Map<Long, String> projectNames = new HashMap<>();
  private final Map<Long, BillingParties.Customer> tenants = new HashMap<>();
  private final Set<Long> issued = new HashSet<>();
  private final List<UnpricedUsage> problems = new ArrayList<>();
  private final List<UnpricedUsage> lateProblems = new ArrayList<>();
  private final Map<Long, String> adjusted = new HashMap<>();

  public RatingRun(Connection c, YearMonth month, String sellerCountry, Instant now)
      throws SQLException {
    this.c = c;
    this.month = month;
    this.sellerCountry = sellerCountry;
    this.now = now;
    this.lists = PriceLists.all(c);
  }

  /**
   * Rates the month for every tenant with usage in it, or for one tenant.
   *
   * @param onlyTenant null for all
   * @param progress told the number of tenants done so far, now and then
   */
  public Result run(Long onlyTenant, IntConsumer progress) throws SQLException {
    loadReferenceData(onlyTenant);
    Map<Long, List<TokenReport>> tokens = tokens(month, onlyTenant);
    Map<Long, List<LateUsage.Changed>> late = LateUsage.changedBefore(c, month, onlyTenant);
    // All intervals are read first (streamed, in no particular order), then the invoices written:
    // the connection runs one statement at a time, and a tenant's ledger is small.
    Map<Long, Ledger> ledgers = new HashMap<>();
    long records = readUsage(month, onlyTenant, ledgers);
    for (Long tenantId : tokens.keySet()) {
      ledgers.computeIfAbsent(tenantId, k -> new Ledger());
    }
    // A tenant whose earlier month changed after it was issued gets an invoice for the
    // adjustments, even without usage this month.
    for (Long tenantId : late.keySet()) {
      ledgers.computeIfAbsent(tenantId, k -> new Ledger());
    }
    int invoices = 0;
    int done = 0;
    for (Map.Entry<Long, Ledger> e : new TreeMap<>(ledgers).entrySet()) {
      invoices +=
          write(
              e.getKey(),
              e.getValue(),
              tokens.get(e.getKey()),
              late.getOrDefault(e.getKey(), List.of()));
      if (++done % 50 == 0) {
        progress.accept(done);
      }
    }
    progress.accept(done);
    return new Result(invoices, records, List.copyOf(problems), Map.copyOf(adjusted));
  }

  /**
   * Adds a month's usage intervals (of one tenant, or all) to the tenants' ledgers.
   *
   * @return how many intervals were read
   */
  private long readUsage(YearMonth m, Long onlyTenant, Map<Long, Ledger> ledgers)
      throws SQLException {
    Instant monthEnd = BillingMonths.end(m);
    Instant openUntil = now.isBefore(monthEnd) ? now : monthEnd;
    long records = 0;
    // Times as whole seconds since 1970 computed by the database on the DATETIME values (UTC, no
    // time zone involved): cheaper than parsing timestamps, and billing counts seconds.
    String sql =
        "SELECT tenant_id, project_id, usage_state, provider_id, vcpu, memory_mib, disk_gib,"
            + " gpus, gpu_model, TIMESTAMPDIFF(SECOND, '1970-01-01', started_at),"
            + " TIMESTAMPDIFF(SECOND, '1970-01-01', ended_at), public_ips"
            + " FROM usage_interval WHERE month_start = ?"
            + (onlyTenant == null ? "" : " AND tenant_id = ?");
    Map<Long, BillingParties.Provider> providers = BillingParties.providers(c);
    try (PreparedStatement s =
        c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      s.setObject(1, m.atDay(1));
      if (onlyTenant != null) {
        s.setLong(2, onlyTenant);
      }
      s.setFetchSize(5000);
      long openUntilSeconds = openUntil.getEpochSecond();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          records++;
          long tenantId = rs.getLong(1);
          long fromSeconds = rs.getLong(10);
          long untilSeconds = rs.getLong(11);
          if (rs.wasNull()) {
            untilSeconds = openUntilSeconds;
          }
          if (untilSeconds <= fromSeconds) {
            continue;
          }
          long projectId = rs.getLong(2);
          boolean noProject = rs.wasNull();
          long providerId = rs.getLong(4);
          BillingParties.Provider provider =
              providers.getOrDefault(providerId, new BillingParties.Provider(providerId, "?", "?"));
          UsageRecord r =
              new UsageRecord(
                  tenantId,
                  noProject ? null : projectId,
                  0,
                  null,
                  null,
                  rs.getString(3),
                  providerId,
                  provider.name(),
                  provider.countryCode(),
                  rs.getInt(5),
                  rs.getLong(6),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.getString(9),
                  Instant.ofEpochSecond(fromSeconds),
                  Instant.ofEpochSecond(untilSeconds),
                  rs.getInt(12));
          ledgers
              .computeIfAbsent(tenantId, k -> new Ledger())
              .add(r, lists.getOrDefault(providerId, List.of()));
        }
      }
    }
    return records;
  }

  /** Adds a tenant's token reports to its ledger. */
  private void addTokens(Ledger ledger, List<TokenReport> tokenRows) {
    addTokens(ledger, tokenRows, lists);
  }

  /** Adds token reports to a ledger at their providers' lists (invoices and the month's spend). */
  static void addTokens(
      Ledger ledger, List<TokenReport> tokenRows, Map<Long, List<PriceList>> lists) {
    if (tokenRows == null) {
      return;
    }
    for (TokenReport t : tokenRows) {
      ledger.addTokens(
          t.projectId(),
          t.providerId(),
          t.providerName(),
          t.countryCode(),
          t.modelCode(),
          t.periodStart(),
          t.inputTokens(),
          t.outputTokens(),
          lists.getOrDefault(t.providerId(), List.of()));
    }
  }

  /** An invoice line as written: an adjustment names the month it corrects (null: this month). */
  private record Posting(YearMonth month, Ledger.Line line) {}

  /**
   * The adjustments for a tenant's issued months whose usage changed: each month rated again now
   * and compared with what was billed for it. Remembers each month's fingerprint, so that issuing
   * this invoice records the months as billed up to here.
   */
  private List<Posting> adjustments(long tenantId, List<LateUsage.Changed> changed)
      throws SQLException {
    List<Posting> out = new ArrayList<>();
    for (LateUsage.Changed ch : changed) {
      Map<Long, Ledger> one = new HashMap<>();
      readUsage(ch.month(), tenantId, one);
      Ledger ledger = one.computeIfAbsent(tenantId, k -> new Ledger());
      addTokens(ledger, tokens(ch.month(), tenantId).get(tenantId));
      for (UnpricedUsage p : ledger.problems()) {
        if (problems.size() < MAX_PROBLEMS_KEPT) {
          problems.add(p.lateOf(ch.month()).of(customerName(tenantId)));
        }
        lateProblems.add(p.lateOf(ch.month()));
      }
      for (Ledger.Line l :
          LateUsage.adjustments(LateUsage.billed(c, tenantId, ch.month()), ledger.lines())) {
        out.add(new Posting(ch.month(), l));
      }
      adjusted.put(ch.invoiceId(), ch.fingerprint());
    }
    return out;
  }

  /** The organisation's name as its invoice names it, or its number when it is gone. */
  private String customerName(long tenantId) {
    BillingParties.Customer customer = tenants.get(tenantId);
    return customer == null ? "#" + tenantId : customer.name();
  }

  /** Replaces the tenant's draft for the month; returns 1 if written, 0 if issued already. */
  private int write(
      long tenantId, Ledger ledger, List<TokenReport> tokenRows, List<LateUsage.Changed> late)
      throws SQLException {
    if (issued.contains(tenantId)) {
      return 0;
    }
    addTokens(ledger, tokenRows);
    BillingParties.Customer tenant = tenants.get(tenantId);
    if (tenant == null) {
      return 0; // removed meanwhile
    }
    lateProblems.clear();
    List<Posting> lines = new ArrayList<>();
    for (Ledger.Line l : ledger.lines()) {
      lines.add(new Posting(null, l));
    }
    lines.addAll(adjustments(tenantId, late));
    BigDecimal net =
        lines.stream().map(a -> a.line().amountEur()).reduce(BigDecimal.ZERO, BigDecimal::add);
    Vat vat = Vat.between(sellerCountry, tenant.countryCode());
    BigDecimal vatEur = vat.on(net);
    for (UnpricedUsage p : ledger.problems()) {
      if (problems.size() < MAX_PROBLEMS_KEPT) {
        problems.add(p.of(tenant.name()));
      }
    }
    List<UnpricedUsage> allProblems = new ArrayList<>(ledger.problems());
    allProblems.addAll(lateProblems);
    String problemText = UnpricedUsage.encoded(allProblems, PROBLEM_CHARS_KEPT);
    Long invoiceId = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, state FROM invoice WHERE tenant_id = ? AND month_start = ? FOR UPDATE")) {
      s.setLong(1, tenantId);
      s.setObject(2, month.atDay(1));
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          if (!"DRAFT".equals(rs.getString(2))) {
            return 0;
          }
          invoiceId = rs.getLong(1);
        }
      }
    }
    LocalDateTime ratedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    if (invoiceId == null) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO invoice (tenant_id, month_start, state, customer_name,"
                  + " customer_country, customer_vat_id, seller_country, vat_treatment,"
                  + " vat_rate_percent, net_eur, vat_eur, gross_eur, problems, rated_at)"
                  + " VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              PreparedStatement.RETURN_GENERATED_KEYS)) {
        s.setLong(1, tenantId);
        s.setObject(2, month.atDay(1));
        bindTotals(s, 3, tenant, vat, net, vatEur, problemText, ratedAt);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          invoiceId = keys.getLong(1);
        }
      }
    } else {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE invoice SET customer_name = ?, customer_country = ?, customer_vat_id = ?,"
                  + " seller_country = ?, vat_treatment = ?, vat_rate_percent = ?, net_eur = ?,"
                  + " vat_eur = ?, gross_eur = ?, problems = ?, rated_at = ?,"
                  + " version = version + 1 WHERE id = ?")) {
        bindTotals(s, 1, tenant, vat, net, vatEur, problemText, ratedAt);
        s.setLong(12, invoiceId);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM invoice_line WHERE invoice_id = ?")) {
        s.setLong(1, invoiceId);
        s.executeUpdate();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO invoice_line (invoice_id, position, project_id, project_name, provider_id,"
                + " provider_name, country_code, item, detail, quantity, unit, unit_price_eur,"
                + " amount_eur, adjusts_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Posting a : lines) {
        Ledger.Line l = a.line();
        s.setLong(1, invoiceId);
        s.setInt(2, ++position);
        s.setObject(3, l.projectId());
        s.setString(4, l.projectId() == null ? null : projectNames.get(l.projectId()));
        s.setLong(5, l.providerId());
        s.setString(6, l.providerName());
        s.setString(7, l.countryCode());
        s.setString(8, l.item().name());
        s.setString(9, l.detail());
        s.setBigDecimal(10, l.quantity());
        s.setString(11, l.item().unit());
        s.setBigDecimal(12, l.unitPriceEur());
        s.setBigDecimal(13, l.amountEur());
        s.setObject(14, a.month() == null ? null : a.month().atDay(1));
        s.addBatch();
      }
      s.executeBatch();
    }
    return 1;
  }

  /**
   * Binds customer, VAT, totals, problems and rating time, in this order, from parameter {@code
   * first} on (11 parameters): the same columns for a new draft and a replaced one.
   */
  private void bindTotals(
      PreparedStatement s,
      int first,
      BillingParties.Customer tenant,
      Vat vat,
      BigDecimal net,
      BigDecimal vatEur,
      String problems,
      LocalDateTime ratedAt)
      throws SQLException {
    int i = first;
    s.setString(i++, tenant.name());
    s.setString(i++, tenant.countryCode());
    s.setString(i++, tenant.vatId());
    s.setString(i++, sellerCountry);
    s.setString(i++, vat.treatment().name());
    s.setBigDecimal(i++, vat.ratePercent());
    s.setBigDecimal(i++, net);
    s.setBigDecimal(i++, vatEur);
    s.setBigDecimal(i++, net.add(vatEur));
    s.setString(i++, problems);
    s.setObject(i, ratedAt);
  }

  private void loadReferenceData(Long onlyTenant) throws SQLException {
    tenants.putAll(BillingParties.customers(c, onlyTenant));
    projectNames.putAll(BillingParties.projectNames(c, onlyTenant));
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT tenant_id FROM invoice WHERE month_start = ? AND state = 'ISSUED'")) {
      s.setObject(1, month.atDay(1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          issued.add(rs.getLong(1));
        }
      }
    }
  }

  /**
   * Tokens of a tenant's AI endpoints at one provider, for one model and project, under one price
   * list (or none).
   *
   * @param periodStart the earliest record of the group: inside its list's period, which is what
   *     picks the list when rated
   */
  record TokenReport(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      String modelCode,
      Instant periodStart,
      long inputTokens,
      long outputTokens,
      Long keyId) {}

  /**
   * Token records ({@code t}) with the price list in force at each one's start ({@code l}), after
   * {@code FROM}; {@code %s} takes an index hint or nothing.
   */
  static final String TOKENS_PRICED =
      "token_usage t %s LEFT JOIN price_list l ON l.provider_id = t.provider_id"
          + " AND t.period_start >= l.valid_from"
          + " AND (l.valid_until IS NULL OR t.period_start < l.valid_until)";

  /**
   * What a tenant's token records are summed by: project, provider, model and the price list in
   * force (the key besides where the caller asks for it).
   */
  static final String TOKEN_GROUP =
      "t.project_id, t.provider_id, t.provider_name, t.country_code, t.model_code, l.id";

  /**
   * A month's token records summed in the database by tenant, project, provider, model and the
   * price list in force at each record's start (a gateway writes one record per request: a month
   * holds millions, rated in one pass without reading each). A tenant's spend this month sums the
   * same groups by key as well, most of them kept ({@link SettledUsage}).
   */
  private Map<Long, List<TokenReport>> tokens(YearMonth m, Long onlyTenant) throws SQLException {
    Map<Long, List<TokenReport>> byTenant = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT t.tenant_id, t.project_id, t.provider_id, t.provider_name, t.country_code,"
                + " t.model_code, MIN(t.period_start), SUM(t.input_tokens), SUM(t.output_tokens)"
                + " FROM "
                + TOKENS_PRICED.formatted("")
                + " WHERE t.month_start = ?"
                + (onlyTenant == null ? "" : " AND t.tenant_id = ?")
                + " GROUP BY t.tenant_id, "
                + TOKEN_GROUP)) {
      s.setObject(1, m.atDay(1));
      if (onlyTenant != null) {
        s.setLong(2, onlyTenant);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long project = rs.getLong(2);
          Long projectId = rs.wasNull() ? null : project;
          byTenant
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(
                  new TokenReport(
                      projectId,
                      rs.getLong(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                      rs.getLong(8),
                      rs.getLong(9),
                      null));
        }
      }
    }
    return byTenant;
  }
}
