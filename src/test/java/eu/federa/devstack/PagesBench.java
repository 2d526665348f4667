package eu.federa.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #19, "fast at scale" (bench/pages.sh; docs/performance.md, "Pages at scale"): one portal
 * node whose Acme gets the tenant size (1,000 VMs, 50 projects, 200 members, 100,000 usage
 * intervals over this month and the last, 20,000 audit events), written straight into the tables;
 * then Theo, Acme's admin, opens each page {@code BENCH_VIEWS} (50) times one after the other after
 * 5 warm-up views: p50, p95 and the slowest, the page's size and its SQL statements per view (from
 * {@code federa_http_request_queries_total}). A bare page (the signed-out page) is timed the same
 * way. The VMs are ended ones (a running VM the simulated providers do not know would be marked
 * vanished by the reconciler during the run). Output: target/bench-pages/result.txt.
 */
public final class PagesBench {

  private static final Pattern METRIC =
      Pattern.compile("^federa_http_request_queries_total\\{([^}]*)}\\s+(\\S+)$");

  private final int views = Bench.env("BENCH_VIEWS", 50);
  private final int portBase = Bench.env("BENCH_PORT_BASE", 29080);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public static void main(String[] args) throws Exception {
    PagesBench bench = new PagesBench();
    try {
      bench.run();
    } finally {
      while (!bench.started.isEmpty()) {
        try {
          bench.started.pop().close();
        } catch (Exception e) {
          System.err.println("Could not stop: " + e);
        }
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    BenchNode node = BenchNode.start("target/bench-pages", portBase, started, f -> {}, env -> {});
    started.push(node.wildfly);
    String portal = node.settings.portalUrl() + "/";
    PortalSession theo = new PortalSession(portal, "theo", node.secrets.get(Secrets.DEMO_PASSWORD));
    long acme = theo.tenantId(); // signs in; Acme exists from here on
    Bench.step("Acme at the issue's size");
    long filling = System.nanoTime();
    long project;
    try (Connection db =
            DriverManager.getConnection(node.jdbcUrl, EmbeddedMariaDb.USER, node.dbPassword);
        Statement s = db.createStatement()) {
      project = fill(s, acme);
    }
    double fillSeconds = (System.nanoTime() - filling) / 1e9;
    List<String> pages =
        List.of(
            "signed-out.xhtml",
            "dashboard.xhtml",
            "catalog.xhtml",
            "resources.xhtml",
            "team.xhtml",
            "project.xhtml?id=" + project,
            "usage.xhtml",
            "billing.xhtml",
            "audit.xhtml",
            "ai.xhtml",
            "ai-keys.xhtml",
            "volumes.xhtml",
            "backups.xhtml",
            "firewall.xhtml",
            "sites.xhtml");
    String metrics = "http://127.0.0.1:" + node.settings.managementPort() + "/metrics";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Pages at scale (%d views each after 5, one after the other; Acme filled in %.0f s):",
            views,
            fillSeconds));
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-26s %8s %8s %8s %9s %11s",
            "page",
            "p50 ms",
            "p95 ms",
            "max ms",
            "KiB",
            "statements"));
    for (String page : pages) {
      Bench.step(page);
      for (int i = 0; i < 5; i++) {
        get(theo, page);
      }
      double before = statements(metrics, route(page));
      long[] took = new long[views];
      int bytes = 0;
      for (int i = 0; i < views; i++) {
        long t0 = System.nanoTime();
        bytes = get(theo, page);
        took[i] = System.nanoTime() - t0;
      }
      double perView = (statements(metrics, route(page)) - before) / views;
      Arrays.sort(took);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-26s %8.1f %8.1f %8.1f %9.0f %11.1f",
              page.replaceAll("\\?.*", ""),
              took[views / 2] / 1e6,
              took[(int) Math.ceil(views * 0.95) - 1] / 1e6,
              took[views - 1] / 1e6,
              bytes / 1024.0,
              perView));
    }
    Path out = Path.of("target/bench-pages/result.txt");
    Files.writeString(out, String.join("\n", lines) + "\n");
    System.out.println();
    lines.forEach(System.out::println);
  }

  /** The page's size in bytes; fails on anything but 200. */
  private static int get(PortalSession session, String page) {
    PortalSession.Answer a = session.send("GET", page, null);
    if (a.status() != 200) {
      throw new StackException(page + " answered " + a.status());
    }
    return a.body() == null ? 0 : a.body().length();
  }

  private static String route(String page) {
    return "/" + page.replaceAll("\\?.*", "");
  }

  private static double statements(String metrics, String route) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metrics)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double sum = 0;
    for (String line : body.split("\n")) {
      Matcher m = METRIC.matcher(line.trim());
      if (m.matches()
          && m.group(1).contains("route=\"" + route + "\"")
          && m.group(1).contains("method=\"GET\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  /**
   * 50 projects, 200 members (each in a project), 1,000 ended VMs, 100,000 usage intervals and
   * 20,000 audit events for Acme (the sequence engine's numbers are unsigned: cast before a date is
   * taken back by them).
   *
   * @return one of the new projects (with members)
   */
  private static long fill(Statement s, long acme) throws Exception {
    s.executeUpdate(
        "INSERT INTO project (tenant_id, name, description, created_at) SELECT "
            + acme
            + ", CONCAT('Scale project ', seq), 'bench', UTC_TIMESTAMP(6) FROM seq_1_to_50");
    long firstProject = single(s, "SELECT MIN(id) FROM project WHERE name LIKE 'Scale project %'");
    s.executeUpdate(
        "INSERT INTO portal_user (subject, username, email, display_name, first_sign_in_at,"
            + " last_sign_in_at) SELECT CONCAT('scale-', seq), CONCAT('scale', seq),"
            + " CONCAT('scale', seq, '@acme-analytics.example'), CONCAT('Scale member ', seq),"
            + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_200");
    s.executeUpdate(
        "INSERT INTO tenant_membership (tenant_id, user_subject, role, created_at) SELECT "
            + acme
            + ", CONCAT('scale-', seq), 'MEMBER', UTC_TIMESTAMP(6) FROM seq_1_to_200");
    s.executeUpdate(
        "INSERT INTO project_member (membership_id, project_id) SELECT m.id, "
            + firstProject
            + " + (m.id % 50) FROM tenant_membership m WHERE m.user_subject LIKE 'scale-%'");
    long provider = single(s, "SELECT MIN(id) FROM provider WHERE enabled");
    s.executeUpdate(
        "INSERT INTO vm_order (tenant_id, project_id, requested_by, idempotency_key, name,"
            + " image_code, size_code, vcpu, memory_mib, disk_gib, gpus, state, provider_id,"
            + " provider_name, country_code, created_at, updated_at) SELECT "
            + acme
            + ", "
            + firstProject
            + " + seq % 50, CONCAT('scale-', seq % 200), CONCAT('scale-', seq),"
            + " CONCAT('scale-vm-', seq), 'ubuntu-24.04', 's-2', 2, 4096, 40, 0, 'TERMINATED', p.id,"
            + " p.name, p.country_code, UTC_TIMESTAMP(6) - INTERVAL 60 DAY,"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(seq AS SIGNED) MINUTE FROM seq_1_to_1000 JOIN provider p ON p.id = "
            + provider);
    long firstOrder = single(s, "SELECT MIN(id) FROM vm_order WHERE name LIKE 'scale-vm-%'");
    s.executeUpdate(
        "INSERT INTO usage_interval (tenant_id, project_id, order_id, resource_name,"
            + " resource_kind, usage_state, provider_id, provider_name, country_code, vcpu,"
            + " memory_mib, disk_gib, gpus, month_start, started_at, ended_at, source)"
            + " SELECT o.tenant_id, o.project_id, o.id, o.name, 'VM', 'RUNNING', o.provider_id,"
            + " o.provider_name, o.country_code, 2, 4096, 40, 0,"
            + " DATE_FORMAT(UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 AS SIGNED) SECOND, '%Y-%m-01'),"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 AS SIGNED) SECOND,"
            + " UTC_TIMESTAMP(6) - INTERVAL CAST(i.seq * 45 - 30 AS SIGNED) SECOND, 'EVENT'"
            + " FROM seq_1_to_100000 i JOIN vm_order o ON o.id = "
            + firstOrder
            + " + i.seq % 1000");
    long lastEvent = single(s, "SELECT COALESCE(MAX(id), 0) FROM audit_event");
    // Rows of VALUES: MariaDB 11.4 wrote NULL into the first column from an INSERT ... SELECT into
    // the audit tables (those with triggers), whatever the SELECT.
    for (int first = 1; first <= 20_000; first += 1_000) {
      StringBuilder events =
          new StringBuilder(
              "INSERT INTO audit_event (occurred_at, tenant_id, action, outcome) VALUES ");
      for (int k = first; k < first + 1_000; k++) {
        events
            .append(k == first ? "" : ",")
            .append("(UTC_TIMESTAMP(6) - INTERVAL ")
            .append(k)
            .append(" MINUTE, ")
            .append(acme)
            .append(", 'ORDER_ACTION', 'SUCCESS')");
      }
      s.executeUpdate(events.toString());
    }
    List<Long> events = new ArrayList<>();
    try (ResultSet r =
        s.executeQuery(
            "SELECT id FROM audit_event WHERE id > " + lastEvent + " AND tenant_id = " + acme)) {
      while (r.next()) {
        events.add(r.getLong(1));
      }
    }
    for (int first = 0; first < events.size(); first += 1_000) {
      StringBuilder personal =
          new StringBuilder(
              "INSERT INTO audit_event_personal (event_id, actor_subject, actor_name, target,"
                  + " client_address, detail) VALUES ");
      for (int k = first; k < Math.min(events.size(), first + 1_000); k++) {
        personal
            .append(k == first ? "" : ",")
            .append("(")
            .append(events.get(k))
            .append(", 'scale-1', 'Scale member 1', 'order ")
            .append(events.get(k))
            .append("', '192.0.2.10', 'TERMINATING')");
      }
      s.executeUpdate(personal.toString());
    }
    return firstProject;
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
