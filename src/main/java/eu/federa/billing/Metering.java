package eu.federa.billing;

import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Metering: turns what resources do into usage intervals, one per resource per state, that never
 * span two billing months. Provisioning reports each state change in the transaction that records
 * it; a missed change is repaired from the provider's accounting. Writes are idempotent: an
 * interval is identified by its resource and start.
 */
@ApplicationScoped
public class Metering {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;

  /**
   * A metered resource as it is now.
   *
   * @param publicIps public addresses it holds, charged running or powered off
   */
  public record Resource(
      long orderId,
      long tenantId,
      Long projectId,
      String name,
      String kind,
      long providerId,
      String providerName,
      String countryCode,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String gpuModel,
      int publicIps) {}

  /** What is kept at a provider and billed for its size alone: the column naming it. */
  public enum StoredKind {
    VOLUME("volume_id"),
    SNAPSHOT("snapshot_id"),
    BACKUP("backup_id");

    private final String column;

    StoredKind(String column) {
      this.column = column;
    }
  }

  /**
   * Something stored at a provider (a volume, a disk snapshot, a backup): what it is, where, its
   * size.
   */
  public record Stored(
      StoredKind kind,
      long id,
      long tenantId,
      Long projectId,
      String name,
      long providerId,
      String providerName,
      String countryCode,
      int sizeGib) {}

  /** What stored things' intervals are: kept (charged for their size only), never running. */
  public static final String STORED = "STORED";

  /**
   * {@code s} exists at its provider from {@code at} on ({@code stored}), or no longer (deleted).
   * Like {@link #observe}: the open interval is closed when it ends or the size changed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void observeStored(Stored s, boolean stored, Instant at) {
    String column = s.kind().column;
    Optional<Row> open =
        Row.first(
            em.createNativeQuery(
                    "SELECT id, started_at, disk_gib, provider_id FROM usage_interval WHERE "
                        + column
                        + " = ?1 AND ended_at IS NULL FOR UPDATE")
                .setParameter(1, s.id()));
    if (open.isPresent()) {
      Row o = open.get();
      // Unchanged: the same size at the same provider (a volume moved with its VM is billed at
      // its new provider from the cutover second).
      if (stored && o.integer(2) == s.sizeGib() && o.lng(3) == s.providerId()) {
        return;
      }
      Instant started = o.instant(1);
      close(o.lng(0), started, at.isBefore(started) ? started : at);
    }
    if (stored) {
      em.createNativeQuery(
              "INSERT IGNORE INTO usage_interval (tenant_id, project_id, "
                  + column
                  + ", resource_name, resource_kind, usage_state, provider_id, provider_name,"
                  + " country_code, vcpu, memory_mib, disk_gib, gpus, month_start, started_at,"
                  + " source, public_ips) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, ?10,"
                  + " 0, ?11, ?12, 'EVENT', 0)")
          .setParameter(1, s.tenantId())
          .setParameter(2, s.projectId())
          .setParameter(3, s.id())
          .setParameter(4, s.name())
          .setParameter(5, s.kind().name())
          .setParameter(6, STORED)
          .setParameter(7, s.providerId())
          .setParameter(8, s.providerName())
          .setParameter(9, s.countryCode())
          .setParameter(10, s.sizeGib())
          .setParameter(11, BillingMonths.of(at).atDay(1))
          .setParameter(12, at)
          .executeUpdate();
    }
  }

  /** One stored interval; {@code until} is null while open. */
  public record Interval(
      long id, String state, Instant from, Instant until, int vcpu, long memoryMib, int diskGib) {}

