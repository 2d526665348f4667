package eu.federa.devstack;

import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The two-node proof of issue #14 ({@code bench/two-nodes.sh}): two WildFly nodes with the same WAR
 * on one MariaDB, the demo federation's six simulated providers with faults (slow calls, refused
 * calls, a provider down and up again), client threads on each node ordering, resizing, acting on,
 * approving and terminating VMs for many tenants through the REST API, and one node killed with
 * {@code kill -9} every minute and started again. At the end, with the faults cleared and the nodes
 * left to settle, it checks the invariants and prints what it counted: no quota above a limit, no
 * duplicate VM at any provider, no orphan after the reconciler's pass, no open usage interval of an
 * ended order, every order final or resumable.
 *
 * <p>Settings (environment): BENCH_MINUTES (5), BENCH_THREADS per node (8), BENCH_TENANTS (20),
 * BENCH_KILL_SECONDS (60), BENCH_PORT_BASE (18080: nodes on it and the next, Keycloak on +100,
 * management on +1910, cluster on +1500 and +1510, simulators on +9350). Everything runs on
 * 127.0.0.1 and stops at the end.
 */
public final class TwoNodeBench {

  private final int minutes = Bench.env("BENCH_MINUTES", 5);
  private final int threadsPerNode = Bench.env("BENCH_THREADS", 8);
  private final int tenants = Bench.env("BENCH_TENANTS", 20);
  private final int killSeconds = Bench.env("BENCH_KILL_SECONDS", 60);
  private final int portBase = Bench.env("BENCH_PORT_BASE", 18080);

  /** {@code galera}: three MariaDB Galera nodes behind HAProxy instead of one MariaDB. */
  private final boolean galera = "galera".equalsIgnoreCase(System.getenv("BENCH_DATABASE"));

  private GaleraCluster cluster;

  /**
   * {@code balancer}: instead of the load with faults, pages through HAProxy with both nodes behind
   * it and with one, measured with wrk (docs/performance.md, "Balancer").
   */
  private final boolean balancerOnly = "balancer".equalsIgnoreCase(System.getenv("BENCH_SCENARIO"));

  private final int balancerPort = portBase + 1800;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Node> nodes = new ArrayList<>();
  private String password;
  private String jdbcUrl;
  private String dbPassword;
  private DemoFederation federation;
  private String simPassword;

  /** One WildFly node: its settings, the server while it runs, and whether it is up. */
  private static final class Node {
    final String name;
    final StackSettings settings;
    final List<String> cluster;
    volatile WildFlyServer server;
    volatile boolean up;

    Node(String name, StackSettings settings, List<String> cluster) {
      this.name = name;
      this.settings = settings;
      this.cluster = cluster;
    }

    String base() {
      return settings.portalUrl() + "/";
    }
  }

