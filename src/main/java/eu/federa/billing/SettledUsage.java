package eu.federa.billing;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.persistence.UnionReads;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Usage intervals (a tenant's month, or the intervals of some of its VMs), with the part that no
 * longer changes already rated, as this node keeps it. A tenant admin's dashboard and billing page
 * show this month's spend on every view, the resource list each VM's cost so far; by the month's
 * end a tenant with a thousand VMs has tens of thousands of intervals, nearly all closed long ago.
 * An interval is <em>settled</em> once it is closed and has not changed for {@link #SETTLE} (the
 * database stamps {@code changed_at} on every insert and update, whoever writes): the node rates
 * the settled intervals once, and each view reads only whether they may have changed since, and the
 * others, which it rates on top of a copy. Settled is reckoned from a cut that every statement
 * reads by the database's clock and that moves on every ten minutes ({@link #CUT}): to a month kept
 * at an older cut the node adds the intervals settled since, a VM's it reads anew. A month is kept
 * whole (several months, a page of the platform admins' directory, in the same statement); VMs one
 * by one, so that the resource list reads its page's usage in the statement of its rows ({@link
 * #readWith}) and only the VMs the node does not have at this cut again.
 *
 * <p>A month's token records (the AI gateway writes one per answered call, a busy tenant millions a
 * month) are never changed once written: the node keeps those recorded before the cut summed by
 * group ({@code recorded_at}, the database's time of the insert, V79), and a view sums only those
 * recorded since, in the same statement as the intervals.
 *
 * <p>Whether the settled part still holds: a month's by its revision, a row the database's triggers
 * bump on every write that may touch a settled interval or token record (V78: an update or delete
 * of an interval closed and unchanged for five minutes, one written closed with an older stamp;
 * V79: the same of a token record), so that a view's check does not grow with the month; a VM's by
 * how many of its intervals are settled (a hundred or so, read on an index): a settled interval
 * that changes gets a new {@code changed_at} and leaves the settled ones, one deleted is gone, a
 * new one (or one closed since) joins only if its change is older than the cut, and each moves the
 * count. What the count does not see, a change older than the cut committed after the node read,
 * and what the revision does not, a write stamped older than the cut less than five minutes before
 * it ran, both need a transaction that ran longer than five minutes; WildFly ends every transaction
 * after five. A price list that differs from the ones the settled part was rated with reads
 * everything anew.
 *
 * <p>Derived data only, never the truth: another node keeps its own, a restart keeps nothing, and
 * invoices ({@link RatingRun}) rate every interval and token record themselves.
 */
final class SettledUsage {

  /** How long a closed interval must be unchanged to be settled: twice WildFly's timeout. */
  static final Duration SETTLE = Duration.ofMinutes(10);

  /**
   * The cut a statement reads by, by the database's clock: the last whole ten minutes, less ten
   * (between ten and twenty minutes ago). Every statement of the same ten minutes, on every node,
   * has the same cut, so a view can read what it needs in one statement without knowing first which
   * cut the node kept; when the cut moves on, a month adds what settled since, a VM is read anew.
   */
  static final String CUT = cut(0);

  /** The cut as it would be {@code laterSeconds} later by the database's clock. */
  private static String cut(long laterSeconds) {
    return "FROM_UNIXTIME(FLOOR((UNIX_TIMESTAMP() + "
        + laterSeconds
        + ") / "
        + SETTLE.toSeconds()
        + ") * "
        + SETTLE.toSeconds()
        + " - "
        + SETTLE.toSeconds()
        + ")";
  }

  /**
   * How long a node adds what settled to a month it read whole before it reads the month whole
   * again: what the revision cannot see (a TRUNCATE, a restored backup, a hand transaction longer
   * than five minutes) holds at most this long. The node's billing ticker reads a month whole again
   * before a view would have to ({@link #readWholeDue}), when a view asked for it since.
   */
  static final Duration READ_WHOLE_AFTER = Duration.ofHours(1);

  /**
   * Closed but not yet settled intervals a view rates before the node reads the scope anew (and
   * settles them): a tenant whose VMs change state all the time re-reads now and then, not on every
   * view.
   */
  static final int RESETTLE_AFTER = 2_000;

  /** Months kept at most; past it the node forgets them all and reads them again. */
  private static final int MAX_KEPT = 500;

  /**
   * VMs kept at most (a ledger each, about a kilobyte: some ten megabytes of a node's heap); past
   * it the node forgets them all.
   */
  private static final int MAX_KEPT_ORDERS = 10_000;

  /** An interval's columns as a view reads them, {@link #record} takes them in this order. */
  private static final List<UnionRead.Column> USAGE =
      List.of(
          UnionRead.Column.number("tenant_id"),
          UnionRead.Column.number("project_id"),
          UnionRead.Column.number("order_id"),
          UnionRead.Column.text("resource_name"),
          UnionRead.Column.text("resource_kind"),
          UnionRead.Column.text("usage_state"),
          UnionRead.Column.number("provider_id"),
          UnionRead.Column.text("provider_name"),
          UnionRead.Column.text("country_code"),
          UnionRead.Column.number("vcpu"),
          UnionRead.Column.number("memory_mib"),
          UnionRead.Column.number("disk_gib"),
          UnionRead.Column.number("gpus"),
          UnionRead.Column.text("gpu_model"),
          UnionRead.Column.time("started_at"),
          UnionRead.Column.time("ended_at"),
          UnionRead.Column.number("public_ips"));

  private static final String COLUMNS =
      String.join(", ", USAGE.stream().map(UnionRead.Column::sql).toList());

  /**
   * A group of the month's token records as a view reads it ({@link TokenGroup}'s columns, then
   * {@link TokenSum}'s), {@link #addTokens} takes them in this order.
   */
  private static final List<UnionRead.Column> TOKENS =
      List.of(
          UnionRead.Column.number("t.project_id"),
          UnionRead.Column.number("t.provider_id"),
          UnionRead.Column.text("t.provider_name"),
          UnionRead.Column.text("t.country_code"),
          UnionRead.Column.text("t.model_code"),
          UnionRead.Column.number("t.key_id"),
          UnionRead.Column.number("t.service_id"),
          UnionRead.Column.number("l.id"),
          UnionRead.Column.time("MIN(t.period_start)"),
          UnionRead.Column.number("SUM(t.input_tokens)"),
          UnionRead.Column.number("SUM(t.output_tokens)"),
          UnionRead.Column.number("COUNT(*)"),
          UnionRead.Column.number("SUM(t.estimated)"));

  /**
   * A tenant's month, all rated in one ledger.
   *
   * @param key what the node keeps the settled part under
   */
  record Scope(Object key, long tenantId, LocalDate monthStart) {

    /** A tenant's month. */
    static Scope month(long tenantId, YearMonth month) {
      return new Scope(List.of("month", tenantId, month), tenantId, month.atDay(1));
    }
  }

  /**
   * The settled part of a month or of a VM: rated at these lists, at this cut, built on a read of
   * the whole scope at {@code wholeAt} (a cut); {@code check} tells whether it still holds (a
   * month: the revision of its settled intervals and token records, {@code usage_settled_revision};
   * a VM: how many of its intervals are settled). A month's token records recorded before the cut
   * are kept summed by group ({@code tokens}; none for a VM). {@code readAt}: when the node read
   * the month whole, by its own clock (null for a VM).
   */
  private record Kept(
      Map<Long, List<PriceList>> lists,
      Instant cut,
      long check,
      Ledger ledger,
      Instant wholeAt,
      Map<TokenGroup, TokenSum> tokens,
      Instant readAt) {

    /** A VM's. */
    Kept(Map<Long, List<PriceList>> lists, Instant cut, long check, Ledger ledger) {
      this(lists, cut, check, ledger, cut, Map.of(), null);
    }

    /** One kept part is another only if it is the same: {@link #kept} replaces by identity. */
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** When a view last asked for a month this node keeps, by the node's clock. */
  private record Viewed(Scope scope, Instant at) {}

  /**
   * What a month's token records are summed by: what rating sums them by ({@link
   * RatingRun#TOKEN_GROUP}: the price list in force among it), the API key and the endpoint.
   */
  record TokenGroup(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      String modelCode,
      Long keyId,
      long serviceId,
      Long listId) {}

  /**
   * A group's records summed.
   *
   * @param periodStart the earliest record's start (inside its list's period, which picks the list)
   * @param estimatedRequests records whose counts Federa estimated
   */
  record TokenSum(
      Instant periodStart,
      long inputTokens,
      long outputTokens,
      long requests,
      long estimatedRequests) {

    TokenSum plus(TokenSum other) {
      return new TokenSum(
          periodStart.isBefore(other.periodStart) ? periodStart : other.periodStart,
          inputTokens + other.inputTokens,
          outputTokens + other.outputTokens,
          requests + other.requests,
          estimatedRequests + other.estimatedRequests);
    }
  }

  /**
   * What a view rates.
   *
   * @param settled the settled intervals rated (a copy: the caller adds the rest to it)
   * @param rest every other interval (the open ones among them, up to now)
   * @param tokens the month's token records summed by group
   */
  record Usage(Ledger settled, List<UsageRecord> rest, Map<TokenGroup, TokenSum> tokens) {

    /** The settled part's ledger with the rest added. */
    Ledger rated(Map<Long, List<PriceList>> lists) {
      for (UsageRecord r : rest) {
        settled.add(r, lists.getOrDefault(r.providerId(), List.of()));
      }
      return settled;
    }

    /**
     * What the month cost so far: the settled part's ledger with the rest and the token records
     * added (what the dashboard, budget checks and the directory show alike).
     */
    Ledger spent(Map<Long, List<PriceList>> lists) {
      Ledger ledger = rated(lists);
      RatingRun.addTokens(ledger, tokenReports(), lists);
      return ledger;
    }

    /** The month's token records as rating sums them, by key besides. */
    List<RatingRun.TokenReport> tokenReports() {
      List<RatingRun.TokenReport> reports = new ArrayList<>(tokens.size());
      tokens.forEach(
          (g, sum) ->
              reports.add(
                  new RatingRun.TokenReport(
                      g.projectId(),
                      g.providerId(),
                      g.providerName(),
                      g.countryCode(),
                      g.modelCode(),
                      sum.periodStart(),
                      sum.inputTokens(),
                      sum.outputTokens(),
                      g.keyId())));
      return reports;
    }
  }

  private final ConcurrentMap<Object, Kept> kept = new ConcurrentHashMap<>();

  /** The months kept, with when a view last asked for each. */
  private final ConcurrentMap<Object, Viewed> viewed = new ConcurrentHashMap<>();

  /**
   * How many times a view on this node read a month whole (a first view, a change, new prices, a
   * month the node did not read again in time).
   */
  private final AtomicLong monthsReadWhole = new AtomicLong();

  /** How many times this node read a month whole ahead of its views ({@link #readWholeDue}). */
  private final AtomicLong monthsReadAhead = new AtomicLong();

  /** The cut the month's statements read by: {@link #CUT}, but in tests ({@link #readLater}). */
  private volatile String monthCut = CUT;

  /**
   * Reads months as if the database's clock were this much later, so that a test sees the cut move
   * on without waiting ten minutes.
   */
  void readLater(Duration later) {
    monthCut = cut(later.toSeconds());
  }

  /** How many times a view on this node read a month whole. */
  long monthsReadWhole() {
    return monthsReadWhole.get();
  }

  /** How many times this node read a month whole ahead of its views. */
  long monthsReadAhead() {
    return monthsReadAhead.get();
  }

  /**
   * The month's intervals and token records in the caller's transaction: one statement while the
   * settled part still holds, else everything read and the settled part kept again.
   *
   * @param lists every provider's price lists, as the caller rates the rest
   */
  Usage read(UnionReads reads, Scope scope, Instant now, Map<Long, List<PriceList>> lists) {
    return read(reads, List.of(scope), now, lists).get(0);
  }

  /**
   * Several months (of several tenants: the platform admins' directory) in at most two statements,
   * whatever their number: one checks every month this node keeps and reads its rest, one reads the
   * others whole.
   *
   * @return each month's usage, in the order of {@code scopes}
   */
  List<Usage> read(
      UnionReads reads, List<Scope> scopes, Instant now, Map<Long, List<PriceList>> lists) {
    String cutSql = monthCut; // one cut for the call's statements, whatever a test sets meanwhile
    Usage[] usages = new Usage[scopes.size()];
    UnionRead checks = new UnionRead();
    Map<Integer, MonthCheck> checked = new LinkedHashMap<>();
    for (int i = 0; i < scopes.size(); i++) {
      Kept settled = kept.get(scopes.get(i).key());
      if (settled != null && settled.lists().equals(lists)) {
        checked.put(i, new MonthCheck(checks, scopes.get(i), settled, "c" + i, cutSql));
      }
    }
    if (!checked.isEmpty()) {
      UnionRead.Result result = reads.run(checks);
      checked.forEach((i, check) -> usages[i] = unsettled(check, result, now, lists));
    }
    UnionRead wholes = new UnionRead();
    Map<Integer, MonthWhole> whole = new LinkedHashMap<>();
    for (int i = 0; i < scopes.size(); i++) {
      if (usages[i] == null) {
        whole.put(i, new MonthWhole(wholes, scopes.get(i), "w" + i, cutSql));
      }
    }
    if (!whole.isEmpty()) {
      UnionRead.Result result = reads.run(wholes);
      monthsReadWhole.addAndGet(whole.size());
      whole.forEach((i, month) -> usages[i] = settle(month, result, now, lists));
    }
    for (Scope scope : scopes) {
      viewed.put(scope.key(), new Viewed(scope, now));
    }
    return Arrays.asList(usages);
  }

  /**
   * Reads whole again, one statement each, the months this node keeps that a view would soon have
   * to read whole ({@link #READ_WHOLE_AFTER} after the cut of their last whole read; a view does so
   * only from ten minutes later, when the cut it reads by has come that far), so that no view pays
   * for it: those a view asked for since their last whole read. The others are forgotten (a next
   * view reads them whole, as a first view does). Whether one is due is reckoned by {@code now},
   * this node's clock, against the database's cut: a clock ten minutes behind the database's leaves
   * the read to a view again, as before.
   *
   * @param prices every provider's price lists, as views rate with them now: asked for only when a
   *     month is due, once
   * @return how many months were read
   */
  int readWholeDue(UnionReads reads, Instant now, Supplier<Map<Long, List<PriceList>>> prices) {
    int read = 0;
    Map<Long, List<PriceList>> lists = null;
    for (Viewed view : viewed.values()) {
      Object key = view.scope().key();
      Kept settled = kept.get(key);
      if (settled == null) {
        viewed.remove(key, view);
      } else if (!now.isBefore(settled.wholeAt().plus(READ_WHOLE_AFTER))) {
        if (view.at().isAfter(settled.readAt())) {
          if (lists == null) {
            lists = prices.get();
          }
          UnionRead wholes = new UnionRead();
          MonthWhole month = new MonthWhole(wholes, view.scope(), "w0", monthCut);
          settle(month, reads.run(wholes), now, lists);
          monthsReadAhead.incrementAndGet();
          read++;
        } else {
          kept.remove(key, settled);
          viewed.remove(key, view);
        }
      }
    }
    return read;
  }

  /**
   * A month's parts of a read, its parameters named with {@code suffix} (a read holds several
   * months): the month's revision of its settled intervals and token records (V78, V79: their
   * triggers count every write that may touch one) and the cut, first.
   */
  private abstract static class MonthParts {
    final Scope scope;
    final String suffix;
    final UnionRead.Part head;

    MonthParts(UnionRead read, Scope scope, String suffix, String cutSql) {
      this.scope = scope;
      this.suffix = suffix;
      read.set("tenant" + suffix, scope.tenantId()).set("month" + suffix, scope.monthStart());
      head =
          read.add(
              List.of(
                  UnionRead.Column.number(
                      "COALESCE((SELECT revision FROM usage_settled_revision WHERE tenant_id ="
                          + " :tenant"
                          + suffix
                          + " AND month_start = :month"
                          + suffix
                          + "), 0)"),
                  UnionRead.Column.time(cutSql)),
              "");
    }

    /** What follows a part's columns to read the month's intervals on {@code index}. */
    String intervals(String index, String condition) {
      return "FROM usage_interval"
          + (index == null ? "" : " FORCE INDEX (" + index + ")")
          + " WHERE tenant_id = :tenant"
          + suffix
          + " AND month_start = :month"
          + suffix
          + " AND "
          + condition;
    }

    /** What follows a part's columns to sum the month's token records by group. */
    String tokens(String condition) {
      return "FROM "
          + RatingRun.TOKENS_PRICED.formatted("FORCE INDEX (ix_token_recorded)")
          + " WHERE t.tenant_id = :tenant"
          + suffix
          + " AND t.month_start = :month"
          + suffix
          + " AND "
          + condition
          + " GROUP BY "
          + RatingRun.TOKEN_GROUP
          + ", t.key_id, t.service_id";
    }
  }

  /**
   * What a view reads of a month the node keeps, on indexes that hold only what it returns: the
   * intervals changed since the cut, the month's open ones, the token records since the cut summed,
   * and, when the cut moved on since the node kept the month, the intervals and token records that
   * settled in between.
   */
  private static final class MonthCheck extends MonthParts {
    final Kept settled;
    final UnionRead.Part changed;
    final UnionRead.Part open;
    final UnionRead.Part settledSince;
    final UnionRead.Part tokens;
    final UnionRead.Part tokensSince;

    MonthCheck(UnionRead read, Scope scope, Kept settled, String suffix, String cutSql) {
      super(read, scope, suffix, cutSql);
      this.settled = settled;
      read.set("keptCut" + suffix, LocalDateTime.ofInstant(settled.cut(), ZoneOffset.UTC));
      UnaryOperator<String> between =
          column -> column + " >= :keptCut" + suffix + " AND " + column + " < " + cutSql;
      changed = read.add(USAGE, intervals("ix_interval_changed", "changed_at >= " + cutSql));
      open =
          read.add(
              USAGE,
              intervals("ix_interval_open_month", "ended_at IS NULL AND changed_at < " + cutSql));
      settledSince =
          read.add(
              USAGE,
              intervals(
                  "ix_interval_changed",
                  between.apply("changed_at") + " AND ended_at IS NOT NULL"));
      tokens = read.add(TOKENS, tokens("t.recorded_at >= " + cutSql));
      tokensSince = read.add(TOKENS, tokens(between.apply("t.recorded_at")));
    }
  }

  /**
   * A month read whole: every interval with its {@code changed_at}, and the token records summed,
   * those recorded before the cut apart.
   */
  private static final class MonthWhole extends MonthParts {
    final UnionRead.Part intervals;
    final UnionRead.Part settledTokens;
    final UnionRead.Part tokens;

    MonthWhole(UnionRead read, Scope scope, String suffix, String cutSql) {
      super(read, scope, suffix, cutSql);
      List<UnionRead.Column> withChange = new ArrayList<>(USAGE);
      withChange.add(UnionRead.Column.time("changed_at"));
      intervals = read.add(withChange, intervals(null, "TRUE"));
      settledTokens = read.add(TOKENS, tokens("t.recorded_at < " + cutSql));
      tokens = read.add(TOKENS, tokens("t.recorded_at >= " + cutSql));
    }
  }

  /**
   * The rest on top of the kept part, or null when the month must be read whole: the revision says
   * the settled part changed, the cut went back (another node's clock), the month was last read
   * whole {@link #READ_WHOLE_AFTER} ago, or too many closed intervals wait to settle. When the cut
   * moved on, the node adds what settled in between to a copy of its settled part and keeps that at
   * the new cut.
   */
  private Usage unsettled(
      MonthCheck check, UnionRead.Result result, Instant now, Map<Long, List<PriceList>> lists) {
    Kept settled = check.settled;
    Row first = check.head.rows(result).get(0);
    long revision = first.lng(0);
    Instant cut = first.instant(1);
    List<Row> changedRows = check.changed.rows(result);
    long closed = changedRows.stream().filter(row -> !row.isNull(15)).count();
    if (revision != settled.check()
        || cut.isBefore(settled.cut())
        || !cut.isBefore(settled.wholeAt().plus(READ_WHOLE_AFTER))
        || closed > RESETTLE_AFTER) {
      return null;
    }
    List<UsageRecord> rest = new ArrayList<>();
    for (Row row : changedRows) {
      rest.add(record(row, 0, now));
    }
    for (Row row : check.open.rows(result)) {
      rest.add(record(row, 0, now));
    }
    Ledger ledger = settled.ledger();
    Map<TokenGroup, TokenSum> settledTokens = settled.tokens();
    if (cut.isAfter(settled.cut())) {
      ledger = ledger.copy();
      for (Row row : check.settledSince.rows(result)) {
        UsageRecord r = record(row, 0, now);
        ledger.add(r, lists.getOrDefault(r.providerId(), List.of()));
      }
      settledTokens = new HashMap<>(settledTokens);
      for (Row row : check.tokensSince.rows(result)) {
        addTokens(settledTokens, row);
      }
      // unless a read ahead of the views kept a newer whole read meanwhile
      kept.replace(
          check.scope.key(),
          settled,
          new Kept(
              lists,
              cut,
              revision,
              ledger,
              settled.wholeAt(),
              Map.copyOf(settledTokens),
              settled.readAt()));
    }
    Map<TokenGroup, TokenSum> monthTokens = new HashMap<>(settledTokens);
    for (Row row : check.tokens.rows(result)) {
      addTokens(monthTokens, row);
    }
    return new Usage(ledger.copy(), rest, monthTokens);
  }

  /** A month read whole: its settled part kept at the cut, the rest rated on a copy. */
  private Usage settle(
      MonthWhole month, UnionRead.Result result, Instant now, Map<Long, List<PriceList>> lists) {
    Row first = month.head.rows(result).get(0);
    long revision = first.lng(0);
    Instant cut = first.instant(1);
    Ledger ledger = new Ledger();
    List<UsageRecord> rest = new ArrayList<>();
    for (Row row : month.intervals.rows(result)) {
      UsageRecord r = record(row, 0, now);
      if (!row.isNull(15) && row.instant(17).isBefore(cut)) {
        ledger.add(r, lists.getOrDefault(r.providerId(), List.of()));
      } else {
        rest.add(r);
      }
    }
    Map<TokenGroup, TokenSum> groups = new HashMap<>();
    for (Row row : month.settledTokens.rows(result)) {
      addTokens(groups, row);
    }
    Map<TokenGroup, TokenSum> monthTokens = new HashMap<>(groups);
    for (Row row : month.tokens.rows(result)) {
      addTokens(monthTokens, row);
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
      viewed.clear();
    }
    kept.put(
        month.scope.key(), new Kept(lists, cut, revision, ledger, cut, Map.copyOf(groups), now));
    return new Usage(ledger.copy(), rest, monthTokens);
  }

  /** Adds a group read in {@link #TOKENS} to {@code groups}, the same group's records summed. */
  private static void addTokens(Map<TokenGroup, TokenSum> groups, Row x) {
    groups.merge(
        new TokenGroup(
            x.lngOrNull(0),
            x.lng(1),
            x.str(2),
            x.str(3),
            x.str(4),
            x.lngOrNull(5),
            x.lng(6),
            x.lngOrNull(7)),
        new TokenSum(x.instant(8), x.lng(9), x.lng(10), x.lng(11), x.lng(12)),
        TokenSum::plus);
  }

  /** The VMs' settled parts this node keeps, by tenant and order. */
  private final ConcurrentMap<List<Long>, Kept> orders = new ConcurrentHashMap<>();

  /**
   * The usage of some of a tenant's VMs, as parts of a read ({@link UnionRead}): how many of each
   * one's intervals are settled at the cut, every other interval, and the cut.
   */
  static final class OrdersRead {
    private final long tenantId;
    private final UnionRead.Part counts;
    private final UnionRead.Part rest;
    private final UnionRead.Part cut;

    private OrdersRead(
        long tenantId, UnionRead.Part counts, UnionRead.Part rest, UnionRead.Part cut) {
      this.tenantId = tenantId;
      this.counts = counts;
      this.rest = rest;
      this.cut = cut;
    }
  }

  /**
   * Adds the usage of the tenant's VMs whose ids {@code orderIds} selects (SQL: a list parameter,
   * or a subquery of the reader's) to {@code read}.
   */
  static OrdersRead readWith(UnionRead read, long tenantId, String orderIds) {
    read.set("usageTenant", tenantId);
    // the index that holds what both parts filter on (V77): the count reads only the index, the
    // rest filters on it before reading a row; by the interval key each read every row
    String of =
        " FROM usage_interval FORCE INDEX (ix_interval_order_changed)"
            + " WHERE tenant_id = :usageTenant AND order_id IN ("
            + orderIds
            + ")";
    return new OrdersRead(
        tenantId,
        read.add(
            List.of(UnionRead.Column.number("order_id"), UnionRead.Column.number("COUNT(*)")),
            of + " AND ended_at IS NOT NULL AND changed_at < " + CUT + " GROUP BY order_id"),
        read.add(USAGE, of + " AND (ended_at IS NULL OR changed_at >= " + CUT + ")"),
        read.add(List.of(UnionRead.Column.time(CUT)), ""));
  }

  /**
   * Each VM's ledger (absent: no interval yet), from what {@code read} found and the settled parts
   * this node keeps; the VMs whose settled part the node does not have at this cut (a first view, a
   * change, other prices, the cut moved on) are read whole in one more statement and kept.
   *
   * @param lists every provider's price lists
   */
  Map<Long, Ledger> rated(
      EntityManager em,
      OrdersRead read,
      UnionRead.Result result,
      Collection<Long> ids,
      Instant now,
      Map<Long, List<PriceList>> lists) {
    Instant cut = read.cut.rows(result).get(0).instant(0);
    Map<Long, Long> counts = new HashMap<>();
    for (Row row : read.counts.rows(result)) {
      counts.put(row.lng(0), row.lng(1));
    }
    Map<Long, List<UsageRecord>> rest = new HashMap<>();
    for (Row row : read.rest.rows(result)) {
      UsageRecord r = record(row, 0, now);
      rest.computeIfAbsent(r.orderId(), k -> new ArrayList<>()).add(r);
    }
    Map<Long, Ledger> ledgers = new HashMap<>();
    List<Long> unkept = new ArrayList<>();
    // the VMs' kept parts mostly share one map of price lists: compared once a view, not once a VM
    Map<Object, Boolean> sameLists = new IdentityHashMap<>();
    for (long id : ids) {
      long count = counts.getOrDefault(id, 0L);
      Kept kept = orders.get(List.of(read.tenantId, id));
      Ledger settledPart;
      if (kept != null
          && kept.check() == count
          && kept.cut().equals(cut)
          && sameLists.computeIfAbsent(kept.lists(), l -> l.equals(lists))) {
        settledPart = kept.ledger();
      } else if (count == 0) {
        settledPart = keep(read.tenantId, id, new Kept(lists, cut, 0, new Ledger()));
      } else {
        unkept.add(id);
        continue;
      }
      rate(ledgers, id, count, settledPart, rest.getOrDefault(id, List.of()), lists);
    }
    if (!unkept.isEmpty()) {
      settle(em, read.tenantId, unkept, cut, now, lists, ledgers);
    }
    return ledgers;
  }

  /** Reads these VMs' intervals whole, keeps their settled parts at {@code cut}, rates the rest. */
  @SuppressWarnings("java:S107")
  private void settle(
      EntityManager em,
      long tenantId,
      List<Long> ids,
      Instant cut,
      Instant now,
      Map<Long, List<PriceList>> lists,
      Map<Long, Ledger> ledgers) {
    Map<Long, Ledger> settledParts = new HashMap<>();
    Map<Long, Long> counts = new HashMap<>();
    Map<Long, List<UsageRecord>> rest = new HashMap<>();
    for (long id : ids) {
      settledParts.put(id, new Ledger());
      counts.put(id, 0L);
    }
    for (Row row :
        Row.all(
            em.createNativeQuery(
                    "SELECT "
                        + COLUMNS
                        + ", changed_at FROM usage_interval WHERE tenant_id = ?1"
                        + " AND order_id IN (?2)")
                .setParameter(1, tenantId)
                .setParameter(2, ids))) {
      UsageRecord r = record(row, 0, now);
      if (!row.isNull(15) && row.instant(17).isBefore(cut)) {
        settledParts.get(r.orderId()).add(r, lists.getOrDefault(r.providerId(), List.of()));
        counts.merge(r.orderId(), 1L, Long::sum);
      } else {
        rest.computeIfAbsent(r.orderId(), k -> new ArrayList<>()).add(r);
      }
    }
    for (long id : ids) {
      Ledger settledPart =
          keep(tenantId, id, new Kept(lists, cut, counts.get(id), settledParts.get(id)));
      rate(ledgers, id, counts.get(id), settledPart, rest.getOrDefault(id, List.of()), lists);
    }
  }

  private Ledger keep(long tenantId, long orderId, Kept kept) {
    if (orders.size() >= MAX_KEPT_ORDERS) {
      orders.clear();
    }
    orders.put(List.of(tenantId, orderId), kept);
    return kept.ledger();
  }

  /** A VM's ledger: a copy of its settled part with the rest added (none when it has neither). */
  private static void rate(
      Map<Long, Ledger> ledgers,
      long id,
      long settledCount,
      Ledger settledPart,
      List<UsageRecord> rest,
      Map<Long, List<PriceList>> lists) {
    if (settledCount == 0 && rest.isEmpty()) {
      return;
    }
    Ledger ledger = settledPart.copy();
    for (UsageRecord r : rest) {
      ledger.add(r, lists.getOrDefault(r.providerId(), List.of()));
    }
    ledgers.put(id, ledger);
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
