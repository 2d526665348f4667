package eu.federa.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Two Keycloak nodes as the Ansible role {@code keycloak} runs them ({@code
 * bench/keycloak-cluster.sh}, issue #18): production mode ({@code kc.sh build}, {@code start
 * --optimized}), one MariaDB shared by both, the nodes finding each other through it (jdbc-ping),
 * behind Debian's HAProxy that ends TLS (a certificate made by openssl for 127.0.0.1) and alone
 * sets the forwarded headers; the realm {@code federa} imported from the repository's file with its
 * secrets from the environment (as the role passes them from the vault). Then, through the proxy
 * over HTTPS: the realm's issuer is the public https address; both nodes are in one cluster; a user
 * signs in, the node that served her is killed with {@code kill -9}, and her next authorisation
 * request is answered by the other node without a login form (her session lives on). Prints each
 * check; exit status 0 when all hold.
 *
 * <p>Settings: BENCH_PORT_BASE (28400): the proxy on it, the nodes' HTTP on +1 and +2, their
 * management on +11 and +12, their cluster transport on +21 and +22. Loopback only.
 */
public final class KeycloakClusterBench {

  private final int base = Bench.env("BENCH_PORT_BASE", 28400);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Boolean> checks = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    KeycloakClusterBench bench = new KeycloakClusterBench();
    boolean ok;
    try {
      ok = bench.run();
    } finally {
      bench.stopAll();
    }
    System.exit(ok ? 0 : 1);
  }

  private boolean run() throws Exception {
    StackSettings settings = StackSettings.fromEnvironment("target/bench-keycloak-cluster");
    Path work = settings.workDir().toAbsolutePath();
    Folders.deleteRecursively(work);
    Files.createDirectories(work);
    Secrets secrets = Secrets.loadOrCreate(work.resolve("secrets.properties"));
    String publicUrl = "https://127.0.0.1:" + base;

    Bench.step("MariaDB, shared by both nodes");
    EmbeddedMariaDb db =
        EmbeddedMariaDb.start(
            work.resolve("mariadb/data"), 0, secrets.get(Secrets.DATABASE_PASSWORD), true);
    started.push(db);

    Bench.step(
        "Keycloak's production build (kc.sh build --db=mariadb --cache=ispn), copied per node");
    Path node1 = work.resolve("node-1");
    copyDistribution(settings.keycloakDir(), node1);
    KeycloakServer.prepareBreachedPasswords(node1);
    Path realms = node1.resolve("data/import");
    Files.createDirectories(realms);
    try (Stream<Path> files = Files.list(settings.realmDir())) {
      for (Path realm : files.filter(f -> f.toString().endsWith("-realm.json")).toList()) {
        // unchanged: Keycloak fills the ${...} placeholders from its environment at import
        Files.copy(
            realm,
            realms.resolve(realm.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Map<String, String> env = new HashMap<>();
    env.put("KC_DB_URL", db.jdbcUrl());
    env.put("KC_DB_USERNAME", EmbeddedMariaDb.USER);
    env.put("KC_DB_PASSWORD", db.password());
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD));
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.put("FEDERA_PORTAL_URL", "http://127.0.0.1:18080/federa");
    env.put("KEYCLOAK_URL", publicUrl);
    for (String secret :
        List.of(
            Secrets.PORTAL_CLIENT_SECRET,
            Secrets.PARTNER_BROKER_CLIENT_SECRET,
            Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET,
            Secrets.DEMO_PASSWORD)) {
      env.put(secret, secrets.get(secret));
    }
    run(
        node1,
        env,
        work.resolve("build.log"),
        node1.resolve("bin/kc.sh").toString(),
        "build",
        "--db=mariadb",
        "--cache=ispn",
        "--health-enabled=true");
    Path node2 = work.resolve("node-2");
    copyDistribution(node1, node2);

    Bench.step("Two nodes in production mode behind the proxy");
    List<Process> nodes = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path home = n == 1 ? node1 : node2;
      Process node =
          ChildProcesses.start(
              List.of(
                  home.resolve("bin/kc.sh").toString(),
                  "start",
                  "--optimized",
                  "--import-realm",
                  "--hostname=" + publicUrl,
                  "--proxy-headers=xforwarded",
                  "--http-enabled=true",
                  "--http-host=127.0.0.1",
                  "--http-port=" + (base + n),
                  "--http-management-port=" + (base + 10 + n),
                  "--cache-stack=jdbc-ping",
                  "--cache-embedded-network-bind-address=127.0.0.1",
                  "--cache-embedded-network-bind-port=" + (base + 20 + n)),
              home,
              work.resolve("node-" + n + ".log"),
              env);
      nodes.add(node);
      int management = base + 10 + n;
      started.push(() -> ChildProcesses.stop(node, 20));
      if (!HttpProbe.await(
          Duration.ofMinutes(5),
          node::isAlive,
          () -> HttpProbe.status("http://127.0.0.1:" + management + "/health/ready") == 200)) {
        throw new StackException(
            "Keycloak node-"
                + n
                + " did not become ready:\n"
                + ChildProcesses.tail(work.resolve("node-" + n + ".log"), 20));
      }
    }
    Path pem = SelfSignedPem.make(work, "proxy");
    Process proxy = startProxy(work, pem);
    started.push(() -> ChildProcesses.stop(proxy, 5));

    HttpClient https = client(pem);
    Bench.step("Checks through " + publicUrl);
    HttpResponse<String> discovery =
        get(https, publicUrl + "/realms/federa/.well-known/openid-configuration");
    check(
        "the realm's issuer is the public https address (hostname, TLS at the proxy)",
        discovery.statusCode() == 200
            && discovery.body().contains("\"issuer\":\"" + publicUrl + "/realms/federa\""));
    check(
        "the proxy sends HSTS",
        discovery.headers().firstValue("Strict-Transport-Security").isPresent());
    String log1 = Files.readString(work.resolve("node-1.log"));
    String log2 = Files.readString(work.resolve("node-2.log"));
    check(
        "both nodes are in one cluster (a view of two members)",
        Pattern.compile("ISPN000094: Received new cluster view.*\\(2\\)")
            .matcher(log1 + log2)
            .find());

    // A user signs in through the proxy (the realm's user mia, password from the environment).
    String redirect = "http://127.0.0.1:18080/federa/";
    String authorize =
        publicUrl
            + "/realms/federa/protocol/openid-connect/auth?client_id=federa-portal&response_type=code"
            + "&scope=openid&redirect_uri="
            + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
    HttpResponse<String> form = get(https, authorize);
    Matcher action =
        Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
            .matcher(form.body());
    boolean formShown = form.statusCode() == 200 && action.find();
    check("the login form is served through the proxy", formShown);
    if (formShown) {
      HttpResponse<String> login =
          https.send(
              HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username=mia&password="
                              + URLEncoder.encode(
                                  secrets.get(Secrets.DEMO_PASSWORD), StandardCharsets.UTF_8)
                              + "&credentialId="))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String location = login.headers().firstValue("Location").orElse("");
      check(
          "she signs in (sent back with a code)",
          login.statusCode() == 302 && location.startsWith(redirect) && location.contains("code="));
      String served = cookie(https, "KC_NODE");
      check("a node served her (the proxy's cookie says which: " + served + ")", served != null);
      int victim = "kc2".equals(served) ? 2 : 1;
      Bench.step("kill -9 node-" + victim + ", the node that served her");
      nodes.get(victim - 1).destroyForcibly();
      nodes.get(victim - 1).waitFor();
      // Until the proxy marks the node down (two failed checks a second apart) a request may
      // still be tried there first; whatever answers a login form means her session was lost.
      String[] back = {""};
      int[] status = {0};
      HttpProbe.await(
          Duration.ofSeconds(30),
          () -> status[0] != 200,
          () -> {
            try {
              HttpResponse<String> again = get(https, authorize);
              status[0] = again.statusCode();
              back[0] = again.headers().firstValue("Location").orElse("");
              return status[0] == 302;
            } catch (Exception unreachable) {
              return false;
            }
          });
      check(
          "her next authorisation is answered by node-" + (3 - victim) + " without a login form",
          status[0] == 302 && back[0].startsWith(redirect) && back[0].contains("code="));
    }

    System.out.println();
    System.out.println("Keycloak cluster behind the proxy:");
    checks.forEach((what, ok) -> System.out.println("  " + (ok ? "ok  " : "FAIL") + "  " + what));
    boolean all = checks.values().stream().allMatch(Boolean::booleanValue);
    System.out.println(all ? "RESULT: every check holds" : "RESULT: a check failed");
    return all;
  }

  private void check(String what, boolean ok) {
    checks.put(what, ok);
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpClient client, String name) {
    CookieManager cookies = (CookieManager) client.cookieHandler().orElseThrow();
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(c -> c.getValue())
        .findFirst()
        .orElse(null);
  }

  /** Java's client trusting the proxy's certificate, keeping cookies, following no redirect. */
  private static HttpClient client(Path pem) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trusted.setCertificateEntry(
          "proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    CookieManager cookies = new CookieManager();
    cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
    return HttpClient.newBuilder()
        .sslContext(tls)
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private Process startProxy(Path work, Path pem) throws IOException {
    Path config = work.resolve("haproxy.cfg");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global",
            "  maxconn 256",
            "defaults",
            "  mode http",
            "  timeout connect 1s",
            "  timeout client 1m",
            "  timeout server 1m",
            "  retries 2",
            "  option redispatch 1",
            "frontend https",
            "  bind 127.0.0.1:" + base + " ssl crt " + pem,
            "  http-request del-header X-Forwarded-For",
            "  http-request del-header Forwarded",
            "  option forwardfor",
            "  http-request set-header X-Forwarded-Proto https",
            "  http-request set-header X-Forwarded-Host %[req.hdr(host)]",
            "  http-request set-header X-Forwarded-Port " + base,
            "  http-response set-header Strict-Transport-Security \"max-age=31536000\"",
            "  default_backend keycloak",
            "backend keycloak",
            "  balance roundrobin",
            "  cookie KC_NODE insert indirect nocache httponly secure",
            "  option httpchk GET /health/ready",
            "  server kc1 127.0.0.1:"
                + (base + 1)
                + " check port "
                + (base + 11)
                + " inter 1s fall 2 rise 2 cookie kc1",
            "  server kc2 127.0.0.1:"
                + (base + 2)
                + " check port "
                + (base + 12)
                + " inter 1s fall 2 rise 2 cookie kc2",
            ""));
    Process proxy =
        ChildProcesses.start(
            List.of("/usr/sbin/haproxy", "-db", "-f", config.toString()),
            work,
            work.resolve("haproxy.log"),
            Map.of());
    if (!HttpProbe.await(Duration.ofSeconds(20), proxy::isAlive, () -> !Ports.isFree(base))) {
      throw new StackException(
          "HAProxy did not start:\n" + ChildProcesses.tail(work.resolve("haproxy.log"), 10));
    }
    return proxy;
  }

  /** A copy of the distribution without its data (each node has its own). */
  private static void copyDistribution(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path rel = from.relativize(p);
        // each node has its own data; only the breached-password list goes along
        if (rel.startsWith("data") && !rel.startsWith(Path.of("data", "password-blacklists"))) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void run(Path dir, Map<String, String> env, Path log, String... command)
      throws Exception {
    Process p = ChildProcesses.start(List.of(command), dir, log, env);
    if (p.waitFor() != 0) {
      throw new StackException(command[0] + " failed:\n" + ChildProcesses.tail(log, 20));
    }
  }

  private void stopAll() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("While stopping: " + e);
      }
    }
  }
}
