package eu.federa.devstack;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issue #19, "under load" (bench/load.sh; docs/performance.md, "Pages under load"): one portal node
 * with the demo organisations and {@code BENCH_USERS} (50) members of Acme, each signed in, in one
 * of Acme's projects and with a VM ordered through the API (as many as Acme's quota takes); then
 * Debian's {@code wrk} holds one connection a user, each request as the next user, against a bare
 * Faces page of the same node, the dashboard, the catalog, the resources page and the orders API,
 * for {@code BENCH_SECONDS} (30) each after a warm-up of {@code BENCH_WARM_SECONDS} (60) each, in
 * {@code BENCH_ROUNDS} (3) rounds. A page meets the issue when it answers at least half the bare
 * page's requests per second of the same round with p99 ≤ 150 ms. With {@code BENCH_PROFILE=1} each
 * target is first run once more under Java Flight Recorder (not counted: the recorder slows the
 * node), {@code target/bench-load/<page>.jfr}, and its hot methods written beside the result
 * ({@link HotMethods}). {@code BENCH_PAGES} (e.g. "dashboard,catalog") runs only those targets
 * beside the bare page; "layout only" (the layout around one paragraph, a page only the bench's
 * copy of the WAR has: bench/load-probe) runs only when named. Exit status 0 when every page meets
 * the issue in every round. Output: target/bench-load/result.txt.
 */
public final class LoadBench {

  private static final double MIN_SHARE = 0.5;
  private static final double MAX_P99_MS = 150;

  private final int users = Bench.env("BENCH_USERS", 50);
  private final int seconds = Bench.env("BENCH_SECONDS", 30);
  private final int warmSeconds = Bench.env("BENCH_WARM_SECONDS", 60);
  private final int rounds = Bench.env("BENCH_ROUNDS", 3);
  private final boolean profile = Bench.env("BENCH_PROFILE", 0) == 1;
  private final int portBase = Bench.env("BENCH_PORT_BASE", 31080);
  private final int pairs = Bench.env("BENCH_PAIRS", 0);
  private final int pairSeconds = Bench.env("BENCH_PAIR_SECONDS", 10);

  /**
   * BENCH_THINK_MS (0): each user waits this long between an answer and their next request, so the
   * load is bounded (50 users waiting 200 ms send at most 250 requests a second) rather than as
   * much as the node answers; then only the p99 is judged, every page being sent about as much.
   */
  private final int thinkMs = Bench.env("BENCH_THINK_MS", 0);

  /**
   * The targets to run besides the bare page (BENCH_PAGES, comma-separated names; all when unset).
   */
  private final Set<String> pages = Bench.names("BENCH_PAGES");

  /** The target of the layout around one paragraph, run only when BENCH_PAGES names it. */
  private static final String LAYOUT_ONLY = "layout only";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public static void main(String[] args) throws Exception {
    LoadBench bench = new LoadBench();
    int misses;
    try {
      misses = bench.run();
    } finally {
      Bench.stopAll(bench.started);
    }
    System.exit(misses == 0 ? 0 : 1);
  }

  private int run() throws Exception {
    List<BenchRealm.User> members = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      String name = String.format(Locale.ROOT, "load%02d", u);
      members.add(new BenchRealm.User(name, name + "@acme-analytics.example"));
    }
    // BENCH_DB_URL_OPTIONS: the driver's options to try, as a URL's query (useServerPrepStmts=true)
    String dbOptions = System.getenv().getOrDefault("BENCH_DB_URL_OPTIONS", "");
    BenchNode node =
        BenchNode.start(
            "target/bench-load",
            portBase,
            started,
            members,
            f -> {},
            env -> {
              if (!dbOptions.isBlank()) {
                env.put("DB_URL", env.get("DB_URL") + "?" + dbOptions);
              }
            });
    started.push(node.wildfly);
    Path dir = Path.of("target/bench-load");
    String portal = node.settings.portalUrl() + "/";
    String password = node.secrets.get(Secrets.DEMO_PASSWORD);

