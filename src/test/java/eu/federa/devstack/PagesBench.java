package eu.federa.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
      Bench.stopAll(bench.started);
    }
    System.exit(0);
  }

  private void run() throws Exception {
    BenchNode node =
        BenchNode.start("target/bench-pages", portBase, started, List.of(), f -> {}, env -> {});
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
      project = ScaleTenant.fill(s, acme);
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
}
