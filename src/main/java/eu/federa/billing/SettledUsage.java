package eu.federa.billing;

import eu.federa.platform.persistence.Row;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A tenant's usage of a month, with the part of it that no longer changes already rated, as this
 * node keeps it. A tenant admin's dashboard and billing page show this month's spend on every view;
 * by the month's end a tenant with a thousand VMs has tens of thousands of intervals, nearly all
 * closed long ago. An interval is <em>settled</em> once it is closed and has not changed for {@link
 * #SETTLE} (the database stamps {@code changed_at} on every insert and update, whoever writes): the
 * node rates the settled intervals once, and each view reads only how many there are, and the
 * others, which it rates on top of a copy.
 *
 * <p>Why a count is enough: a settled interval that changes gets a new {@code changed_at} and
 * leaves the settled ones, one deleted is gone, a new one (or one closed since) joins only if its
 * change is older than the cut: each moves the count. What a count cannot see, a change that is
 * older than the cut but committed after the node read, needs a transaction that ran longer than
 * {@link #SETTLE}; WildFly ends every transaction after five minutes. A price list that differs
 * from the ones the settled part was rated with reads everything anew.
 *
 * <p>Derived data only, never the truth: another node keeps its own, a restart keeps nothing, and
 * invoices ({@link RatingRun}) rate every interval themselves.
 */
final class SettledUsage {

  /** How long a closed interval must be unchanged to be settled: twice WildFly's timeout. */
  static final Duration SETTLE = Duration.ofMinutes(10);

  /**
   * Closed but not yet settled intervals a view rates before the node reads the month anew (and
   * settles them): a tenant whose VMs change state all the time re-reads now and then, not on every
   * view.
   */
  static final int RESETTLE_AFTER = 2_000;

  /** Tenant months kept at most; past it the node forgets them all and reads them again. */
  private static final int MAX_KEPT = 2_000;

  private static final String COLUMNS =
      "tenant_id, project_id, order_id, resource_name, resource_kind, usage_state, provider_id,"
          + " provider_name, country_code, vcpu, memory_mib, disk_gib, gpus, gpu_model,"
          + " started_at, ended_at, public_ips";

  /** Everything of the month, with the cut: {@code changed_at} and the cut follow the columns. */
  private static final String READ_ALL =
      "SELECT "
          + COLUMNS
          + ", changed_at, NOW(6) - INTERVAL "
          + SETTLE.toSeconds()
          + " SECOND FROM usage_interval WHERE tenant_id = ?1 AND month_start = ?2";

  /**
   * The settled intervals' count (part 0, on the index alone) and every other interval (part 1).
   */
  private static final String READ_UNSETTLED =
      "SELECT 0, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL, NULL, NULL, NULL FROM usage_interval WHERE tenant_id = ?1"
          + " AND month_start = ?2 AND changed_at < ?3 AND ended_at IS NOT NULL"
          + " UNION ALL SELECT 1, "
          + COLUMNS
          + " FROM usage_interval WHERE tenant_id = ?1 AND month_start = ?2"
          + " AND (changed_at >= ?3 OR ended_at IS NULL)";

  private record Key(long tenantId, YearMonth month) {}

  /** The settled part: rated at these lists, this many intervals changed before the cut. */
  private record Kept(Map<Long, List<PriceList>> lists, Instant cut, long count, Ledger ledger) {}

  /**
   * What a view rates.
   *
   * @param ledger the settled intervals rated (a copy: the caller adds the rest to it)
   * @param rest every other interval of the month (the open ones among them, up to now)
   */
  record Month(Ledger ledger, List<UsageRecord> rest) {}

  private final ConcurrentMap<Key, Kept> kept = new ConcurrentHashMap<>();

  /**
   * The tenant's month in the caller's transaction: one statement while the settled part still
   * holds, else everything read and the settled part kept again.
   *
   * @param lists every provider's price lists, as the caller rates the rest
   */
  Month read(
      EntityManager em,
      long tenantId,
      YearMonth month,
      Instant now,
      Map<Long, List<PriceList>> lists) {
    Key key = new Key(tenantId, month);
    Kept settled = kept.get(key);
    if (settled != null && settled.lists().equals(lists)) {
      Month unsettled = unsettled(em, key, settled, now);
      if (unsettled != null) {
        return unsettled;
      }
    }
    return settle(em, key, now, lists);
  }

  /** The rest on top of the kept part, or null when the count says the settled part changed. */
  private Month unsettled(EntityManager em, Key key, Kept settled, Instant now) {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(READ_UNSETTLED)
                .setParameter(1, key.tenantId())
                .setParameter(2, key.month().atDay(1))
                .setParameter(3, settled.cut()));
    long count = -1;
    List<UsageRecord> rest = new ArrayList<>();
    int closed = 0;
    for (Row row : rows) {
      if (row.lng(0) == 0) {
        count = row.lng(1);
      } else {
        UsageRecord r = record(row, 1, now);
        rest.add(r);
        if (!row.isNull(16)) {
          closed++;
        }
      }
    }
    if (count != settled.count() || closed > RESETTLE_AFTER) {
      return null;
    }
    return new Month(settled.ledger().copy(), rest);
  }

  private Month settle(EntityManager em, Key key, Instant now, Map<Long, List<PriceList>> lists) {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(READ_ALL)
                .setParameter(1, key.tenantId())
                .setParameter(2, key.month().atDay(1)));
    if (rows.isEmpty()) {
      return new Month(new Ledger(), List.of());
    }
    Instant cut = rows.get(0).instant(18);
    Ledger ledger = new Ledger();
    List<UsageRecord> rest = new ArrayList<>();
    long count = 0;
    for (Row row : rows) {
      UsageRecord r = record(row, 0, now);
      if (!row.isNull(15) && row.instant(17).isBefore(cut)) {
        ledger.add(r, lists.getOrDefault(r.providerId(), List.of()));
        count++;
      } else {
        rest.add(r);
      }
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    kept.put(key, new Kept(lists, cut, count, ledger));
    return new Month(ledger.copy(), rest);
  }

  /**
   * The interval read in {@link #COLUMNS} from {@code first} on; an open one up to {@code now} (or
   * its month's end, when the month has not been rolled over yet).
   */
  static UsageRecord record(Row x, int first, Instant now) {
    Instant from = x.instant(first + 14);
    Instant until = x.isNull(first + 15) ? now : x.instant(first + 15);
    Instant monthEnd = BillingMonths.end(BillingMonths.of(from));
    if (until.isAfter(monthEnd)) {
      until = monthEnd;
    }
    return new UsageRecord(
        x.lng(first),
        x.isNull(first + 1) ? null : x.lng(first + 1),
        x.isNull(first + 2) ? 0 : x.lng(first + 2), // a volume's interval belongs to no order
        x.str(first + 3),
        x.str(first + 4),
        x.str(first + 5),
        x.lng(first + 6),
        x.str(first + 7),
        x.str(first + 8),
        x.integer(first + 9),
        x.lng(first + 10),
        x.integer(first + 11),
        x.integer(first + 12),
        x.str(first + 13),
        from,
        until.isBefore(from) ? from : until,
        x.integer(first + 16));
  }

  /** The columns {@link #record} reads, for a statement of its own. */
  static String columns() {
    return COLUMNS;
  }
}
