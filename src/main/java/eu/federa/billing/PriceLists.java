package eu.federa.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of price lists with their GPU and model rates, for the price pages, estimates, the
 * catalog, what things cost so far and the month's rating: two statements whatever the number of
 * lists (the lists, then both kinds of rates of those lists in one).
 */
final class PriceLists {

  private PriceLists() {}

  /** Every list, by provider, each provider's oldest first. */
  static Map<Long, List<PriceList>> all(Connection c) throws SQLException {
    return byProvider(read(c, "", List.of(), ORDER, 0, Integer.MAX_VALUE, false));
  }

  /** Each provider's list in force at this instant. */
  static Map<Long, PriceList> inForce(Connection c, Instant at) throws SQLException {
    LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    Map<Long, PriceList> current = new HashMap<>();
    for (PriceList list :
        read(
            c,
            "WHERE p.valid_from <= ? AND (p.valid_until IS NULL OR p.valid_until > ?)",
            List.of(when, when),
            ORDER,
            0,
            Integer.MAX_VALUE,
            true)) {
      current.put(list.providerId(), list);
    }
    return current;
  }

  /**
   * The first instant after {@code at} when a list comes into force or ends: until then the lists
   * in force stay the same (null: no change planned).
   */
  static Instant nextChange(Connection c, Instant at, Collection<Long> providerIds)
      throws SQLException {
    if (providerIds.isEmpty()) {
      return null;
    }
    LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT MIN(CASE WHEN valid_from > ? THEN valid_from END),"
                + " MIN(CASE WHEN valid_until > ? THEN valid_until END)"
                + " FROM price_list WHERE provider_id IN ("
                + placeholders(providerIds.size())
                + ")")) {
      s.setObject(1, when);
      s.setObject(2, when);
      bind(s, List.copyOf(providerIds), 2);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        LocalDateTime starts = rs.getObject(1, LocalDateTime.class);
        LocalDateTime ends = rs.getObject(2, LocalDateTime.class);
        LocalDateTime next =
            starts == null || ends != null && ends.isBefore(starts) ? ends : starts;
        return next == null ? null : next.toInstant(ZoneOffset.UTC);
      }
    }
  }

  /** One provider's lists, oldest first. */
  static List<PriceList> ofProvider(Connection c, long providerId) throws SQLException {
    return read(
        c, "WHERE p.provider_id = ?", List.of(providerId), ORDER, 0, Integer.MAX_VALUE, true);
  }

  /** A page of one provider's lists, the latest first. */
  static List<PriceList> pageOf(Connection c, long providerId, int first, int max)
      throws SQLException {
    return read(
        c,
        "WHERE p.provider_id = ?",
        List.of(providerId),
        " ORDER BY p.valid_from DESC, p.id DESC",
        first,
        max,
        true);
  }

  private static final String ORDER = " ORDER BY p.provider_id, p.valid_from";

  /**
   * @param where a condition on {@code p}, with {@code ?} for each of {@code parameters}
   * @param onlyThese whether the rates are read for the lists found only (false: every rate, when
   *     every list is read)
   */
  private static List<PriceList> read(
      Connection c,
      String where,
      List<?> parameters,
      String order,
      int first,
      int max,
      boolean onlyThese)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
                "SELECT p.id, p.provider_id, p.valid_from, p.valid_until, p.eur_per_vcpu_hour,"
                    + " p.eur_per_gib_memory_hour, p.eur_per_gib_disk_month,"
                    + " p.eur_per_million_tokens_in, p.eur_per_million_tokens_out,"
                    + " p.eur_per_public_ip_hour FROM price_list p ")
            .append(where)
            .append(order);
    if (max < Integer.MAX_VALUE) {
      sql.append(" LIMIT ").append(Math.max(0, max)).append(" OFFSET ").append(Math.max(0, first));
    }
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      bind(s, parameters, 0);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          LocalDateTime until = rs.getObject(4, LocalDateTime.class);
          rows.add(
              new Object[] {
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                until == null ? null : until.toInstant(ZoneOffset.UTC),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getBigDecimal(7),
                rs.getBigDecimal(8),
                rs.getBigDecimal(9),
                rs.getBigDecimal(10)
              });
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
    Map<Long, Map<String, BigDecimal>> gpus = new HashMap<>();
    Map<Long, Map<String, PriceList.TokenRates>> models = new HashMap<>();
    String only = onlyThese ? " WHERE price_list_id IN (" + placeholders(ids.size()) + ")" : "";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT price_list_id, 'G', gpu_model, eur_per_gpu_hour, NULL FROM price_list_gpu"
                + only
                + " UNION ALL SELECT price_list_id, 'M', model_code, eur_per_million_tokens_in,"
                + " eur_per_million_tokens_out FROM price_list_model"
                + only)) {
      if (onlyThese) {
        bind(s, ids, bind(s, ids, 0));
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long list = rs.getLong(1);
          if ("G".equals(rs.getString(2))) {
            gpus.computeIfAbsent(list, k -> new HashMap<>())
                .put(rs.getString(3), rs.getBigDecimal(4));
          } else {
            models
                .computeIfAbsent(list, k -> new HashMap<>())
                .put(
                    rs.getString(3),
                    new PriceList.TokenRates(rs.getBigDecimal(4), rs.getBigDecimal(5)));
          }
        }
      }
    }
    List<PriceList> lists = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      long id = (Long) r[0];
      lists.add(
          new PriceList(
              id,
              (Long) r[1],
              (Instant) r[2],
              (Instant) r[3],
              (BigDecimal) r[4],
              (BigDecimal) r[5],
              (BigDecimal) r[6],
              (BigDecimal) r[7],
              (BigDecimal) r[8],
              gpus.getOrDefault(id, Map.of()),
              (BigDecimal) r[9],
              models.getOrDefault(id, Map.of())));
    }
    return Collections.unmodifiableList(lists);
  }

  private static Map<Long, List<PriceList>> byProvider(List<PriceList> lists) {
    Map<Long, List<PriceList>> byProvider = new LinkedHashMap<>();
    for (PriceList list : lists) {
      byProvider.computeIfAbsent(list.providerId(), k -> new ArrayList<>()).add(list);
    }
    return byProvider;
  }

  private static String placeholders(int n) {
    return "?,".repeat(n - 1) + "?";
  }

  /** Binds the values from parameter {@code after + 1} on; returns the last index bound. */
  private static int bind(PreparedStatement s, List<?> values, int after) throws SQLException {
    int i = after;
    for (Object v : values) {
      s.setObject(++i, v);
    }
    return i;
  }
}