  /**
   * The resource is in {@code state} from {@code at} on: {@link UsageRecord#RUNNING}, {@link
   * UsageRecord#POWEROFF}, or null when it is no longer charged (ended, failed, vanished). The open
   * interval is closed when the state, the size or the provider changed (a move between providers
   * switches at its cutover second), and a new one opened.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void observe(Resource r, String state, Instant at) {
    OpenInterval open = openInterval(r.orderId());
    if (open != null) {
      Instant started = open.startedAt();
      boolean same =
          state != null
              && state.equals(open.state())
              && r.providerId() == open.providerId()
              && r.vcpu() == open.vcpu()
              && r.memoryMib() == open.memoryMib()
              && r.diskGib() == open.diskGib()
              && r.gpus() == open.gpus()
              && r.publicIps() == open.publicIps();
      if (same) {
        return;
      }
      at = at.isBefore(started) ? started : at;
      close(open.id(), started, at);
    }
    if (state != null) {
      insert(r, state, at, null, "EVENT");
    }
  }

  /**
   * Closes open intervals of earlier months at the current month's start and continues them in this
   * month, so that an interval never spans two months even when nothing changed.
   *
   * @return how many were rolled over
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int rollOver() {
    Instant monthStart = BillingMonths.start(BillingMonths.of(clock.instant()));
    List<Row> stale =
        Row.all(
            em.createNativeQuery(
                    "SELECT id, started_at FROM usage_interval WHERE ended_at IS NULL"
                        + " AND month_start < ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, LocalDate.ofInstant(monthStart, ZoneOffset.UTC)));
    for (Row row : stale) {
      long id = row.lng(0);
      close(id, row.instant(1), monthStart);
      copy(id, BillingMonths.of(monthStart), monthStart, null);
    }
    return stale.size();
  }

  /**
   * Repairs from the provider's accounting: where the provider says the resource was running during
   * [from, until) and Federa has no interval at all, a RUNNING interval is written for the gap.
   * Gaps shorter than {@code tolerance} are the delay between the provider's change and Federa
   * seeing it, not missed usage. Running it again finds no gaps: nothing is counted twice.
   *
   * @return how many intervals were written
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int fillGaps(Resource r, Instant from, Instant until, Duration tolerance) {
    List<Instant[]> covered = new ArrayList<>();
    for (Row row :
        Row.all(
            em.createNativeQuery(
                    "SELECT started_at, ended_at FROM usage_interval WHERE order_id = ?1"
                        + " AND started_at < ?2 AND (ended_at IS NULL OR ended_at > ?3)"
                        + " ORDER BY started_at FOR UPDATE")
                .setParameter(1, r.orderId())
                .setParameter(2, until)
                .setParameter(3, from))) {
      covered.add(new Instant[] {row.instant(0), row.isNull(1) ? until : row.instant(1)});
    }
    covered.sort(Comparator.comparing(c -> c[0]));
    int written = 0;
    Instant cursor = from;
    for (Instant[] c : covered) {
      if (c[0].isAfter(cursor)) {
        written += gap(r, cursor, c[0], tolerance);
      }
      if (c[1].isAfter(cursor)) {
        cursor = c[1];
      }
    }
    if (until.isAfter(cursor)) {
      written += gap(r, cursor, until, tolerance);
    }
    return written;
  }

  private int gap(Resource r, Instant from, Instant until, Duration tolerance) {
    if (Duration.between(from, until).compareTo(tolerance) < 0) {
      return 0;
    }
    int written = 0;
    for (BillingMonths.Piece piece : BillingMonths.split(from, until)) {
      written += insert(r, UsageRecord.RUNNING, piece.from(), piece.until(), "ACCOUNTING");
    }
    return written;
  }

  /**
   * Repairs a violation of the metering invariants ({@link MeteringInvariants}): the interval ends
   * at the fix's time (split at month ends like any other), or is deleted. The caller holds the
   * order's lock and read the interval with a locking read.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void repair(MeteringInvariants.Fix fix, Instant startedAt) {
    if (fix.deletes()) {
      em.createNativeQuery("DELETE FROM usage_interval WHERE id = ?1")
          .setParameter(1, fix.id())
          .executeUpdate();
    } else {
      close(fix.id(), startedAt, fix.endAt());
    }
  }

  /** The summary of every order's intervals at the provider, by order id. */
  @Transactional
  public Map<Long, MeteringInvariants.Summary> summaries(long providerId) {
    Map<Long, MeteringInvariants.Summary> byOrder = new HashMap<>();
    Row.all(
            em.createNativeQuery(
                    "SELECT order_id, SUM(CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END),"
                        + " MAX(ended_at) FROM usage_interval WHERE provider_id = ?1"
                        + " AND order_id IS NOT NULL GROUP BY order_id")
                .setParameter(1, providerId))
        .forEach(
            r ->
                byOrder.put(
                    r.lng(0),
                    new MeteringInvariants.Summary(
                        r.lng(0), r.integer(1), r.isNull(2) ? null : r.instant(2))));
    return byOrder;
  }

  /**
   * The order's intervals, oldest first, locked until the caller's transaction ends: read for a
   * {@link #repair}. The caller holds the order's lock.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<MeteringInvariants.Stored> storedForRepair(long orderId) {
    return Row.all(
            em.createNativeQuery(
                    "SELECT id, started_at, ended_at FROM usage_interval WHERE order_id = ?1"
                        + " ORDER BY started_at FOR UPDATE")
                .setParameter(1, orderId))
        .stream()
        .map(
            r ->
                new MeteringInvariants.Stored(
                    r.lng(0), r.instant(1), r.isNull(2) ? null : r.instant(2)))
        .toList();
  }

  /** A resource's intervals, oldest first. */
  @Transactional
  public List<Interval> intervals(long orderId) {
    return Row.all(
            em.createNativeQuery(
                    "SELECT id, usage_state, started_at, ended_at, vcpu, memory_mib, disk_gib"
                        + " FROM usage_interval WHERE order_id = ?1 ORDER BY started_at")
                .setParameter(1, orderId))
        .stream()
        .map(
            x ->
                new Interval(
                    x.lng(0),
                    x.str(1),
                    x.instant(2),
                    x.instant(3),
                    x.integer(4),
                    x.lng(5),
                    x.integer(6)))
        .toList();
  }

