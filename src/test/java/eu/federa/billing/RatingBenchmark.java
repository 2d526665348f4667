package eu.federa.billing;

import eu.federa.devstack.EmbeddedMariaDb;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;

/**
 * Rates 1,000,000 usage records of 1,000 tenants at 20 providers into a month's invoices, on an
 * embedded MariaDB with Federa's schema, and compares it with one SQL aggregate over the same rows
 * (docs/performance.md, "Rating"). Run by {@code bench/rating.sh}; not part of the test suite.
 *
 * <p>Arguments: records (default 1,000,000), tenants (1,000), repetitions (3).
 */
public final class RatingBenchmark {

  private static final YearMonth MONTH = YearMonth.of(2026, 10);
  private static final int PROVIDERS = 20;

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int tokenRecords = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    try (EmbeddedMariaDb db =
        EmbeddedMariaDb.start(Path.of("target/bench-rating/mariadb"), 0, "bench-secret", true)) {
      Flyway.configure()
          .dataSource(db.jdbcUrl(), EmbeddedMariaDb.USER, db.password())
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection c =
          DriverManager.getConnection(db.jdbcUrl(), EmbeddedMariaDb.USER, db.password())) {
        long t0 = System.nanoTime();
        fill(c, records, tenants);
        System.out.printf(
            "filled %,d records of %,d tenants in %.1f s%n", records, tenants, secs(t0));
        long t1 = System.nanoTime();
        fillTokens(c, tokenRecords, tenants);
        System.out.printf(
            "filled %,d token records (one per gateway request) in %.1f s%n",
            tokenRecords, secs(t1));
        List<Double> aggregate = new ArrayList<>();
        List<Double> simple = new ArrayList<>();
        List<Double> rating = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
          long a = System.nanoTime();
          long groups = aggregate(c);
          aggregate.add(secs(a));
          System.out.printf("SQL aggregate: %d groups in %.2f s%n", groups, aggregate.get(i));
          long b = System.nanoTime();
          long tenantsSummed = simpleAggregate(c);
          simple.add(secs(b));
          System.out.printf(
              "simple SQL aggregate: %d tenants in %.2f s%n", tenantsSummed, simple.get(i));
          c.setAutoCommit(false);
          long r = System.nanoTime();
          RatingRun.Result result =
              new RatingRun(c, MONTH, "FR", Instant.parse("2026-11-02T00:00:00Z"))
                  .run(null, done -> {});
          c.commit();
          c.setAutoCommit(true);
          rating.add(secs(r));
          System.out.printf(
              "rating: %d invoices from %,d records in %.2f s (%d problems)%n",
              result.invoices(), result.records(), rating.get(i), result.problems().size());
        }
        double bestAggregate = aggregate.stream().mapToDouble(d -> d).min().orElseThrow();
        double bestSimple = simple.stream().mapToDouble(d -> d).min().orElseThrow();
        double bestRating = rating.stream().mapToDouble(d -> d).min().orElseThrow();
        System.out.printf(
            "%nbest of %d: rating %.2f s; SQL aggregate %.2f s (ratio %.2f);"
                + " simple SQL aggregate %.2f s (ratio %.2f)%n",
            repetitions,
            bestRating,
            bestAggregate,
            bestRating / bestAggregate,
            bestSimple,
            bestRating / bestSimple);
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT COUNT(*), SUM(gross_eur), COUNT(DISTINCT tenant_id) FROM invoice")) {
          rs.next();
          System.out.printf(
              "invoices: %d for %d tenants, EUR %s in all%n",
              rs.getLong(1), rs.getLong(3), rs.getBigDecimal(2));
        }
      }
    }
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** What rating has to read, summed by SQL: unit-seconds per tenant, provider and state. */
  private static long aggregate(Connection c) throws SQLException {
    long groups = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT tenant_id, provider_id, usage_state, gpu_model,"
                + " SUM(TIMESTAMPDIFF(SECOND, started_at, ended_at) * vcpu),"
                + " SUM(TIMESTAMPDIFF(SECOND, started_at, ended_at) * memory_mib),"
                + " SUM(TIMESTAMPDIFF(SECOND, started_at, ended_at) * disk_gib),"
                + " SUM(TIMESTAMPDIFF(SECOND, started_at, ended_at) * gpus)"
                + " FROM usage_interval WHERE month_start = ?"
                + " GROUP BY tenant_id, provider_id, usage_state, gpu_model")) {
      s.setObject(1, MONTH.atDay(1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          groups++;
        }
      }
    }
    return groups;
  }

  /** The least an aggregate can do over the rows: vCPU-seconds per tenant. */
  private static long simpleAggregate(Connection c) throws SQLException {
    long groups = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT tenant_id, SUM(TIMESTAMPDIFF(SECOND, started_at, ended_at) * vcpu)"
                + " FROM usage_interval WHERE month_start = ? GROUP BY tenant_id")) {
      s.setObject(1, MONTH.atDay(1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          groups++;
        }
      }
    }
    return groups;
  }

  private static void fill(Connection c, int records, int tenants) throws SQLException {
    Random random = new Random(42);
    LocalDateTime now = LocalDateTime.of(2026, 1, 1, 0, 0);
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO provider (name, legal_entity, country_code, city, latitude, longitude,"
                + " jurisdiction, certifications, endpoint_url, api_username, api_secret, enabled,"
                + " edge_site, created_at) VALUES (?, ?, ?, 'City', 48.8, 2.3, 'EU', '', ?, 'u',"
                + " 's', TRUE, FALSE, ?)")) {
      String[] countries = {"FR", "DE", "PL", "NL", "IT"};
      for (int i = 1; i <= PROVIDERS; i++) {
        p.setString(1, "Provider " + i);
        p.setString(2, "Provider " + i + " SA");
        p.setString(3, countries[i % countries.length]);
        p.setString(4, "http://127.0.0.1:1/" + i);
        p.setObject(5, now);
        p.addBatch();
      }
      p.executeBatch();
    }
    // Half the providers change their prices on 16 October: intervals across it are cut.
    try (PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO price_list (provider_id, valid_from, valid_until, eur_per_vcpu_hour,"
                    + " eur_per_gib_memory_hour, eur_per_gib_disk_month,"
                    + " eur_per_million_tokens_in, eur_per_million_tokens_out, created_by,"
                    + " created_at) VALUES (?, ?, ?, ?, 0.0028, 0.045, 0.40, 1.20, 'bench', ?)",
                Statement.RETURN_GENERATED_KEYS);
        PreparedStatement g =
            c.prepareStatement(
                "INSERT INTO price_list_gpu (price_list_id, gpu_model, eur_per_gpu_hour)"
                    + " VALUES (?, 'H100', 2.90), (?, 'L40S', 0.95)");
        PreparedStatement m =
            c.prepareStatement(
                "INSERT INTO price_list_model (price_list_id, model_code,"
                    + " eur_per_million_tokens_in, eur_per_million_tokens_out)"
                    + " VALUES (?, 'mistral-7b-instruct', 0.15, 0.45)")) {
      for (int i = 1; i <= PROVIDERS; i++) {
        LocalDateTime change = LocalDateTime.of(2026, 10, 16, 0, 0);
        boolean changes = i % 2 == 0;
        insertList(p, g, m, i, now, changes ? change : null, "0.021");
        if (changes) {
          insertList(p, g, m, i, change, null, "0.023");
        }
      }
    }
    try (PreparedStatement t =
        c.prepareStatement(
            "INSERT INTO tenant (name, country_code, vat_id, billing_email, residency_countries,"
                + " created_at) VALUES (?, ?, ?, ?, 'EU', ?)")) {
      String[] countries = {"FR", "DE", "AT", "CH", "ES"};
      for (int i = 1; i <= tenants; i++) {
        t.setString(1, "Tenant " + i);
        t.setString(2, countries[i % countries.length]);
        t.setString(3, "XX" + String.format("%09d", i));
        t.setString(4, "billing@t" + i + ".example");
        t.setObject(5, now);
        t.addBatch();
      }
      t.executeBatch();
    }
    long monthSeconds = BillingMonths.seconds(MONTH);
    LocalDateTime monthStart = MONTH.atDay(1).atStartOfDay();
    c.setAutoCommit(false);
    try (PreparedStatement u =
        c.prepareStatement(
            "INSERT INTO usage_interval (tenant_id, project_id, order_id, resource_name,"
                + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
                + " memory_mib, disk_gib, gpus, gpu_model, month_start, started_at, ended_at,"
                + " source) VALUES (?, NULL, ?, 'vm', 'VM', ?, ?, ?, 'FR', ?, ?, ?, ?, ?, ?, ?, ?,"
                + " 'EVENT')")) {
      int[] vcpus = {1, 2, 4, 8, 16};
      for (int i = 0; i < records; i++) {
        int tenant = 1 + (i % tenants);
        int provider = 1 + random.nextInt(PROVIDERS);
        int size = random.nextInt(vcpus.length);
        boolean gpu = random.nextInt(20) == 0;
        long start = (long) (random.nextDouble() * (monthSeconds - 3600));
        long length =
            60 + (long) (random.nextDouble() * Math.min(monthSeconds - start - 60, 72 * 3600));
        u.setLong(1, tenant);
        u.setLong(2, i + 1L);
        u.setString(3, random.nextInt(5) == 0 ? "POWEROFF" : "RUNNING");
        u.setLong(4, provider);
        u.setString(5, "Provider " + provider);
        u.setInt(6, vcpus[size]);
        u.setLong(7, vcpus[size] * 4096L);
        u.setInt(8, 20 * vcpus[size]);
        u.setInt(9, gpu ? 1 : 0);
        u.setString(10, gpu ? (random.nextBoolean() ? "H100" : "L40S") : null);
        u.setObject(11, MONTH.atDay(1));
        u.setObject(12, monthStart.plusSeconds(start));
        u.setObject(13, monthStart.plusSeconds(start + length));
        u.addBatch();
        if (i % 10_000 == 9_999) {
          u.executeBatch();
          c.commit();
        }
      }
      u.executeBatch();
      c.commit();
    }
    c.setAutoCommit(true);
  }

  /**
   * Token records as the AI gateway writes them, one per request: spread over the tenants, the
   * providers, four models and each tenant's API keys, across the month (and the price change).
   */
  private static void fillTokens(Connection c, int records, int tenants) throws SQLException {
    Random random = new Random(7);
    String[] models = {
      "mistral-7b-instruct",
      "llama-3.1-8b-instruct",
      "mixtral-8x7b-instruct",
      "qwen2.5-72b-instruct"
    };
    long monthSeconds = BillingMonths.seconds(MONTH);
    LocalDateTime monthStart = MONTH.atDay(1).atStartOfDay();
    c.setAutoCommit(false);
    try (PreparedStatement t =
        c.prepareStatement(
            "INSERT INTO token_usage (tenant_id, project_id, service_id, key_id, model_code,"
                + " provider_id, provider_name, country_code, month_start, period_start,"
                + " period_end, input_tokens, output_tokens, estimated, report_key)"
                + " VALUES (?, NULL, ?, NULL, ?, ?, ?, 'FR', ?, ?, ?, ?, ?, FALSE, ?)")) {
      for (int i = 0; i < records; i++) {
        int tenant = 1 + (i % tenants);
        int provider = 1 + random.nextInt(PROVIDERS);
        long at = (long) (random.nextDouble() * (monthSeconds - 60));
        t.setLong(1, tenant);
        t.setLong(2, 1 + (i % 3));
        t.setString(3, models[random.nextInt(models.length)]);
        t.setLong(4, provider);
        t.setString(5, "Provider " + provider);
        t.setObject(6, MONTH.atDay(1));
        t.setObject(7, monthStart.plusSeconds(at));
        t.setObject(8, monthStart.plusSeconds(at + 1 + random.nextInt(20)));
        t.setLong(9, 20 + random.nextInt(2000));
        t.setLong(10, 1 + random.nextInt(800));
        t.setString(11, "bench-" + i);
        t.addBatch();
        if (i % 10_000 == 9_999) {
          t.executeBatch();
          c.commit();
        }
      }
      t.executeBatch();
      c.commit();
    }
    c.setAutoCommit(true);
  }

  private static void insertList(
      PreparedStatement p,
      PreparedStatement g,
      PreparedStatement m,
      int provider,
      LocalDateTime from,
      LocalDateTime until,
      String vcpu)
      throws SQLException {
    p.setLong(1, provider);
    p.setObject(2, from);
    p.setObject(3, until);
    p.setBigDecimal(4, new BigDecimal(vcpu));
    p.setObject(5, from);
    p.executeUpdate();
    try (ResultSet keys = p.getGeneratedKeys()) {
      keys.next();
      g.setLong(1, keys.getLong(1));
      g.setLong(2, keys.getLong(1));
      g.executeUpdate();
      m.setLong(1, keys.getLong(1));
      m.executeUpdate();
    }
  }

  static Instant utc(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC);
  }
}
