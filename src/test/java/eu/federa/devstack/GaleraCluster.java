package eu.federa.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three MariaDB nodes in one Galera cluster on 127.0.0.1, from Debian's packages ({@code
 * mariadb-server}, {@code galera-4}, {@code rsync} for state transfers), behind Debian's HAProxy as
 * one writer: every connection goes to the first node that is up, the others are backups, and a
 * connection is cut when its node goes down or when the first node comes back (so that two nodes
 * never take writes at once; docs/galera.md says why). For {@code bench/galera.sh}.
 *
 * <p>Ports from {@code base}: the proxy on {@code base}, node {@code n} (1 to 3) on {@code base+n}
 * for SQL, {@code base+10+n} for Galera, {@code base+20+n} for incremental and {@code base+30+n}
 * for full state transfers, {@code base+40+n} for its health check (200 only while the node is
 * Synced, as Galera's usual {@code clustercheck} answers: a node that is still catching up takes no
 * connection). The servers run as the operating system's {@code mysql} user (the rsync daemon of a
 * state transfer would otherwise drop to {@code nobody}), so the bench runs as root.
 */
public final class GaleraCluster implements AutoCloseable {

  public static final String DATABASE = EmbeddedMariaDb.DATABASE;
  public static final String USER = EmbeddedMariaDb.USER;

  private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
  private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
  private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

  private final Path workDir;
  private final int base;
  private final String password;
  private final Process[] nodes = new Process[3];
  private final List<com.sun.net.httpserver.HttpServer> checks = new ArrayList<>();
  private Process proxy;

  private GaleraCluster(Path workDir, int base, String password) {
    this.workDir = workDir;
    this.base = base;
    this.password = password;
  }

  /** Whether Debian's MariaDB, Galera, rsync and HAProxy are installed. */
  public static boolean installed() {
    return Files.isExecutable(MARIADBD)
        && Files.exists(PROVIDER)
        && Files.isExecutable(HAPROXY)
        && Files.isExecutable(Path.of("/usr/bin/rsync"))
        && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"));
  }

  /**
   * Starts the three nodes one after the other (the first makes the cluster, the others join it
   * with a full state transfer), the database and its user, and the proxy.
   */
  public static GaleraCluster start(Path workDir, int base, String password) {
    if (!installed()) {
      throw new StackException(
          "Galera is missing: apt-get install -y mariadb-server galera-4 rsync haproxy");
    }
    for (int port = base; port <= base + 43; port++) {
      if (port == base || port % 10 != base % 10) {
        Ports.requireFree(port, "the Galera cluster", "BENCH_PORT_BASE");
      }
    }
    GaleraCluster cluster = new GaleraCluster(workDir, base, password);
    try {
      for (int n = 1; n <= 3; n++) {
        cluster.install(n);
      }
      cluster.startNode(1, true);
      cluster.createDatabaseAndUsers();
      cluster.startNode(2, false);
      cluster.startNode(3, false);
      cluster.startChecks();
      cluster.startProxy();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The address the portal and the checks connect to: the proxy, to the one writer. */
  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + base + "/" + DATABASE;
  }

  /** One node's own address, to compare what each node holds. */
  public String nodeUrl(int n) {
    return "jdbc:mariadb://127.0.0.1:" + (base + n) + "/" + DATABASE;
  }

  public String password() {
    return password;
  }

  /** Kills node {@code n} as a crash would ({@code kill -9}). */
  public void kill(int n) {
    Process p = nodes[n - 1];
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      nodes[n - 1] = null;
    }
  }

  /** Starts node {@code n} again: it joins the cluster with what it missed. */
  public void restart(int n) {
    startNode(n, false);
  }