  private static final String INSERT_TOKENS =
      "INSERT IGNORE INTO token_usage (tenant_id, project_id, service_id, key_id, model_code,"
          + " provider_id, provider_name, country_code, month_start, period_start, period_end,"
          + " input_tokens, output_tokens, estimated, report_key)";

  /**
   * Records the tokens an AI endpoint served. The record's key makes it count once, however often
   * it is sent; it is written in the caller's transaction, or its own.
   *
   * @return whether it was new
   */
  @Transactional
  public boolean recordTokens(TokenRecord t) {
    return recordTokens(List.of(t))[0] == 1;
  }

  private static final String TOKEN_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Records many token records in the caller's transaction, one statement each in one batch: for
   * records that may have been written before (a journal written again after a crash).
   *
   * @return for each record, how many rows it added (0: its key was recorded before)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int[] recordTokens(List<TokenRecord> records) {
    if (records.isEmpty()) {
      return new int[0];
    }
    return em.unwrap(org.hibernate.Session.class)
        .doReturningWork(
            c -> {
              try (java.sql.PreparedStatement s =
                  c.prepareStatement(INSERT_TOKENS + " VALUES " + TOKEN_ROW)) {
                for (TokenRecord t : records) {
                  bindTokens(s, 0, t);
                  s.addBatch();
                }
                return s.executeBatch();
              }
            });
  }

  /**
   * Records many token records in the caller's transaction in one statement (the gateway's journal,
   * every 100 ms: one statement for the lot costs the database and the node far less than one a
   * record).
   *
   * @return how many rows were added: fewer than the records when some were recorded before
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int recordTokensAtOnce(List<TokenRecord> records) {
    if (records.isEmpty()) {
      return 0;
    }
    StringBuilder sql = new StringBuilder(INSERT_TOKENS).append(" VALUES ");
    for (int i = 0; i < records.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(TOKEN_ROW);
    }
    return em.unwrap(org.hibernate.Session.class)
        .doReturningWork(
            c -> {
              try (java.sql.PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < records.size(); i++) {
                  bindTokens(s, i * 15, records.get(i));
                }
                return s.executeUpdate();
              }
            });
  }

  /**
   * An instant as MariaDB's DATETIME(6) text in UTC ({@code 2026-12-02 10:00:00.123456}). The
   * driver's own formatting of a LocalDateTime (a DateTimeFormatter) was a good part of writing the
   * gateway's token records.
   */
  static String sqlDateTime(Instant t) {
    java.time.LocalDateTime d = java.time.LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    if (d.getYear() < 1000 || d.getYear() > 9999) {
      throw new IllegalArgumentException("not a DATETIME: " + t);
    }
    char[] c = "0000-00-00 00:00:00.000000".toCharArray();
    digits(c, 0, 4, d.getYear());
    digits(c, 5, 2, d.getMonthValue());
    digits(c, 8, 2, d.getDayOfMonth());
    digits(c, 11, 2, d.getHour());
    digits(c, 14, 2, d.getMinute());
    digits(c, 17, 2, d.getSecond());
    digits(c, 20, 6, d.getNano() / 1000);
    return new String(c);
  }