    Bench.step("Signing in " + users + " members of Acme");
    List<PortalSession> sessions = new ArrayList<>();
    for (BenchRealm.User m : members) {
      PortalSession s = new PortalSession(portal, m.username(), password);
      s.tenantId(); // signs in; the e-mail domain's rule makes the user a member of Acme
      sessions.add(s);
    }
    long acme = sessions.get(0).tenantId();
    List<Long> projects = joinProjects(node, acme);

    Bench.step("A VM for each of them, through the orders API");
    String image = null;
    String size = null;
    for (JsonValue v : sessions.get(0).send("GET", "api/v1/catalog/images", null).array()) {
      JsonObject i = v.asJsonObject();
      if (image == null && "VM".equals(i.getString("purpose", "VM"))) {
        image = i.getString("code");
      }
    }
    int smallest = Integer.MAX_VALUE;
    for (JsonValue v : sessions.get(0).send("GET", "api/v1/catalog/sizes", null).array()) {
      JsonObject z = v.asJsonObject();
      if (z.getInt("gpus", 0) == 0 && z.getInt("vcpu") < smallest) {
        smallest = z.getInt("vcpu");
        size = z.getString("code");
      }
    }
    Map<Integer, Integer> refusals = new LinkedHashMap<>();
    for (int u = 0; u < sessions.size(); u++) {
      String body =
          Json.createObjectBuilder()
              .add("name", String.format(Locale.ROOT, "load-vm-%02d", u + 1))
              .add("imageCode", image)
              .add("sizeCode", size)
              .add("countries", Json.createArrayBuilder())
              .add("projectId", projects.get(u % projects.size()))
              .add("idempotencyKey", UUID.randomUUID().toString())
              .add("allowOtherProvider", true)
              .build()
              .toString();
      int status =
          sessions.get(u).send("POST", "api/v1/tenants/" + acme + "/orders", body).status();
      if (status != 201) {
        refusals.merge(status, 1, Integer::sum);
      }
    }
    int running = settle(sessions.get(0), acme);

