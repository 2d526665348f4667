package eu.federa.billing;

import eu.federa.platform.persistence.Row;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Usage intervals (a tenant's month, or the intervals of some of its VMs), with the part that no
 * longer changes already rated, as this node keeps it. A tenant admin's dashboard and billing page
 * show this month's spend on every view, the resource list each VM's cost so far; by the month's
 * end a tenant with a thousand VMs has tens of thousands of intervals, nearly all closed long ago.
 * An interval is <em>settled</em> once it is closed and has not changed for {@link #SETTLE} (the
 * database stamps {@code changed_at} on every insert and update, whoever writes): the node rates
 * the settled intervals once, and each view reads only how many there are, and the others, which it
 * rates on top of a copy.
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
   * Closed but not yet settled intervals a view rates before the node reads the scope anew (and
   * settles them): a tenant whose VMs change state all the time re-reads now and then, not on every
   * view.
   */
  static final int RESETTLE_AFTER = 2_000;

  /**
   * Scopes kept at most; past it the node forgets them all and reads them again. A page of the
   * resource list keeps a ledger for each of its twenty VMs (about a kilobyte each): at most some
   * ten megabytes of a node's heap.
   */
  private static final int MAX_KEPT = 500;

  private static final String COLUMNS =
      "tenant_id, project_id, order_id, resource_name, resource_kind, usage_state, provider_id,"
          + " provider_name, country_code, vcpu, memory_mib, disk_gib, gpus, gpu_model,"
          + " started_at, ended_at, public_ips";

  /**
   * Which intervals: its {@code where} takes {@code ?1} and {@code ?2}, and each interval is rated
   * in the ledger of its group.
   *
   * @param key what the node keeps the settled part under
   * @param byOrder each VM's intervals apart (otherwise all in one ledger)
   */
  record Scope(Object key, String where, Object first, Object second, boolean byOrder) {

    /** A tenant's month, in one ledger. */
    static Scope month(long tenantId, YearMonth month) {
      return new Scope(
          List.of("month", tenantId, month),
          "tenant_id = ?1 AND month_start = ?2",
          tenantId,
          month.atDay(1),
          false);
    }

    /** These VMs of the tenant, from their first interval on, a ledger each. */
    static Scope orders(long tenantId, Collection<Long> orderIds) {
      List<Long> ids = orderIds.stream().sorted().distinct().toList();
      return new Scope(
          List.of("orders", tenantId, ids),
          "tenant_id = ?1 AND order_id IN (?2)",
          tenantId,
          ids,
          true);
    }

    long group(UsageRecord r) {
      return byOrder ? r.orderId() : 0L;
    }
  }

  /** The settled part: rated at these lists, this many intervals changed before the cut. */
  private record Kept(
      Map<Long, List<PriceList>> lists, Instant cut, long count, Map<Long, Ledger> ledgers) {}

  /**
   * What a view rates.
   *
   * @param ledgers the settled intervals rated, by group (copies: the caller adds the rest to them)
   * @param rest every other interval (the open ones among them, up to now)
   */
  record Usage(Map<Long, Ledger> ledgers, List<UsageRecord> rest) {

    /** The ledger of the group, with the rest of the group's intervals added. */
    Map<Long, Ledger> rated(Scope scope, Map<Long, List<PriceList>> lists) {
      for (UsageRecord r : rest) {
        ledgers
            .computeIfAbsent(scope.group(r), k -> new Ledger())
            .add(r, lists.getOrDefault(r.providerId(), List.of()));
      }
      return ledgers;
    }
  }

  private final ConcurrentMap<Object, Kept> kept = new ConcurrentHashMap<>();

  /**
   * The scope's intervals in the caller's transaction: one statement while the settled part still
   * holds, else everything read and the settled part kept again.
   *
   * @param lists every provider's price lists, as the caller rates the rest
   */
  Usage read(EntityManager em, Scope scope, Instant now, Map<Long, List<PriceList>> lists) {
    Kept settled = kept.get(scope.key());
    if (settled != null && settled.lists().equals(lists)) {
      Usage unsettled = unsettled(em, scope, settled, now);
      if (unsettled != null) {
        return unsettled;
      }
    }
    return settle(em, scope, now, lists);
  }

  /** The rest on top of the kept part, or null when the count says the settled part changed. */
  private Usage unsettled(EntityManager em, Scope scope, Kept settled, Instant now) {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                    "SELECT 0, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM usage_interval WHERE "
                        + scope.where()
                        + " AND changed_at < ?3 AND ended_at IS NOT NULL UNION ALL SELECT 1, "
                        + COLUMNS
                        + " FROM usage_interval WHERE "
                        + scope.where()
                        + " AND (changed_at >= ?3 OR ended_at IS NULL)")
                .setParameter(1, scope.first())
                .setParameter(2, scope.second())
                .setParameter(3, settled.cut()));
    long count = -1;
    List<UsageRecord> rest = new ArrayList<>();
    int closed = 0;
    for (Row row : rows) {
      if (row.lng(0) == 0) {
        count = row.lng(1);
      } else {
        rest.add(record(row, 1, now));
        if (!row.isNull(16)) {
          closed++;
        }
      }
    }
    if (count != settled.count() || closed > RESETTLE_AFTER) {
      return null;
    }
    return new Usage(copies(settled.ledgers()), rest);
  }

  /** Everything of the scope, with the cut: {@code changed_at} and the cut follow the columns. */
  private Usage settle(
      EntityManager em, Scope scope, Instant now, Map<Long, List<PriceList>> lists) {
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                    "SELECT "
                        + COLUMNS
                        + ", changed_at, NOW(6) - INTERVAL "
                        + SETTLE.toSeconds()
                        + " SECOND FROM usage_interval WHERE "
                        + scope.where())
                .setParameter(1, scope.first())
                .setParameter(2, scope.second()));
    if (rows.isEmpty()) {
      return new Usage(new HashMap<>(), List.of());
    }
    Instant cut = rows.get(0).instant(18);
    Map<Long, Ledger> ledgers = new HashMap<>();
    List<UsageRecord> rest = new ArrayList<>();
    long count = 0;
    for (Row row : rows) {
      UsageRecord r = record(row, 0, now);
      if (!row.isNull(15) && row.instant(17).isBefore(cut)) {
        ledgers
            .computeIfAbsent(scope.group(r), k -> new Ledger())
            .add(r, lists.getOrDefault(r.providerId(), List.of()));
        count++;
      } else {
        rest.add(r);
      }
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    kept.put(scope.key(), new Kept(lists, cut, count, ledgers));
    return new Usage(copies(ledgers), rest);
  }

  private static Map<Long, Ledger> copies(Map<Long, Ledger> ledgers) {
    Map<Long, Ledger> copies = new HashMap<>();
    ledgers.forEach((group, ledger) -> copies.put(group, ledger.copy()));
    return copies;
  }

  /**
   * The interval read in {@link #COLUMNS} from {@code first} on; an open one up to {@code now} (or
   * its month's end, when the month has not been rolled over yet).
   */
  private static UsageRecord record(Row x, int first, Instant now) {
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
}