  public static void main(String[] args) throws Exception {
    TwoNodeBench bench = new TwoNodeBench();
    Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "bench-stop"));
    int violations;
    try {
      violations = bench.run();
    } finally {
      bench.stopAll();
    }
    System.exit(violations == 0 ? 0 : 1);
  }

  private int run() throws Exception {
    StackSettings base = StackSettings.fromEnvironment("target/bench-two-nodes");
    Path work = base.workDir();
    Folders.deleteRecursively(work);
    Files.createDirectories(work);
    Secrets secrets = Secrets.loadOrCreate(work.resolve("secrets.properties"));
    password = secrets.get(Secrets.DEMO_PASSWORD);
    simPassword = secrets.get(Secrets.SIMULATOR_PASSWORD);
    StackSettings a = settings(base, work.resolve("node-a"), portBase, portBase + 1910);
    StackSettings b = settings(base, work.resolve("node-b"), portBase + 1, portBase + 1911);

    if (galera) {
      Bench.step("MariaDB Galera: three nodes behind HAProxy (one writer) on " + (portBase + 2000));
      cluster =
          GaleraCluster.start(
              work.resolve("galera"), portBase + 2000, secrets.get(Secrets.DATABASE_PASSWORD));
      started.push(cluster);
      // A read waits until its node applied what the cluster committed before it (a node that
      // just became the writer may still be applying the last writes of the one before).
      jdbcUrl = cluster.jdbcUrl() + "?sessionVariables=wsrep_sync_wait=1";
      dbPassword = cluster.password();
    } else {
      Bench.step("MariaDB");
      EmbeddedMariaDb db =
          EmbeddedMariaDb.start(
              work.resolve("mariadb/data"), 0, secrets.get(Secrets.DATABASE_PASSWORD), true);
      started.push(db);
      jdbcUrl = db.jdbcUrl();
      dbPassword = db.password();
    }

    Bench.step("Keycloak with " + tenants + " bench organisations' users");
    List<BenchRealm.User> users = new ArrayList<>();
    for (int t = 1; t <= tenants; t++) {
      users.add(new BenchRealm.User("bench" + two(t) + "a", "a@bench" + two(t) + "-admin.example"));
      users.add(new BenchRealm.User("bench" + two(t) + "m", "m@bench" + two(t) + ".example"));
    }
    Path realms =
        BenchRealm.write(
            base.realmDir(),
            work.resolve("realms"),
            List.of(
                a.portalUrl() + "/*",
                b.portalUrl() + "/*",
                "http://127.0.0.1:" + balancerPort + "/federa/*",
                "http://127.0.0.1:" + (balancerPort + 1) + "/federa/*"),
            users);
    StackSettings keycloak = withRealms(a, realms);
    started.push(KeycloakServer.start(keycloak, secrets));

    Bench.step("The demo federation (6 simulated providers)");
    federation = DemoFederation.start(portBase + 9350, simPassword);
    started.push(federation);
    Map<String, String> env = Bench.portalEnv(jdbcUrl, dbPassword, secrets, keycloak.providerUrl());
    env.put("FEDERA_ORPHAN_GRACE_SECONDS", "30");
    env.put(
        "FEDERA_DEMO_FEDERATION",
        federation.writeImportFile(work.resolve("federation.json"), simPassword).toString());
    env.put("FEDERA_DEMO_TENANTS", benchTenants(work.resolve("tenants.json")).toString());

    // One cluster: sessions are kept by both nodes (cluster ports on +1500 and +1510).
    List<Integer> clusterPorts = List.of(portBase + 1500, portBase + 1510);
    nodes.add(
        new Node(
            "node-a",
            a,
            WildFlyServer.clusterArguments(
                "federa-bench", "node-a", clusterPorts.get(0), clusterPorts)));
    nodes.add(
        new Node(
            "node-b",
            b,
            WildFlyServer.clusterArguments(
                "federa-bench", "node-b", clusterPorts.get(1), clusterPorts)));
    for (Node node : nodes) {
      Bench.step("WildFly " + node.name + " on " + node.base());
      node.server = WildFlyServer.start(node.settings, env, node.cluster);
      node.up = true;
    }

    if (balancerOnly) {
      return balancer();
    }

    Bench.step("Signing in the bench users and setting approval thresholds");
    List<Worker> workers = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      for (int t = 0; t < threadsPerNode; t++) {
        workers.add(new Worker(nodes.get(n), n * threadsPerNode + t, new Random(31L * n + t)));
      }
    }
    for (int t = 1; t <= tenants; t++) {
      PortalSession admin =
          new PortalSession(nodes.get(0).base(), "bench" + two(t) + "a", password);
      long tenantId = admin.tenantId();
      // Members' orders above 60 EUR a month wait for the tenant's admin.
      admin.send(
          "PUT", "api/v1/tenants/" + tenantId + "/approval-threshold", "{\"eurPerMonth\":60}");
    }

    Bench.step(
        "Load: "
            + minutes
            + " min, "
            + threadsPerNode
            + " threads per node, a node killed every "
            + killSeconds
            + " s, provider faults");
    List<Thread> threads = new ArrayList<>();
    for (Worker w : workers) {
      Thread thread = new Thread(w, "bench-" + w.id);
      thread.start();
      threads.add(thread);
    }
    Thread chaos = new Thread(() -> chaos(env), "bench-chaos");
    chaos.start();
    Thread.sleep(Duration.ofMinutes(minutes).toMillis());
    running.set(false);
    chaos.join();
    for (Thread t : threads) {
      t.join(60_000);
    }

    Bench.step(
        "Settling: faults cleared, both nodes up, waiting for the saga and a reconciler pass");
    for (OpenNebulaSimulator sim : federation.simulators()) {
      sim.faults().clear();
      sim.up();
    }
    for (Node node : nodes) {
      if (!node.up) {
        node.server = WildFlyServer.start(node.settings, env, node.cluster);
        node.up = true;
      }
    }
    settle();
    return check();
  }

  // ---------------------------------------------------------------- balancer

  /**
   * Signs in every bench user through a balancer in front of both nodes, then has wrk ask for the
   * dashboard and the catalog with their sessions (one connection per user, each request as the
   * next user): through that balancer, then through one in front of node-a alone (the cluster keeps
   * every session on both nodes, so the same sessions serve there). Prints requests per second and
   * the 50th and 99th percentile of each, and the answers other than 200.
   */
  private int balancer() throws Exception {
    Path dir = nodes.get(0).settings.workDir().getParent().resolve("balancer");
    List<LoadBalancer.Backend> both = new ArrayList<>();
    for (Node node : nodes) {
      both.add(
          new LoadBalancer.Backend(
              node.name, node.settings.httpPort(), node.settings.managementPort()));
    }
    LoadBalancer two = LoadBalancer.start(dir.resolve("two"), balancerPort, both);
    started.push(two);
    LoadBalancer one = LoadBalancer.start(dir.resolve("one"), balancerPort + 1, both.subList(0, 1));
    started.push(one);
    int users = Bench.env("BENCH_USERS", 50);
    int seconds = Bench.env("BENCH_SECONDS", 30);
    Bench.step("Signing in " + users + " users through the balancer");
    List<PortalSession> sessions = new ArrayList<>();
    for (int u = 0; sessions.size() < users; u++) {
      int t = 1 + u / 2;
      if (t > tenants) {
        throw new StackException(
            "BENCH_TENANTS=" + tenants + " gives fewer than " + users + " users");
      }
      PortalSession s =
          new PortalSession(
              two.url() + "/federa/", "bench" + two(t) + (u % 2 == 0 ? "a" : "m"), password);
      s.tenantId(); // signs in
      sessions.add(s);
    }
    Path cookieFile = Wrk.cookies(sessions, dir.resolve("cookies.txt"));
    Path script = Wrk.sessionScript(dir);
    // Both nodes warm first (every page through both balancers), then two rounds, each one the
    // two set-ups one after the other: an order effect shows as a difference between rounds.
    for (String page : List.of("dashboard.xhtml", "catalog.xhtml")) {
      for (LoadBalancer lb : List.of(two, one)) {
        Bench.step("wrk warm-up: " + page + " through " + lb.url() + ", 20 s");
        Wrk.run(lb.url() + "/federa/" + page, script, cookieFile, users, 20, dir);
      }
    }
    List<String> results = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      for (String page : List.of("dashboard.xhtml", "catalog.xhtml")) {
        for (LoadBalancer lb : List.of(two, one)) {
          String label = "round " + round + " " + (lb == two ? "2 nodes" : "1 node ") + " " + page;
          Bench.step("wrk: " + label + ", " + users + " users, " + seconds + " s");
          Wrk.Result out =
              Wrk.run(lb.url() + "/federa/" + page, script, cookieFile, users, seconds, dir);
          results.add(String.format("%-34s %s", label, out.summary()));
        }
      }
    }
    System.out.println();
    System.out.println("Balancer (wrk, " + users + " signed-in users, " + seconds + " s each):");
    results.forEach(r -> System.out.println("  " + r));
    return 0;
  }

  // ---------------------------------------------------------------- load

  /** A client thread: its node, and a session per bench user it acts as (signed in lazily). */
  private final class Worker implements Runnable {
    final Node node;
    final int id;
    final Random random;
    final Map<String, PortalSession> sessions = new HashMap<>();

    Worker(Node node, int id, Random random) {
      this.node = node;
      this.id = id;
      this.random = random;
    }

    @Override
    public void run() {
      while (running.get()) {
        int t = 1 + random.nextInt(tenants);
        boolean admin = random.nextInt(3) == 0;
        String user = "bench" + two(t) + (admin ? "a" : "m");
        try {
          PortalSession s =
              sessions.computeIfAbsent(user, u -> new PortalSession(node.base(), u, password));
          act(s, admin);
        } catch (PortalSession.Unavailable e) {
          count("node unavailable");
          Bench.pause(1000);
        } catch (RuntimeException e) {
          String why = String.valueOf(e.getMessage()).replaceAll("\\d+", "N");
          count(
              "client error "
                  + e.getClass().getSimpleName()
                  + ": "
                  + why.substring(0, Math.min(50, why.length())));
          Bench.pause(500);
        }
      }
    }

    private void act(PortalSession s, boolean admin) {
      long tenantId = s.tenantId();
      String tenant = "api/v1/tenants/" + tenantId;
      int dice = random.nextInt(100);
      if (dice < 35) {
        Catalog c = catalog(s);
        String body =
            Json.createObjectBuilder()
                .add("name", "b" + id + "-" + Long.toString(System.nanoTime() % 1_000_000, 36))
                .add("imageCode", c.images.get(random.nextInt(c.images.size())))
                .add("sizeCode", c.sizes.get(random.nextInt(c.sizes.size())))
                .add("countries", Json.createArrayBuilder())
                .add("idempotencyKey", UUID.randomUUID().toString())
                .add("allowOtherProvider", random.nextBoolean())
                .build()
                .toString();
        record("order", s.send("POST", tenant + "/orders", body));
        return;
      }
      if (dice < 45 && admin) {
        PortalSession.Answer waiting = s.send("GET", tenant + "/approvals", null);
        JsonArray list = waiting.array();
        if (list != null && !list.isEmpty()) {
          long order = list.getJsonObject(0).getJsonNumber("id").longValue();
          String decision = random.nextInt(4) == 0 ? "reject" : "approve";
          record(decision, s.send("POST", tenant + "/approvals/" + order + "/" + decision, null));
        }
        return;
      }
      PortalSession.Answer listed = s.send("GET", tenant + "/orders?max=100", null);
      JsonArray orders = listed.array();
      if (orders == null || orders.isEmpty()) {
        return;
      }
      JsonObject o = orders.getJsonObject(random.nextInt(orders.size()));
      long id = o.getJsonNumber("id").longValue();
      String state = o.getString("state");
      if (dice < 60 && o.getBoolean("canTerminate") && random.nextInt(3) == 0) {
        record("terminate", s.send("POST", tenant + "/orders/" + id + "/terminate", null));
      } else if (dice < 75 && "STOPPED".equals(state)) {
        String body =
            "{\"vcpu\":"
                + (1 + random.nextInt(4))
                + ",\"memoryMib\":"
                + (1024 * (1 + random.nextInt(8)))
                + "}";
        record("resize", s.send("POST", tenant + "/orders/" + id + "/resize", body));
      } else if (o.getBoolean("canStop")) {
        record("stop", s.send("POST", tenant + "/orders/" + id + "/stop", null));
      } else if (o.getBoolean("canStart")) {
        record("start", s.send("POST", tenant + "/orders/" + id + "/start", null));
      } else if (o.getBoolean("canReboot")) {
        record("reboot", s.send("POST", tenant + "/orders/" + id + "/reboot", null));
      } else {
        record("read", s.send("GET", tenant + "/usage", null));
      }
    }
  }

  private record Catalog(List<String> images, List<String> sizes) {}

  private volatile Catalog catalog;

  private Catalog catalog(PortalSession s) {
    Catalog c = catalog;
    if (c != null) {
      return c;
    }
    List<String> images = new ArrayList<>();
    for (JsonValue v : s.send("GET", "api/v1/catalog/images", null).array()) {
      JsonObject i = v.asJsonObject();
      if ("VM".equals(i.getString("purpose", "VM"))) {
        images.add(i.getString("code"));
      }
    }
    List<String> sizes = new ArrayList<>();
    for (JsonValue v : s.send("GET", "api/v1/catalog/sizes", null).array()) {
      JsonObject z = v.asJsonObject();
      if (z.getInt("gpus", 0) == 0 && z.getInt("vcpu") <= 8) {
        sizes.add(z.getString("code"));
      }
    }
    catalog = c = new Catalog(images, sizes);
    return c;
  }

  private void record(String op, PortalSession.Answer answer) {
    count(op + " " + (answer.status() / 100) + "xx");
    if (answer.status() >= 500) {
      count("SERVER ERROR " + op + " " + answer.status());
    }
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  // ---------------------------------------------------------------- chaos

  /** Kills a node every {@code killSeconds} and starts it again; meanwhile, provider faults. */
  private void chaos(Map<String, String> env) {
    Random random = new Random(7);
    Instant start = Instant.now();
    Instant killWriter = start.plus(Duration.ofMinutes(minutes).dividedBy(2));
    Instant restartWriter = start.plus(Duration.ofMinutes(minutes).multipliedBy(3).dividedBy(4));
    boolean writerKilled = false;
    boolean writerRestarted = false;
    Instant nextKill = Instant.now().plusSeconds(killSeconds);
    Instant nextFault = Instant.now().plusSeconds(15);
    int victim = 0;
    while (running.get()) {
      Bench.pause(1000);
      if (galera && !writerKilled && Instant.now().isAfter(killWriter)) {
        writerKilled = true;
        cluster.kill(1);
        count("kill -9 db1 (the Galera writer)");
        System.out.println(
            "    kill -9 db1, the writer, at " + Instant.now() + ": " + cluster.states());
      }
      if (galera && writerKilled && !writerRestarted && Instant.now().isAfter(restartWriter)) {
        writerRestarted = true;
        try {
          cluster.restart(1);
          count("db1 rejoined");
          System.out.println("    db1 rejoined at " + Instant.now() + ": " + cluster.states());
        } catch (StackException e) {
          count("db1 did not rejoin");
          System.out.println("    db1 did not rejoin: " + e.getMessage());
        }
      }
      if (Instant.now().isAfter(nextFault)) {
        nextFault = Instant.now().plusSeconds(20);
        List<OpenNebulaSimulator> sims = federation.simulators();
        for (OpenNebulaSimulator sim : sims) {
          sim.faults().clear();
        }
        OpenNebulaSimulator sim = sims.get(random.nextInt(sims.size()));
        switch (random.nextInt(3)) {
          case 0 -> {
            sim.faults().slow(Duration.ofSeconds(3));
            count("fault: slow provider");
          }
          case 1 -> {
            sim.faults().failMethodOnce("one.vm.allocate", 2048, "bench: refused once");
            sim.faults().failMethodOnce("one.vm.action", 2048, "bench: refused once");
            count("fault: refused calls");
          }
          default -> {
            sim.down();
            count("fault: provider restart");
            Bench.pause(8000);
            try {
              sim.up();
            } catch (IOException e) {
              count("fault: provider did not come back");
            }
          }
        }
      }
      if (Instant.now().isAfter(nextKill)) {
        nextKill = Instant.now().plusSeconds(killSeconds);
        Node node = nodes.get(victim++ % nodes.size());
        node.up = false;
        node.server.killHard();
        count("kill -9 " + node.name);
        System.out.println("    kill -9 " + node.name + " at " + Instant.now());
        try {
          awaitFreePorts(node);
          node.server = WildFlyServer.start(node.settings, env, node.cluster);
          node.up = true;
          System.out.println("    " + node.name + " back at " + Instant.now());
        } catch (StackException e) {
          count("restart failed " + node.name);
          System.out.println("    " + node.name + " did not restart: " + e.getMessage());
        }
      }
    }
  }

  /** A killed process's listening sockets go with it, but not always at once. */
  private static void awaitFreePorts(Node node) {
    for (int i = 0; i < 60; i++) {
      try {
        Ports.requireFree(node.settings.httpPort(), "bench", "BENCH_PORT_BASE");
        Ports.requireFree(node.settings.managementPort(), "bench", "BENCH_PORT_BASE");
        return;
      } catch (StackException busy) {
        Bench.pause(1000);
      }
    }
  }

  // ---------------------------------------------------------------- checks

  /** Waits until no order has a step left to take, or ten minutes passed; then a reconcile. */
  private void settle() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    long busy;
    do {
      Bench.pause(5000);
      busy =
          single(
              "SELECT COUNT(*) FROM vm_order WHERE state IN ('RESERVED', 'DEPLOYING', 'STOPPING',"
                  + " 'STARTING', 'REBOOTING', 'RESIZING', 'TERMINATING', 'COMPENSATING')");
      System.out.println("    orders still in progress: " + busy);
    } while (busy > 0 && Instant.now().isBefore(deadline));
    // The reconciler runs every minute on some node; orphans go after their 30 s grace.
    Bench.pause(150_000);
  }

  private int check() throws Exception {
    Map<String, Long> found = new LinkedHashMap<>();
    found.put(
        "orders",
        single(
            "SELECT COUNT(*) FROM vm_order o JOIN tenant t ON t.id = o.tenant_id"
                + " WHERE t.name LIKE 'Bench %'"));
    found.put("orders by state", 0L); // printed below
    found.put(
        "tenants with quota held above a limit",
        single(
            "SELECT COUNT(*) FROM tenant_quota q JOIN (SELECT tenant_id, SUM(vcpu) v,"
                + " SUM(memory_mib) m, SUM(gpus) g, SUM(vms) n, SUM(disk_gib) d,"
                + " SUM(ai_endpoints) e FROM quota_reservation GROUP BY tenant_id) r"
                + " ON r.tenant_id = q.tenant_id WHERE r.v > q.vcpu OR r.m > q.memory_mib"
                + " OR r.g > q.gpus OR r.n > q.vms OR r.d > q.disk_gib OR r.e > q.ai_endpoints"));
    found.put(
        "quota reservations of ended orders",
        single(
            "SELECT COUNT(*) FROM quota_reservation r JOIN vm_order o"
                + " ON r.order_ref = CONCAT('order-', o.id)"
                + " WHERE o.state IN ('TERMINATED', 'FAILED', 'VANISHED')"));
    found.put(
        "open usage intervals of ended orders",
        single(
            "SELECT COUNT(*) FROM usage_interval u JOIN vm_order o ON o.id = u.order_id"
                + " WHERE u.ended_at IS NULL AND o.state IN ('TERMINATED', 'FAILED', 'VANISHED')"));
    found.put(
        "orders with two open usage intervals",
        single(
            "SELECT COUNT(*) FROM (SELECT order_id FROM usage_interval WHERE ended_at IS NULL"
                + " GROUP BY order_id HAVING COUNT(*) > 1) x"));
    found.put(
        "orders neither final nor resumable",
        single(
            "SELECT COUNT(*) FROM vm_order WHERE state IN ('RESERVED', 'DEPLOYING', 'STOPPING',"
                + " 'STARTING', 'REBOOTING', 'RESIZING', 'TERMINATING', 'COMPENSATING')"
                + " AND next_step_at IS NULL"));
    found.put(
        "orders still in progress after settling",
        single(
            "SELECT COUNT(*) FROM vm_order WHERE state IN ('RESERVED', 'DEPLOYING', 'STOPPING',"
                + " 'STARTING', 'REBOOTING', 'RESIZING', 'TERMINATING', 'COMPENSATING')"));

    Map<Long, String> orderStates = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedMariaDb.USER, dbPassword);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, state, provider_id, one_vm_id FROM vm_order")) {
      while (rs.next()) {
        orderStates.put(rs.getLong(1), rs.getString(2));
      }
    }
    long vms = 0;
    long duplicates = 0;
    long orphans = 0;
    for (OpenNebulaSimulator sim : federation.simulators()) {
      OpenNebulaClient admin =
          OpenNebulaClient.create(new Endpoint(sim.endpoint(), "oneadmin", simPassword));
      Map<String, Integer> perOrder = new HashMap<>();
      for (VirtualMachine vm : admin.vmPoolExtended(-2, -1, -1, -1)) {
        vms++;
        String ref = vm.userTemplate().get(ProviderVms.ORDER_ATTRIBUTE);
        if (ref == null) {
          continue;
        }
        perOrder.merge(ref, 1, Integer::sum);
        String state = orderStates.get(Long.parseLong(ref.replaceAll("\\D", "")));
        if (state == null
            || Stream.of("TERMINATED", "FAILED", "VANISHED").anyMatch(state::equals)) {
          orphans++;
        }
      }
      duplicates += perOrder.values().stream().filter(n -> n > 1).count();
    }
    if (galera) {
      // Every node holds the same orders in the same states (Galera's copies agree).
      String digest =
          "SELECT COALESCE(SUM(CRC32(CONCAT_WS(':', id, state, COALESCE(one_vm_id, '')))), 0)"
              + " FROM vm_order";
      java.util.Set<Long> digests = new java.util.HashSet<>();
      for (int n = 1; n <= 3; n++) {
        digests.add(cluster.countOn(n, digest));
      }
      found.put("Galera nodes whose orders differ from another node's", digests.size() - 1L);
      System.out.println("Galera nodes: " + cluster.states());
    }
    found.put("VMs at the providers", vms);
    found.put("orders with more than one VM at a provider", duplicates);
    found.put("orphan VMs (no live order) after the reconciler's pass", orphans);
    found.remove("orders by state");

    System.out.println();
    System.out.println("Operations (by answer class):");
    new TreeMap<>(counts).forEach((k, v) -> System.out.printf("  %-48s %8d%n", k, v.get()));
    System.out.println("Orders by state:");
    try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedMariaDb.USER, dbPassword);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT state, COUNT(*) FROM vm_order GROUP BY state ORDER BY state")) {
      while (rs.next()) {
        System.out.printf("  %-48s %8d%n", rs.getString(1), rs.getLong(2));
      }
    }
    System.out.println("Checked:");
    found.forEach((k, v) -> System.out.printf("  %-56s %8d%n", k, v));
    int violations = 0;
    for (Map.Entry<String, Long> e : found.entrySet()) {
      if (!e.getKey().equals("orders")
          && !e.getKey().equals("VMs at the providers")
          && e.getValue() > 0) {
        violations++;
      }
    }
    long serverErrors =
        counts.entrySet().stream()
            .filter(e -> e.getKey().startsWith("SERVER ERROR"))
            .mapToLong(e -> e.getValue().get())
            .sum();
    System.out.println(
        "  5xx answers (while no node was being killed or not)"
            + " ".repeat(6)
            + String.format("%8d", serverErrors));
    System.out.println(
        violations == 0
            ? "RESULT: all invariants hold"
            : "RESULT: " + violations + " invariant(s) violated");
    return violations;
  }

  private long single(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedMariaDb.USER, dbPassword);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- set-up

  private static StackSettings settings(
      StackSettings base, Path workDir, int httpPort, int managementPort) {
    return new StackSettings(
        base.serverDir(),
        base.keycloakDir(),
        base.warFile(),
        workDir,
        base.secretsFile(),
        base.realmDir(),
        httpPort,
        managementPort,
        base.keycloakPort() == 8180 ? httpPort + 100 : base.keycloakPort(),
        0,
        base.simulatorBasePort(),
        null,
        null);
  }

  private static StackSettings withRealms(StackSettings s, Path realms) {
    return new StackSettings(
        s.serverDir(),
        s.keycloakDir(),
        s.warFile(),
        s.workDir(),
        s.secretsFile(),
        realms,
        s.httpPort(),
        s.managementPort(),
        s.keycloakPort(),
        s.databasePort(),
        s.simulatorBasePort(),
        null,
        null);
  }

  /**
   * The realms with the portal client open to both nodes and, per bench organisation, an admin
   * ({@code benchNNa}) and a member ({@code benchNNm}), signed in with the demo password.
   */
  /** The bench organisations: an e-mail domain for their admin, another for their member. */
  private Path benchTenants(Path file) throws IOException {
    StringBuilder json = new StringBuilder("[\n");
    for (int t = 1; t <= tenants; t++) {
      json.append(
          String.format(
              "  {\"name\": \"Bench %s GmbH\", \"countryCode\": \"DE\", \"vatId\": \"DE1000000%s\","
                  + " \"billingEmail\": \"billing@bench%s.example\", \"residency\": [],"
                  + " \"projects\": [], \"rules\": ["
                  + "{\"kind\": \"EMAIL_DOMAIN\", \"value\": \"bench%s-admin.example\","
                  + " \"role\": \"TENANT_ADMIN\"},"
                  + " {\"kind\": \"EMAIL_DOMAIN\", \"value\": \"bench%s.example\","
                  + " \"role\": \"MEMBER\"}]}%s%n",
              two(t), two(t), two(t), two(t), two(t), t < tenants ? "," : ""));
    }
    json.append("]\n");
    Files.writeString(file, json.toString());
    return file.toAbsolutePath();
  }

  private static String two(int n) {
    return String.format("%02d", n);
  }

  private static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;

  private static void debug(String what) {
    if (DEBUG) {
      System.out.println("    [debug] " + what);
    }
  }

  private synchronized void stopAll() {
    running.set(false);
    for (Node node : nodes) {
      if (node.server != null) {
        try {
          node.server.close();
        } catch (RuntimeException e) {
          System.err.println("Stop failed: " + e.getMessage());
        }
        node.server = null;
      }
    }
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("Stop failed: " + e.getMessage());
      }
    }
  }
}