    Path cookieFile = Wrk.cookies(sessions, dir.resolve("cookies.txt"));
    Path script = Wrk.sessionScript(dir, thinkMs);

    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("bare Faces page", "signed-out.xhtml");
    // the layout alone (bench/load-probe, in the bench's copy of the WAR): only when named
    targets.put(LAYOUT_ONLY, "probe-layout.xhtml");
    targets.put("dashboard", "dashboard.xhtml");
    targets.put("catalog", "catalog.xhtml");
    targets.put("resources", "resources.xhtml");
    targets.put("orders API", "api/v1/tenants/" + acme + "/orders");
    targets
        .keySet()
        .removeIf(
            k ->
                !k.equals("bare Faces page")
                    && (pages.isEmpty() ? k.equals(LAYOUT_ONLY) : !pages.contains(k)));
    for (Map.Entry<String, String> t : targets.entrySet()) {
      Bench.step("wrk warm-up: " + t.getKey() + ", " + warmSeconds + " s");
      Wrk.run(portal + t.getValue(), script, cookieFile, users, warmSeconds, dir);
    }

    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Pages under load (wrk, %d signed-in members of Acme, one connection each%s, %d s a"
                + " page; %d of their VMs running%s; %s web threads):",
            users,
            thinkMs > 0 ? ", each waiting " + thinkMs + " ms between requests" : "",
            seconds,
            running,
            refusals.isEmpty() ? "" : ", orders refused by status " + refusals,
            // WildFly is started with this process's environment: FEDERA_WEB_THREADS reaches it
            System.getenv().getOrDefault("FEDERA_WEB_THREADS", "32")));
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-7s %-16s %9s %8s %9s %9s %9s %8s  %s",
            "round",
            "page",
            "req/s",
            "of bare",
            "p50 ms",
            "p99 ms",
            "requests",
            "not 200",
            "issue's target"));
    if (profile) {
      for (Map.Entry<String, String> t : targets.entrySet()) {
        Bench.step("wrk under Flight Recorder: " + t.getKey() + ", " + seconds + " s");
        String slug = t.getValue().replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
        Path jfr = dir.resolve(slug + ".jfr").toAbsolutePath();
        Bench.jcmd(node, "JFR.start", "name=load", "settings=profile", "filename=" + jfr);
        Wrk.run(portal + t.getValue(), script, cookieFile, users, seconds, dir);
        Bench.jcmd(node, "JFR.stop", "name=load");
        Files.writeString(
            dir.resolve(slug + ".hot.txt"), HotMethods.of(jfr).report(t.getKey(), 30));
      }
    }
    int misses = 0;
    List<String> database = new ArrayList<>();
    List<String> cpu = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double bare = 0;
      double bareCpu = 0;
      for (Map.Entry<String, String> t : targets.entrySet()) {
        Bench.step("wrk round " + round + ": " + t.getKey() + ", " + seconds + " s");
        Map<String, Long> before = databaseCounters(node);
        CpuTime cpuBefore = CpuTime.now(node.wildfly.javaPid());
        Wrk.Result r = Wrk.run(portal + t.getValue(), script, cookieFile, users, seconds, dir);
        CpuTime used = CpuTime.now(node.wildfly.javaPid()).minus(cpuBefore);
        database.add(perRequest(round, t.getKey(), before, databaseCounters(node), r.requests()));
        boolean isBare = t.getValue().equals("signed-out.xhtml");
        if (isBare) {
          bare = r.requestsPerSecond();
          bareCpu = used.machineMs() / Math.max(1, r.requests());
        }
        cpu.add(used.perRequest(round, t.getKey(), r.requests(), bareCpu));
        double share = bare == 0 ? 0 : r.requestsPerSecond() / bare;
        // A bounded load sends every page about as much: only the p99 says anything then.
        boolean meets = isBare || ((thinkMs > 0 || share >= MIN_SHARE) && r.p99Ms() <= MAX_P99_MS);
        boolean sound = r.not200() == 0 && r.socketErrors().equals("none");
        if (!meets || !sound) {
          misses++;
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "  %-7d %-16s %9.1f %7.0f%% %9.1f %9.1f %9d %8d  %s",
                round,
                t.getKey(),
                r.requestsPerSecond(),
                share * 100,
                r.p50Ms(),
                r.p99Ms(),
                r.requests(),
                r.not200(),
                (isBare ? "-" : meets ? "met" : "MISSED")
                    + (sound ? "" : " (errors: " + r.socketErrors() + ")")));
      }
    }
    lines.add(
        thinkMs > 0
            ? String.format(
                Locale.ROOT,
                "Target at a bounded load: p99 ≤ %.0f ms (the share of the bare page's requests per"
                    + " second is read without a bound: BENCH_THINK_MS=0).",
                MAX_P99_MS)
            : String.format(
                Locale.ROOT,
                "Target: at least %.0f%% of the bare page's requests per second, p99 ≤ %.0f ms.",
                MIN_SHARE * 100,
                MAX_P99_MS));
    lines.add(
        "What each request cost the database (MariaDB's counters over the run, all clients, divided"
            + " by the run's requests):");
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-7s %-16s %9s %8s %8s %8s %8s",
            "round",
            "page",
            "commands",
            "selects",
            "commits",
            "set",
            "pings"));
    lines.addAll(database);
    lines.add(
        "What each request cost the processors (CPU time used during the run, from /proc, divided"
            + " by its requests; the machine's includes MariaDB, wrk and the background work;"
            + " steal: the share of time the virtual machine's processors waited for the host):");
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-7s %-16s %10s %11s %14s %7s",
            "round",
            "page",
            "WildFly ms",
            "machine ms",
            "x bare page's",
            "steal"));
    lines.addAll(cpu);
    if (pairs > 0) {
      lines.addAll(paired(node, targets, portal, script, cookieFile, dir));
    }
    Files.writeString(dir.resolve("result.txt"), String.join("\n", lines) + "\n");
    System.out.println();
    lines.forEach(System.out::println);
    return misses;
  }

  /**
   * Each page against the bare page in alternating short slices (bare, page, bare, page...): the
   * processors' speed drifts over minutes on this machine, so a page's multiple of the bare page is
   * read from slices next to each other in time rather than from runs minutes apart.
   */
  private List<String> paired(
      BenchNode node,
      Map<String, String> targets,
      String portal,
      Path script,
      Path cookieFile,
      Path dir)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Each page against the bare page in %d alternating pairs of %d s slices (machine ms a"
                + " request summed over the slices; the multiple from slices side by side; p99:"
                + " the median slice's and the worst slice's):",
            pairs,
            pairSeconds));
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-16s %11s %11s %14s %9s %9s %15s %15s",
            "page",
            "bare ms",
            "page ms",
            "x bare page's",
            "bare r/s",
            "page r/s",
            "bare p99 ms",
            "page p99 ms"));
    String bareUrl = portal + "signed-out.xhtml";
    for (Map.Entry<String, String> t : targets.entrySet()) {
      if (t.getValue().equals("signed-out.xhtml")) {
        continue;
      }
      double bareMs = 0;
      double pageMs = 0;
      long bareRequests = 0;
      long pageRequests = 0;
      List<Double> bareP99 = new ArrayList<>();
      List<Double> pageP99 = new ArrayList<>();
      Bench.step("paired slices: " + t.getKey() + " and the bare page, " + pairs + " pairs");
      for (int i = 0; i < pairs; i++) {
        CpuTime before = CpuTime.now(node.wildfly.javaPid());
        Wrk.Result b = Wrk.run(bareUrl, script, cookieFile, users, pairSeconds, dir);
        CpuTime middle = CpuTime.now(node.wildfly.javaPid());
        Wrk.Result p = Wrk.run(portal + t.getValue(), script, cookieFile, users, pairSeconds, dir);
        CpuTime after = CpuTime.now(node.wildfly.javaPid());
        bareMs += middle.minus(before).machineMs();
        pageMs += after.minus(middle).machineMs();
        bareRequests += b.requests();
        pageRequests += p.requests();
        bareP99.add(b.p99Ms());
        pageP99.add(p.p99Ms());
      }
      double bare = bareMs / Math.max(1, bareRequests);
      double page = pageMs / Math.max(1, pageRequests);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-16s %11.2f %11.2f %14.2f %9.1f %9.1f %15s %15s",
              t.getKey(),
              bare,
              page,
              bare == 0 ? 0 : page / bare,
              bareRequests / (double) (pairs * pairSeconds),
              pageRequests / (double) (pairs * pairSeconds),
              medianAndWorst(bareP99),
              medianAndWorst(pageP99)));
    }
    return lines;
  }

  /** "median / worst" of the slices' p99s (the lower middle one of an even number). */
  static String medianAndWorst(List<Double> p99s) {
    List<Double> sorted = new ArrayList<>(p99s);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        "%.0f / %.0f",
        sorted.get((sorted.size() - 1) / 2),
        sorted.get(sorted.size() - 1));
  }

  /** The counters of what MariaDB was asked (every client's), to divide by a run's requests. */
  private static final List<String> COUNTERS =
      List.of("Questions", "Com_select", "Com_commit", "Com_set_option", "Com_admin_commands");

  private static Map<String, Long> databaseCounters(BenchNode node) throws Exception {
    Map<String, Long> counters = new LinkedHashMap<>();
    try (Connection db =
            DriverManager.getConnection(node.jdbcUrl, EmbeddedMariaDb.USER, node.dbPassword);
        ResultSet r = db.createStatement().executeQuery("SHOW GLOBAL STATUS")) {
      while (r.next()) {
        if (COUNTERS.contains(r.getString(1))) {
          counters.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return counters;
  }

  private static String perRequest(
      int round, String page, Map<String, Long> before, Map<String, Long> after, long requests) {
    double[] each = new double[COUNTERS.size()];
    for (int i = 0; i < each.length; i++) {
      String c = COUNTERS.get(i);
      each[i] =
          requests == 0
              ? 0
              : (after.getOrDefault(c, 0L) - before.getOrDefault(c, 0L)) / (double) requests;
    }
    return String.format(
        Locale.ROOT,
        "  %-7d %-16s %9.1f %8.1f %8.1f %8.1f %8.1f",
        round,
        page,
        each[0],
        each[1],
        each[2],
        each[3],
        each[4]);
  }

  /**
   * Processor time used so far, in clock ticks of /proc (a hundredth of a second): the portal's
   * process (user and system) and the whole machine's (busy, and stolen by the host).
   */
  record CpuTime(long wildflyTicks, long machineBusyTicks, long machineStealTicks, long allTicks) {

    private static final double MS_PER_TICK = 10;

    static CpuTime now(long pid) throws IOException {
      String[] process = afterName(Files.readString(Path.of("/proc/" + pid + "/stat")));
      // after "pid (name) ": state is field 3, utime 14 and stime 15 of the whole line
      long wildfly = Long.parseLong(process[11]) + Long.parseLong(process[12]);
      String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long user = Long.parseLong(all[1]);
      long nice = Long.parseLong(all[2]);
      long system = Long.parseLong(all[3]);
      long idle = Long.parseLong(all[4]);
      long iowait = Long.parseLong(all[5]);
      long irq = Long.parseLong(all[6]);
      long softirq = Long.parseLong(all[7]);
      long steal = all.length > 8 ? Long.parseLong(all[8]) : 0;
      long busy = user + nice + system + irq + softirq;
      return new CpuTime(wildfly, busy, steal, busy + idle + iowait + steal);
    }

    /** The fields of a /proc/PID/stat line after the process's name (which may hold spaces). */
    static String[] afterName(String stat) {
      return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    CpuTime minus(CpuTime before) {
      return new CpuTime(
          wildflyTicks - before.wildflyTicks,
          machineBusyTicks - before.machineBusyTicks,
          machineStealTicks - before.machineStealTicks,
          allTicks - before.allTicks);
    }

    double machineMs() {
      return machineBusyTicks * MS_PER_TICK;
    }

    String perRequest(int round, String page, long requests, double bareMachineMsPerRequest) {
      double n = Math.max(1, requests);
      double machine = machineMs() / n;
      return String.format(
          Locale.ROOT,
          "  %-7d %-16s %10.2f %11.2f %14.2f %6.0f%%",
          round,
          page,
          wildflyTicks * MS_PER_TICK / n,
          machine,
          bareMachineMsPerRequest == 0 ? 0 : machine / bareMachineMsPerRequest,
          allTicks == 0 ? 0 : 100.0 * machineStealTicks / allTicks);
    }
  }

  /** Puts each load member in one of Acme's projects, in turn; returns the projects. */
  private List<Long> joinProjects(BenchNode node, long acme) throws Exception {
    List<Long> projects = new ArrayList<>();
    try (Connection db =
        DriverManager.getConnection(node.jdbcUrl, EmbeddedMariaDb.USER, node.dbPassword)) {
      try (PreparedStatement p =
          db.prepareStatement("SELECT id FROM project WHERE tenant_id = ? ORDER BY id")) {
        p.setLong(1, acme);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            projects.add(r.getLong(1));
          }
        }
      }
      if (projects.isEmpty()) {
        throw new StackException("Acme has no project");
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO project_member (membership_id, project_id) SELECT id, ? + 0 FROM"
                  + " tenant_membership WHERE tenant_id = ? AND user_subject = ?")) {
        try (PreparedStatement members =
            db.prepareStatement(
                "SELECT m.user_subject FROM tenant_membership m JOIN portal_user u ON u.subject ="
                    + " m.user_subject WHERE m.tenant_id = ? AND u.username LIKE 'load%'"
                    + " ORDER BY u.username")) {
          members.setLong(1, acme);
          try (ResultSet r = members.executeQuery()) {
            int k = 0;
            while (r.next()) {
              p.setLong(1, projects.get(k++ % projects.size()));
              p.setLong(2, acme);
              p.setString(3, r.getString(1));
              p.executeUpdate();
            }
          }
        }
      }
    }
    return projects;
  }

  /** Waits (up to three minutes) until no order of Acme is on its way; returns those running. */
  private static int settle(PortalSession s, long acme) {
    Set<String> moving = Set.of("RESERVED", "DEPLOYING", "STARTING");
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (true) {
      JsonArray orders = s.send("GET", "api/v1/tenants/" + acme + "/orders?max=100", null).array();
      int running = 0;
      int onTheWay = 0;
      for (JsonValue v : orders) {
        String state = v.asJsonObject().getString("state");
        running += "RUNNING".equals(state) ? 1 : 0;
        onTheWay += moving.contains(state) ? 1 : 0;
      }
      if (onTheWay == 0 || System.nanoTime() > deadline) {
        return running;
      }
      Bench.pause(2000);
    }
  }
}