  private static void digits(char[] into, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static void bindTokens(java.sql.PreparedStatement s, int at, TokenRecord t)
      throws java.sql.SQLException {
    s.setLong(at + 1, t.tenantId());
    s.setObject(at + 2, t.projectId());
    s.setLong(at + 3, t.serviceId());
    s.setObject(at + 4, t.keyId());
    s.setString(at + 5, t.modelCode());
    s.setLong(at + 6, t.providerId());
    s.setString(at + 7, t.providerName());
    s.setString(at + 8, t.countryCode());
    s.setObject(at + 9, LocalDate.ofInstant(t.periodStart(), ZoneOffset.UTC).withDayOfMonth(1));
    s.setString(at + 10, sqlDateTime(t.periodStart()));
    s.setString(at + 11, sqlDateTime(t.periodEnd()));
    s.setLong(at + 12, t.inputTokens());
    s.setLong(at + 13, t.outputTokens());
    s.setBoolean(at + 14, t.estimated());
    s.setString(at + 15, t.reportKey());
  }

  /**
   * Tokens served to a tenant over a period, by API key, project, endpoint, model and provider.
   *
   * @param keyId null for what the appliances reported themselves
   * @param estimatedRequests requests whose counts Federa estimated
   */
  public record TokenTotal(
      Long keyId,
      Long projectId,
      long serviceId,
      String modelCode,
      String providerName,
      long requests,
      long inputTokens,
      long outputTokens,
      long estimatedRequests)
      implements java.io.Serializable {

    /** This total and another of the same key, project, endpoint, model and provider. */
    public TokenTotal plus(TokenTotal other) {
      return new TokenTotal(
          keyId,
          projectId,
          serviceId,
          modelCode,
          providerName,
          requests + other.requests,
          inputTokens + other.inputTokens,
          outputTokens + other.outputTokens,
          estimatedRequests + other.estimatedRequests);
    }
  }

  /** The interval of a resource still going on, as stored. */
  private record OpenInterval(
      long id,
      String state,
      long providerId,
      Instant startedAt,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      int publicIps) {}

  private OpenInterval openInterval(long orderId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT id, usage_state, started_at, vcpu, memory_mib, disk_gib, gpus,"
                        + " public_ips, provider_id FROM usage_interval WHERE order_id = ?1"
                        + " AND ended_at IS NULL FOR UPDATE")
                .setParameter(1, orderId))
        .map(
            x ->
                new OpenInterval(
                    x.lng(0),
                    x.str(1),
                    x.lng(8),
                    x.instant(2),
                    x.integer(3),
                    x.lng(4),
                    x.integer(5),
                    x.integer(6),
                    x.integer(7)))
        .orElse(null);
  }

  /** Ends an open interval at {@code at}, continuing it in closed rows for each later month. */
  private void close(long id, Instant started, Instant at) {
    List<BillingMonths.Piece> pieces = BillingMonths.split(started, at);
    Instant firstEnd = pieces.isEmpty() ? started : pieces.get(0).until();
    em.createNativeQuery("UPDATE usage_interval SET ended_at = ?1 WHERE id = ?2")
        .setParameter(1, firstEnd)
        .setParameter(2, id)
        .executeUpdate();
    for (BillingMonths.Piece piece : pieces.subList(Math.min(1, pieces.size()), pieces.size())) {
      copy(id, piece.month(), piece.from(), piece.until());
    }
  }

  /**
   * Continues interval {@code id} as a new row [from, until) of {@code month} (until null: open).
   */
  private void copy(long id, YearMonth month, Instant from, Instant until) {
    em.createNativeQuery(
            "INSERT IGNORE INTO usage_interval (tenant_id, project_id, order_id, volume_id,"
                + " snapshot_id, backup_id, resource_name, resource_kind, usage_state, provider_id,"
                + " provider_name, country_code, vcpu, memory_mib, disk_gib, gpus, gpu_model,"
                + " public_ips, month_start, started_at, ended_at, source) SELECT tenant_id,"
                + " project_id, order_id, volume_id, snapshot_id, backup_id, resource_name,"
                + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
                + " memory_mib, disk_gib, gpus, gpu_model, public_ips, ?1, ?2, ?3, source"
                + " FROM usage_interval WHERE id = ?4")
        .setParameter(1, month.atDay(1))
        .setParameter(2, from)
        .setParameter(3, until)
        .setParameter(4, id)
        .executeUpdate();
  }

  private int insert(Resource r, String state, Instant from, Instant until, String source) {
    return em.createNativeQuery(
            "INSERT IGNORE INTO usage_interval (tenant_id, project_id, order_id, resource_name,"
                + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
                + " memory_mib, disk_gib, gpus, gpu_model, month_start, started_at, ended_at,"
                + " source, public_ips) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                + " ?13, ?14, ?15, ?16, ?17, ?18, ?19)")
        .setParameter(1, r.tenantId())
        .setParameter(2, r.projectId())
        .setParameter(3, r.orderId())
        .setParameter(4, r.name())
        .setParameter(5, r.kind())
        .setParameter(6, state)
        .setParameter(7, r.providerId())
        .setParameter(8, r.providerName())
        .setParameter(9, r.countryCode())
        .setParameter(10, r.vcpu())
        .setParameter(11, r.memoryMib())
        .setParameter(12, r.diskGib())
        .setParameter(13, r.gpus())
        .setParameter(14, r.gpuModel())
        .setParameter(15, BillingMonths.of(from).atDay(1))
        .setParameter(16, from)
        .setParameter(17, until)
        .setParameter(18, source)
        .setParameter(19, r.publicIps())
        .executeUpdate();
  }
}
