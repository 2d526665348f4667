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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #19, "fast at scale" (bench/pages.sh; docs/performance.md, "Pages at scale"): one portal
 * node whose Acme gets the tenant size (1,000 VMs, 50 projects, 200 members, 100,000 usage
 * intervals over this month and the last, 20,000 audit events), written straight into the tables;
 * then Theo, Acme's admin, opens every page {@code BENCH_WARM_VIEWS} (20) times, the pages in turn,
 * to warm the node up (a run of fewer pages opens each more often, as many views in all), and then
 * {@code BENCH_VIEWS} (50) times, again in turn (so that a change of the machine's pace in the run
 * falls on every page alike): p50, p95 and the slowest, the page's size and its SQL statements per
 * view (from {@code federa_http_request_queries_total}). {@code BENCH_PAGES} names the pages to run
 * (comma-separated, without ".xhtml"; all when unset); {@code BENCH_PROFILE_VIEWS} (0) above zero
 * then opens each page that many times more under Flight Recorder and writes its hot methods to
 * target/bench-pages/&lt;page&gt;.hot.txt. A bare page (the signed-out page) is timed the same way.
 * The VMs are ended ones (a running VM the simulated providers do not know would be marked vanished
 * by the reconciler during the run). Output: target/bench-pages/result.txt.
 */
public final class PagesBench {

  private static final Pattern METRIC =
      Pattern.compile("^federa_http_request_queries_total\\{([^}]*)}\\s+(\\S+)$");

  private final int views = Bench.env("BENCH_VIEWS", 50);
  private final int warm = Bench.env("BENCH_WARM_VIEWS", 20);
  private final int profileViews = Bench.env("BENCH_PROFILE_VIEWS", 0);
  private final Set<String> chosen = Bench.names("BENCH_PAGES");
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
    List<String> all =
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
    List<String> pages =
        all.stream()
            .filter(p -> chosen.isEmpty() || chosen.contains(p.replaceAll("\\.xhtml.*", "")))
            .toList();
    if (pages.isEmpty()) {
      throw new StackException("BENCH_PAGES names none of the pages: " + chosen);
    }
    String metrics = "http://127.0.0.1:" + node.settings.managementPort() + "/metrics";
    // a run of a few pages warms the node up on as many views in all as a run of every page
    int warmRounds = Math.max(warm, warm * all.size() / pages.size());
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Pages at scale (%d views each, the pages in turn, after %d of each; Acme filled in"
                + " %.0f s):",
            views,
            warmRounds,
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
    Bench.step("warming up: " + warmRounds + " views of each page, in turn");
    for (int i = 0; i < warmRounds; i++) {
      for (String page : pages) {
        get(theo, page);
      }
    }
    Bench.step(views + " views of each page, in turn");
    Map<String, Double> before = new LinkedHashMap<>();
    for (String page : pages) {
      before.put(page, statements(metrics, route(page)));
    }
    Map<String, long[]> took = new LinkedHashMap<>();
    Map<String, Integer> bytes = new LinkedHashMap<>();
    for (String page : pages) {
      took.put(page, new long[views]);
    }
    for (int i = 0; i < views; i++) {
      for (String page : pages) {
        long t0 = System.nanoTime();
        bytes.put(page, get(theo, page));
        took.get(page)[i] = System.nanoTime() - t0;
      }
    }
    for (String page : pages) {
      double perView = (statements(metrics, route(page)) - before.get(page)) / views;
      long[] t = took.get(page);
      Arrays.sort(t);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-26s %8.1f %8.1f %8.1f %9.0f %11.1f",
              page.replaceAll("\\?.*", ""),
              t[views / 2] / 1e6,
              t[(int) Math.ceil(views * 0.95) - 1] / 1e6,
              t[views - 1] / 1e6,
              bytes.get(page) / 1024.0,
              perView));
    }
    if (profileViews > 0) {
      for (String page : pages) {
        Bench.step("Flight Recorder over " + profileViews + " views of " + page);
        String slug = route(page).substring(1).replace(".xhtml", "");
        Path jfr = Path.of("target/bench-pages", slug + ".jfr").toAbsolutePath();
        Bench.jcmd(node, "JFR.start", "name=pages", "settings=profile", "filename=" + jfr);
        for (int i = 0; i < profileViews; i++) {
          get(theo, page);
        }
        Bench.jcmd(node, "JFR.stop", "name=pages");
        Files.writeString(
            Path.of("target/bench-pages", slug + ".hot.txt"), HotMethods.of(jfr).report(page, 40));
      }
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
