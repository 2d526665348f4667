package eu.federa.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage of a month that changed after its invoice was issued (a repair from the provider's
 * accounting, a late token report, an interval closed by the invariant check). An issued invoice
 * never changes: the difference between what the month's usage rates to now and what was billed for
 * it so far (its invoice and earlier adjustments) goes on the tenant's next invoice, as dated
 * adjustment lines that name the month they correct (issue #14, defect 8).
 *
 * <p>A month's usage is fingerprinted (count and checksums of its intervals and token reports) when
 * it is billed; only months whose fingerprint changed are rated again.
 */
public final class LateUsage {

  /** How far back a run looks for changed months. */
  public static final int MONTHS_BACK = 12;

  private LateUsage() {}

  /** An issued month of a tenant whose usage changed since it was last billed. */
  public record Changed(long invoiceId, long tenantId, YearMonth month, String fingerprint) {}

  private static final String INTERVALS =
      "SELECT CONCAT(COUNT(*), '.', COALESCE(SUM(CRC32(CONCAT_WS('|', u.id, u.project_id,"
          + " u.usage_state, u.provider_id, u.vcpu, u.memory_mib, u.disk_gib, u.gpus,"
          + " u.gpu_model, u.started_at, u.ended_at, u.public_ips))), 0), '.', COALESCE(BIT_XOR(CRC32("
          + "CONCAT_WS('|', u.id, u.started_at, u.ended_at, u.vcpu, u.memory_mib))), 0))"
          + " FROM usage_interval u WHERE u.month_start = %1$s AND u.tenant_id = %2$s";

  private static final String TOKENS =
      "SELECT CONCAT(COUNT(*), '.', COALESCE(SUM(CRC32(CONCAT_WS('|', t.id, t.project_id,"
          + " t.provider_id, t.model_code, t.period_start, t.input_tokens, t.output_tokens))),"
          + " 0)) FROM token_usage t WHERE t.month_start = %1$s AND t.tenant_id = %2$s";

  /** The fingerprint of a tenant's usage of a month, as the caller's transaction sees it. */
  public static String fingerprint(Connection c, long tenantId, YearMonth month)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT CONCAT(("
                + INTERVALS.formatted("?", "?")
                + "), '/', ("
                + TOKENS.formatted("?", "?")
                + "))")) {
      s.setObject(1, month.atDay(1));
      s.setLong(2, tenantId);
      s.setObject(3, month.atDay(1));
      s.setLong(4, tenantId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * The issued months before {@code month} (up to {@link #MONTHS_BACK}) whose usage changed since
   * they were billed, by tenant.
   *
   * @param onlyTenant null for all
   */
  public static Map<Long, List<Changed>> changedBefore(
      Connection c, YearMonth month, Long onlyTenant) throws SQLException {
    String now =
        "CONCAT(("
            + INTERVALS.formatted("i.month_start", "i.tenant_id")
            + "), '/', ("
            + TOKENS.formatted("i.month_start", "i.tenant_id")
            + "))";
    Map<Long, List<Changed>> changed = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, tenant_id, month_start, now FROM (SELECT i.id, i.tenant_id,"
                + " i.month_start, i.usage_fingerprint, "
                + now
                + " AS now FROM invoice i WHERE i.state = 'ISSUED' AND i.month_start >= ?"
                + " AND i.month_start < ?"
                + (onlyTenant == null ? "" : " AND i.tenant_id = ?")
                + ") x WHERE usage_fingerprint IS NULL OR usage_fingerprint <> now"
                + " ORDER BY tenant_id, month_start")) {
      s.setObject(1, month.minusMonths(MONTHS_BACK).atDay(1));
      s.setObject(2, month.atDay(1));
      if (onlyTenant != null) {
        s.setLong(3, onlyTenant);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long tenantId = rs.getLong(2);
          changed
              .computeIfAbsent(tenantId, k -> new ArrayList<>())
              .add(
                  new Changed(
                      rs.getLong(1),
                      tenantId,
                      YearMonth.from(rs.getObject(3, LocalDate.class)),
                      rs.getString(4)));
        }
      }
    }
    return changed;
  }

  /**
   * What was billed for a tenant's month so far: its issued invoice's lines and the adjustment
   * lines for it on the tenant's issued invoices.
   */
  public static List<Ledger.Line> billed(Connection c, long tenantId, YearMonth month)
      throws SQLException {
    List<Ledger.Line> lines = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT l.project_id, l.provider_id, l.provider_name, l.country_code, l.item, l.detail,"
                + " l.quantity, l.unit_price_eur, l.amount_eur FROM invoice_line l JOIN invoice i"
                + " ON i.id = l.invoice_id WHERE i.tenant_id = ? AND i.state = 'ISSUED' AND"
                + " ((i.month_start = ? AND l.adjusts_month IS NULL) OR l.adjusts_month = ?)")) {
      s.setLong(1, tenantId);
      s.setObject(2, month.atDay(1));
      s.setObject(3, month.atDay(1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long project = rs.getLong(1);
          Long projectId = rs.wasNull() ? null : project;
          lines.add(
              new Ledger.Line(
                  projectId,
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  ChargeItem.valueOf(rs.getString(5)),
                  rs.getString(6),
                  rs.getBigDecimal(7),
                  rs.getBigDecimal(8),
                  rs.getBigDecimal(9)));
        }
      }
    }
    return lines;
  }

  /**
   * The lines that bring what was billed for a month to what its usage rates to now: per project,
   * provider, item, detail and unit price, the difference in quantity and amount (negative for a
   * credit). Lines that did not change give none.
   */
  public static List<Ledger.Line> adjustments(List<Ledger.Line> billed, List<Ledger.Line> now) {
    Map<Key, Ledger.Line> sums = new LinkedHashMap<>();
    for (Ledger.Line l : now) {
      sums.merge(Key.of(l), l, LateUsage::plus);
    }
    for (Ledger.Line l : billed) {
      sums.merge(Key.of(l), negated(l), LateUsage::plus);
    }
    List<Ledger.Line> out = new ArrayList<>();
    for (Ledger.Line l : sums.values()) {
      if (l.amountEur().signum() != 0 || l.quantity().signum() != 0) {
        out.add(l);
      }
    }
    return out;
  }

  private record Key(
      Long projectId,
      long providerId,
      String countryCode,
      ChargeItem item,
      String detail,
      BigDecimal unitPriceEur) {

    static Key of(Ledger.Line l) {
      return new Key(
          l.projectId(),
          l.providerId(),
          l.countryCode(),
          l.item(),
          l.detail(),
          l.unitPriceEur().stripTrailingZeros());
    }
  }

  private static Ledger.Line plus(Ledger.Line a, Ledger.Line b) {
    return new Ledger.Line(
        a.projectId(),
        a.providerId(),
        a.providerName(),
        a.countryCode(),
        a.item(),
        a.detail(),
        a.quantity().add(b.quantity()),
        a.unitPriceEur(),
        a.amountEur().add(b.amountEur()));
  }

  private static Ledger.Line negated(Ledger.Line l) {
    return new Ledger.Line(
        l.projectId(),
        l.providerId(),
        l.providerName(),
        l.countryCode(),
        l.item(),
        l.detail(),
        l.quantity().negate(),
        l.unitPriceEur(),
        l.amountEur().negate());
  }
}