  /** Each node's Galera state: cluster size, local state, last committed transaction. */
  public Map<String, String> states() {
    Map<String, String> states = new LinkedHashMap<>();
    for (int n = 1; n <= 3; n++) {
      if (nodes[n - 1] == null) {
        states.put("db" + n, "down");
        continue;
      }
      try (Connection c = rootConnection(n);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size',"
                      + " 'wsrep_local_state_comment', 'wsrep_last_committed')")) {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
          values.add(rs.getString(1).replace("wsrep_", "") + "=" + rs.getString(2));
        }
        states.put("db" + n, String.join(" ", values));
      } catch (SQLException e) {
        states.put("db" + n, "unreachable: " + e.getMessage());
      }
    }
    return states;
  }

  /** The answer of {@code sql} (one number) on node {@code n} itself, not through the proxy. */
  public long countOn(int n, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(nodeUrl(n), USER, password);
        Statement s = c.createStatement()) {
      s.execute("SET SESSION wsrep_sync_wait = 1");
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void install(int n) {
    Path data = dataDir(n);
    try {
      Folders.deleteRecursively(data);
      Files.createDirectories(data.getParent());
    } catch (IOException e) {
      throw new StackException("Cannot prepare " + data + ": " + e.getMessage(), e);
    }
    run(
        List.of(
            "mariadb-install-db",
            "--no-defaults",
            "--datadir=" + data,
            "--user=mysql",
            "--auth-root-authentication-method=normal",
            "--skip-test-db"),
        workDir.resolve("install-db" + n + ".log"));
    try {
      Files.createDirectories(runDir(n));
    } catch (IOException e) {
      throw new StackException("Cannot prepare " + runDir(n) + ": " + e.getMessage(), e);
    }
    run(
        List.of("chown", "-R", "mysql:mysql", data.toString(), runDir(n).toString()),
        workDir.resolve("chown.log"));
  }

  private Path dataDir(int n) {
    return workDir.resolve("db" + n).toAbsolutePath();
  }

  /**
   * Where node {@code n} keeps its socket, pid and log: not in its data, which a transfer replaces.
   */
  private Path runDir(int n) {
    return workDir.resolve("db" + n + "-run").toAbsolutePath();
  }

  private void startNode(int n, boolean newCluster) {
    Path data = dataDir(n);
    List<String> command = new ArrayList<>();
    command.add(MARIADBD.toString());
    command.add("--no-defaults");
    command.add("--datadir=" + data);
    command.add("--user=mysql");
    command.add("--bind-address=127.0.0.1");
    command.add("--port=" + (base + n));
    command.add("--socket=" + runDir(n).resolve("mysqld.sock"));
    command.add("--pid-file=" + runDir(n).resolve("mysqld.pid"));
    command.add("--log-error=" + runDir(n).resolve("error.log"));
    command.add("--character-set-server=utf8mb4");
    command.add("--collation-server=utf8mb4_unicode_ci");
    command.add("--default-time-zone=+00:00");
    command.add("--max-connections=300");
    // what Galera requires of every node
    command.add("--binlog-format=ROW");
    command.add("--default-storage-engine=InnoDB");
    command.add("--innodb-autoinc-lock-mode=2");
    command.add("--wsrep-on=ON");
    command.add("--wsrep-provider=" + PROVIDER);
    command.add("--wsrep-cluster-name=federa-bench");
    command.add("--wsrep-node-name=db" + n);
    command.add("--wsrep-node-address=127.0.0.1:" + (base + 10 + n));
    command.add(
        "--wsrep-cluster-address=gcomm://"
            + String.join(
                ",",
                List.of(
                    "127.0.0.1:" + (base + 11),
                    "127.0.0.1:" + (base + 12),
                    "127.0.0.1:" + (base + 13))));
    command.add(
        "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:"
            + (base + 10 + n)
            + ";ist.recv_addr=127.0.0.1:"
            + (base + 20 + n)
            + ";gcache.size=256M");
    command.add("--wsrep-sst-method=rsync");
    command.add("--wsrep-sst-receive-address=127.0.0.1:" + (base + 30 + n));
    if (newCluster) {
      command.add("--wsrep-new-cluster");
    }
    // the state transfer scripts (wsrep_sst_rsync) are found on the PATH
    Process process =
        ChildProcesses.start(
            command,
            workDir,
            workDir.resolve("db" + n + ".out"),
            Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    nodes[n - 1] = process;
    if (HttpProbe.await(Duration.ofMinutes(3), process::isAlive, () -> synced(n))) {
      return;
    }
    throw new StackException(
        "Galera node db"
            + n
            + " did not reach Synced; its log:\n"
            + ChildProcesses.tail(runDir(n).resolve("error.log"), 20));
  }

  /** Whether node {@code n} answers and is Synced with the cluster. */
  private boolean synced(int n) {
    if (nodes[n - 1] == null) {
      return false;
    }
    try (Connection c = rootConnection(n);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
      return rs.next() && "Synced".equals(rs.getString(2));
    } catch (SQLException notYet) {
      return false; // starting, receiving the state, or down
    }
  }

  private Connection rootConnection(int n) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + (base + n) + "/?connectTimeout=2000", "root", "");
  }

  private void createDatabaseAndUsers() {
    try (Connection c = rootConnection(1);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + DATABASE
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      for (String host : List.of("127.0.0.1", "localhost")) {
        s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'" + host + "'");
        s.execute("ALTER USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
        s.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'" + host + "'");
      }
    } catch (SQLException e) {
      throw new StackException("Cannot create the database on db1: " + e.getMessage(), e);
    }
  }

  /** One small HTTP check per node for HAProxy: 200 while the node is Synced, 503 otherwise. */
  private void startChecks() {
    for (int n = 1; n <= 3; n++) {
      int node = n;
      try {
        com.sun.net.httpserver.HttpServer server =
            com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", base + 40 + n), 8);
        server.createContext(
            "/",
            exchange -> {
              boolean synced = synced(node);
              byte[] body = (synced ? "Synced\n" : "not synced\n").getBytes();
              exchange.sendResponseHeaders(synced ? 200 : 503, body.length);
              exchange.getResponseBody().write(body);
              exchange.close();
            });
        server.start();
        checks.add(server);
      } catch (IOException e) {
        throw new StackException("Cannot start the health check of db" + n + ": " + e, e);
      }
    }
  }

  private void startProxy() {
    Path config = workDir.resolve("haproxy-db.cfg");
    StringBuilder cfg = new StringBuilder();
    cfg.append(
        String.join(
            "\n",
            "global",
            "  maxconn 1024",
            "defaults",
            "  mode tcp",
            "  timeout connect 1s",
            "  timeout client 30m",
            "  timeout server 30m",
            "listen galera",
            "  bind 127.0.0.1:" + base,
            "  option httpchk GET /",
            // a node marked down loses its connections at once: no write goes on to it
            "  default-server inter 500ms fall 2 rise 4 on-marked-down shutdown-sessions",
            // the first node is the writer while it is up; coming back, it takes the writes
            // again only after the backup's connections were cut (never two writers at once)
            "  server db1 127.0.0.1:"
                + (base + 1)
                + " check port "
                + (base + 41)
                + " on-marked-up shutdown-backup-sessions",
            "  server db2 127.0.0.1:" + (base + 2) + " check port " + (base + 42) + " backup",
            "  server db3 127.0.0.1:" + (base + 3) + " check port " + (base + 43) + " backup",
            ""));
    try {
      Files.writeString(config, cfg.toString());
    } catch (IOException e) {
      throw new StackException("Cannot write " + config + ": " + e.getMessage(), e);
    }
    proxy =
        ChildProcesses.start(
            List.of(HAPROXY.toString(), "-db", "-f", config.toString()),
            workDir,
            workDir.resolve("haproxy-db.log"),
            Map.of());
    if (!HttpProbe.await(Duration.ofSeconds(20), proxy::isAlive, () -> !Ports.isFree(base))) {
      throw new StackException(
          "HAProxy did not start in front of Galera:\n"
              + ChildProcesses.tail(workDir.resolve("haproxy-db.log"), 15));
    }
  }

  private void run(List<String> command, Path log) {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (p.waitFor() != 0) {
        throw new StackException(
            String.join(" ", command) + " failed:\n" + ChildProcesses.tail(log, 15));
      }
    } catch (IOException e) {
      throw new StackException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted", e);
    }
  }

  @Override
  public void close() {
    checks.forEach(server -> server.stop(0));
    if (proxy != null) {
      ChildProcesses.stop(proxy, 5);
    }
    for (int n = 3; n >= 1; n--) {
      if (nodes[n - 1] != null) {
        ChildProcesses.stop(nodes[n - 1], 30);
        nodes[n - 1] = null;
      }
    }
  }
}
