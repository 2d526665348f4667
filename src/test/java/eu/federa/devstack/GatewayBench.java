package eu.federa.devstack;

import eu.federa.cloud.simulator.OpenNebulaSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The AI gateway's bench ({@code bench/gateway.sh}, issue #17): one portal node with the demo
 * federation, an inference endpoint of two replicas at Lutece Cloud (the simulated appliances
 * answer as vLLM would) and an API key of Acme. It measures, in one run: the latency the gateway
 * adds to a small non-streamed call (the same calls sent straight to a replica, alternating), the
 * calls per second through the gateway from many clients, many streams held at once with the node's
 * memory, and a {@code kill -9} of the node during a burst: every answer a client received must
 * have its token record in the database after the restart.
 *
 * <p>Settings (environment): BENCH_REQUESTS (2000 per side), BENCH_CLIENTS (32), BENCH_SECONDS
 * (20), BENCH_STREAMS (500), BENCH_STREAM_TOKENS (60 at 20 a second), BENCH_PORT_BASE (28080).
 */
public final class GatewayBench {

  private final int requests = Bench.env("BENCH_REQUESTS", 2000);
  private final int clients = Bench.env("BENCH_CLIENTS", 32);
  private final int seconds = Bench.env("BENCH_SECONDS", 20);
  private final int streams = Bench.env("BENCH_STREAMS", 500);
  private final int streamTokens = Bench.env("BENCH_STREAM_TOKENS", 60);
  private final int portBase = Bench.env("BENCH_PORT_BASE", 28080);
  private final int pairsPerSecond = Bench.env("BENCH_LATENCY_RATE", 100);
  private final Set<String> phases =
      Set.of(
          Optional.ofNullable(System.getenv("BENCH_PHASES"))
              .orElse("latency,throughput,streams,kill")
              .split(","));

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, String> results = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newCachedThreadPool())
          .build();
  private StackSettings settings;
  private Map<String, String> env;
  private WildFlyServer wildfly;
  private DemoFederation federation;
  private String jdbcUrl;
  private String dbPassword;
  private String key;
  private String endpoint;

  public static void main(String[] args) throws Exception {
    GatewayBench bench = new GatewayBench();
    int failures;
    try {
      failures = bench.run();
    } finally {
      bench.stopAll();
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private int run() throws Exception {
    BenchNode node =
        BenchNode.start(
            "target/bench-gateway",
            portBase,
            started,
            List.of(),
            federation -> {
              for (OpenNebulaSimulator s : federation.simulators()) {
                s.appliances().warmUp(Duration.ZERO).tokensPerSecond(0);
              }
            },
            env -> env.put("FEDERA_AI_REPLICA_URL", DemoFederation.REPLICA_URL));
    settings = node.settings;
    Secrets secrets = node.secrets;
    jdbcUrl = node.jdbcUrl;
    dbPassword = node.dbPassword;
    federation = node.federation;
    env = node.env;
    wildfly = node.wildfly;

    Bench.step("An inference endpoint of two replicas and an API key (as theo, Acme's admin)");
    PortalSession theo =
        new PortalSession(settings.portalUrl() + "/", "theo", secrets.get(Secrets.DEMO_PASSWORD));
    long tenant = theo.tenantId();
    endpoint = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    PortalSession.Answer ordered =
        theo.send(
            "POST",
            "api/v1/tenants/" + tenant + "/ai-services",
            "{\"kind\":\"INFERENCE\",\"name\":\""
                + endpoint
                + "\",\"modelCode\":\"mistral-7b-instruct\",\"sizeCode\":\"gpu-h100\","
                + "\"replicas\":2,\"countries\":[\"FR\"],\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\"}");
    if (ordered.status() != 201) {
      throw new IllegalStateException("Endpoint not ordered: " + ordered);
    }
    long service = json(ordered.body()).getJsonNumber("id").longValue();
    JsonObject view = null;
    for (int i = 0; i < 120; i++) {
      view =
          json(
              theo.send("GET", "api/v1/tenants/" + tenant + "/ai-services/" + service, null)
                  .body());
      if ("RUNNING".equals(view.getString("state"))) {
        break;
      }
      Bench.pause(1000);
    }
    if (view == null || !"RUNNING".equals(view.getString("state"))) {
      throw new IllegalStateException("Endpoint not running: " + view);
    }
    String ip = view.getJsonArray("vms").getJsonObject(0).getString("ipAddress");
    PortalSession.Answer created =
        theo.send("POST", "api/v1/tenants/" + tenant + "/ai-keys", "{\"name\":\"bench\"}");
    key = json(created.body()).getString("key");
    String gateway = settings.portalUrl() + "/ai/v1";
    // The replica straight, as the gateway reaches it: Lutece Cloud's appliance of that VM.
    String direct =
        "http://127.0.0.1:" + federation.simulators().get(0).port() + "/appliances/" + ip + "/v1";

    int failed = 0;
    if (phases.contains("latency")) {
      failed += latency(gateway, direct);
    }
    if (phases.contains("throughput")) {
      failed += throughput(direct, false, "straight to the replica");
      failed += throughput(gateway, true, "through the gateway");
    }
    if (phases.contains("streams")) {
      failed += streams(gateway);
    }
    if (phases.contains("kill")) {
      failed += killDuringBurst(gateway);
    }

    failures.forEach((why, n) -> results.put("failed: " + why, Long.toString(n.get())));
    Path out = Path.of("target/bench-gateway/result.txt");
    StringBuilder text = new StringBuilder();
    results.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    Files.writeString(out, text.toString());
    System.out.println();
    System.out.print(text);
    return failed;
  }

  private String chat(String prompt, int maxTokens, boolean stream) {
    return "{\"model\":\""
        + endpoint
        + "\",\"max_tokens\":"
        + maxTokens
        + (stream ? ",\"stream\":true" : "")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt
        + "\"}]}";
  }

  private HttpRequest call(String base, String body, boolean withKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (withKey) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.build();
  }

  /**
   * Sequential small calls, alternating straight to the replica and through the gateway, each way
   * on its own kept-alive connection of a client that reads and writes on this thread.
   */
  private int latency(String gateway, String direct) throws Exception {
    Bench.step(
        "Latency: "
            + requests
            + " small calls each way, alternating, "
            + (pairsPerSecond > 0 ? pairsPerSecond + " pairs a second" : "one after the other")
            + " (after a warm-up)");
    String body = chat("hello there", 4, false);
    Map<String, String> plain = Map.of("Content-Type", "application/json");
    Map<String, String> keyed =
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key);
    try (KeepAliveHttp toReplica = new KeepAliveHttp(direct + "/chat/completions");
        KeepAliveHttp toGateway = new KeepAliveHttp(gateway + "/chat/completions");
        KeepAliveHttp toModels = new KeepAliveHttp(gateway + "/models")) {
      return latency(body, plain, keyed, toReplica, toGateway, toModels);
    }
  }

  private int latency(
      String body,
      Map<String, String> plain,
      Map<String, String> keyed,
      KeepAliveHttp toReplica,
      KeepAliveHttp toGateway,
      KeepAliveHttp toModels)
      throws Exception {
    for (int i = 0; i < 3000; i++) {
      toReplica.send("POST", body, plain);
      toGateway.send("POST", body, keyed);
      toModels.send("GET", null, Map.of("Authorization", "Bearer " + key));
    }
    settle();
    long nodeCpu0 = wildfly.cpuMillis();
    long benchCpu0 = benchCpuMillis();
    long[] straight = new long[requests];
    long[] through = new long[requests];
    long[] own = new long[requests];
    long[] upstream = new long[requests];
    long[] at = new long[requests];
    int errors = 0;
    long begin = System.nanoTime();
    long interval = pairsPerSecond > 0 ? 1_000_000_000L / pairsPerSecond : 0;
    for (int i = 0; i < requests; i++) {
      // Paced: each pair starts at its own time, not as soon as the last ended, so that the
      // machine is not saturated by this phase (the throughput phase does that).
      long due = begin + i * interval;
      while (System.nanoTime() < due) {
        java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
      }
      long t0 = System.nanoTime();
      at[i] = t0 - begin;
      KeepAliveHttp.Answer a = toReplica.send("POST", body, plain);
      long t1 = System.nanoTime();
      KeepAliveHttp.Answer b = toGateway.send("POST", body, keyed);
      long t2 = System.nanoTime();
      straight[i] = t1 - t0;
      through[i] = t2 - t1;
      String timing = b.headers().getOrDefault("server-timing", "");
      own[i] = nanosOf(timing, "gateway");
      upstream[i] = nanosOf(timing, "upstream");
      if (a.status() != 200 || b.status() != 200) {
        errors++;
      }
    }
    // Each pair of calls with its start, to see whether slow calls come together (the machine's
    // other work) or alone.
    StringBuilder series = new StringBuilder("start_ms,straight_ms,through_ms\n");
    for (int i = 0; i < requests; i++) {
      series.append(
          String.format(
              Locale.ROOT, "%.3f,%.3f,%.3f%n", ms(at[i]), ms(straight[i]), ms(through[i])));
    }
    Files.writeString(Path.of("target/bench-gateway/latency.csv"), series.toString());
    // Outside the gateway's code: Undertow reading the request and handing it over, writing the
    // answer, the loopback network, this client.
    long[] outside = new long[requests];
    for (int i = 0; i < requests; i++) {
      outside[i] = through[i] - own[i] - upstream[i];
    }
    java.util.Arrays.sort(own);
    java.util.Arrays.sort(upstream);
    java.util.Arrays.sort(outside);
    results.put(
        "through the gateway, by its Server-Timing: the gateway's own part (p50 / p99)",
        percentiles(own));
    results.put(
        "  the replica's part, as the gateway waited for it (p50 / p99)", percentiles(upstream));
    results.put(
        "  the rest: the web server, the network, the client (p50 / p99)", percentiles(outside));
    java.util.Arrays.sort(straight);
    java.util.Arrays.sort(through);
    double p50d = ms(straight[requests / 2]);
    double p99d = ms(straight[(int) (requests * 0.99)]);
    double p50g = ms(through[requests / 2]);
    double p99g = ms(through[(int) (requests * 0.99)]);
    results.put(
        "latency, straight to the replica (p50 / p99)",
        String.format(Locale.ROOT, "%.2f / %.2f ms", p50d, p99d));
    results.put(
        "latency, through the gateway (p50 / p99)",
        String.format(Locale.ROOT, "%.2f / %.2f ms", p50g, p99g));
    results.put(
        "added by the gateway (p50 / p99)",
        String.format(Locale.ROOT, "%.2f / %.2f ms", p50g - p50d, p99g - p99d));
    results.put("latency calls not answered 200", Integer.toString(errors));
    double elapsedMs = (System.nanoTime() - begin) / 1e6;
    long nodeCpu = wildfly.cpuMillis() - nodeCpu0;
    long benchCpu = benchCpuMillis() - benchCpu0;
    results.put(
        "latency phase: processor time per pair of calls, node / bench (clients and stand-in)",
        String.format(
            Locale.ROOT,
            "%.2f / %.2f ms (%.0f %% and %.0f %% of one core)",
            nodeCpu / (double) requests,
            benchCpu / (double) requests,
            100.0 * nodeCpu / elapsedMs,
            100.0 * benchCpu / elapsedMs));
    // The gateway answering alone (GET models: the key, the organisation's endpoints, no replica).
    Map<String, String> keyOnly = Map.of("Authorization", "Bearer " + key);
    long[] alone = new long[requests];
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      toModels.send("GET", null, keyOnly);
      alone[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(alone);
    results.put(
        "latency of the gateway's own answer, GET models (p50 / p99)",
        String.format(
            Locale.ROOT,
            "%.2f / %.2f ms",
            ms(alone[requests / 2]),
            ms(alone[(int) (requests * 0.99)])));
    return errors == 0 ? 0 : 1;
  }

  /**
   * Many clients calling for a while: answered calls per second, and the processor time of the
   * portal's node and of this process (the clients and the replicas' stand-in) per call.
   */
  private int throughput(String base, boolean withKey, String what) throws Exception {
    Bench.step("Throughput " + what + ": " + clients + " clients for " + seconds + " s");
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    String body = chat("hello there", 4, false);
    // What the node spends when no call comes (its background work: the demo federation's
    // inventory syncs, the workers' polls), to tell the calls' own cost from it.
    long idleCpu0 = wildfly.cpuMillis();
    long idle0 = System.nanoTime();
    Bench.pause(5000);
    double idleCpuPerSecond =
        (wildfly.cpuMillis() - idleCpu0) / ((System.nanoTime() - idle0) / 1e9);
    long nodeCpu0 = wildfly.cpuMillis();
    long benchCpu0 = benchCpuMillis();
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
    for (int c = 0; c < clients; c++) {
      pool.execute(
          () -> {
            while (System.nanoTime() < deadline) {
              try {
                HttpResponse<String> r =
                    http.send(call(base, body, withKey), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  ok.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                  failure(what + ": HTTP " + r.statusCode() + " " + errorCode(r.body()));
                }
              } catch (IOException | InterruptedException e) {
                failed.incrementAndGet();
                failure(what + ": " + e);
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long answered = Math.max(1, ok.get());
    long nodeCpu = wildfly.cpuMillis() - nodeCpu0;
    double callsOwn = Math.max(0, nodeCpu - idleCpuPerSecond * elapsed) / answered;
    results.put(
        "calls per second " + what + " (" + clients + " clients)",
        String.format(
            Locale.ROOT,
            "%.0f (%d answered, %d failed; processor time per call: node %.2f ms, of which %.2f ms"
                + " above its idle %.0f ms a second; clients and stand-in %.2f ms)",
            ok.get() / elapsed,
            ok.get(),
            failed.get(),
            nodeCpu / (double) answered,
            callsOwn,
            idleCpuPerSecond,
            (benchCpuMillis() - benchCpu0) / (double) answered));
    if (withKey && callsOwn > 0) {
      // The calls' own processor time bounds what two cores of the node alone would serve.
      results.put(
          "calls per second two cores of the node would serve at that cost",
          String.format(Locale.ROOT, "%.0f", 2000 / callsOwn));
    }
    return failed.get() == 0 ? 0 : 1;
  }

  /** The duration of one metric of a {@code Server-Timing} header, in nanoseconds. */
  static long nanosOf(String serverTiming, String metric) {
    for (String part : serverTiming.split(",")) {
      String[] fields = part.trim().split(";");
      if (fields[0].equals(metric)) {
        for (String field : fields) {
          if (field.startsWith("dur=")) {
            return (long) (Double.parseDouble(field.substring(4)) * 1_000_000);
          }
        }
      }
    }
    return 0;
  }

  private static String percentiles(long[] sorted) {
    return String.format(
        Locale.ROOT,
        "%.2f / %.2f ms",
        ms(sorted[sorted.length / 2]),
        ms(sorted[(int) (sorted.length * 0.99)]));
  }

  /**
   * Waits until the node is quiet: a freshly started server compiles its code for a minute or more
   * (threads the profiler does not show), and latency measured meanwhile is the compiler's. Waits
   * until the node has used under a fifth of a core for three seconds running, at most two minutes,
   * and reports the level reached.
   */
  private void settle() {
    long start = System.nanoTime();
    long[] perSecond = new long[3];
    int seconds = 0;
    long last = wildfly.cpuMillis();
    while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(2)) {
      Bench.pause(1000);
      long now = wildfly.cpuMillis();
      perSecond[seconds++ % 3] = now - last;
      last = now;
      if (seconds >= 3 && perSecond[0] + perSecond[1] + perSecond[2] < 600) {
        break;
      }
    }
    results.put(
        "node before the latency phase (quiet after the warm-up)",
        String.format(
            Locale.ROOT,
            "%.0f ms of processor time a second over the last 3 s, after %d s",
            (perSecond[0] + perSecond[1] + perSecond[2]) / 3.0,
            seconds));
  }

  private static long benchCpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /** Many streams at once, each passed through as it comes; the node's memory meanwhile. */
  private int streams(String gateway) throws Exception {
    Bench.step(streams + " streams at once, " + streamTokens + " tokens each at 20 a second");
    for (OpenNebulaSimulator s : federation.simulators()) {
      s.appliances().tokensPerSecond(20);
    }
    long before = wildfly.residentMib();
    AtomicLong complete = new AtomicLong();
    AtomicLong broken = new AtomicLong();
    AtomicLong peak = new AtomicLong(before);
    CountDownLatch done = new CountDownLatch(streams);
    ExecutorService readers = Executors.newFixedThreadPool(streams);
    for (int i = 0; i < streams; i++) {
      int n = i;
      readers.execute(
          () -> {
            try {
              HttpResponse<InputStream> r =
                  http.send(
                      call(gateway, chat("stream " + n, streamTokens, true), true),
                      HttpResponse.BodyHandlers.ofInputStream());
              int chunks = 0;
              boolean closed = false;
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.equals("data: [DONE]")) {
                    closed = true;
                  } else if (line.startsWith("data: ")) {
                    chunks++;
                  }
                }
              }
              if (r.statusCode() == 200 && closed && chunks == streamTokens) {
                complete.incrementAndGet();
              } else {
                broken.incrementAndGet();
                failure(
                    "stream: HTTP " + r.statusCode() + ", " + chunks + " chunks, [DONE] " + closed);
              }
            } catch (IOException | InterruptedException e) {
              broken.incrementAndGet();
              failure("stream: " + e);
            } finally {
              done.countDown();
            }
          });
    }
    while (!done.await(500, TimeUnit.MILLISECONDS)) {
      peak.accumulateAndGet(wildfly.residentMib(), Math::max);
    }
    readers.shutdown();
    for (OpenNebulaSimulator s : federation.simulators()) {
      s.appliances().tokensPerSecond(0);
    }
    results.put(
        "streams held at once, complete and in order",
        complete.get() + " of " + streams + " (" + broken.get() + " broken)");
    results.put(
        "node memory (resident) before / peak during the streams",
        before + " / " + peak.get() + " MiB");
    return broken.get() == 0 ? 0 : 1;
  }

  /**
   * Clients call through the gateway while the node is killed with {@code kill -9}; once it is
   * back, every answer received must have its token record (named by the answer's X-Request-Id).
   */
  private int killDuringBurst(String gateway) throws Exception {
    Bench.step("kill -9 of the node during a burst of " + clients + " clients");
    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicBoolean go = new AtomicBoolean(true);
    AtomicLong refused = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    // The node is killed once the burst is well under way: this many answers received.
    CountDownLatch burstUnderWay = new CountDownLatch(500);
    String body = chat("burst", 4, false);
    for (int c = 0; c < clients; c++) {
      pool.execute(
          () -> {
            while (go.get()) {
              try {
                HttpResponse<String> r =
                    http.send(call(gateway, body, true), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  answered.add(r.headers().firstValue("X-Request-Id").orElse("none"));
                  burstUnderWay.countDown();
                } else {
                  refused.incrementAndGet();
                  failure("burst: HTTP " + r.statusCode() + " " + errorCode(r.body()));
                }
              } catch (IOException | InterruptedException e) {
                refused.incrementAndGet();
                failure("burst: " + e.getClass().getSimpleName());
                Bench.pause(100);
              }
            }
          });
    }
    if (!burstUnderWay.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The burst did not get under way: " + answered.size());
    }
    Instant killed = Instant.now();
    wildfly.killHard();
    // The calls in flight fail on the dead node; the clients stop after them.
    go.set(false);
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    Bench.step("Starting the node again after kill -9 at " + killed);
    wildfly = WildFlyServer.start(settings, env);
    List<String> ids = new ArrayList<>(answered);
    Collections.sort(ids);
    long found = 0;
    long written;
    try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedMariaDb.USER, dbPassword)) {
      try (PreparedStatement s =
          c.prepareStatement("SELECT COUNT(*) FROM token_usage WHERE report_key = ?")) {
        for (String id : ids) {
          s.setString(1, id);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            found += rs.getLong(1);
          }
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM token_usage WHERE model_code = 'mistral-7b-instruct'"
                      + " AND input_tokens = 1 AND output_tokens = 4");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        written = rs.getLong(1);
      }
    }
    results.put("answers received during the burst", Integer.toString(ids.size()));
    results.put("of them with their token record after the restart", Long.toString(found));
    results.put(
        "records of the burst written (an answer the kill cut off is billed, not lost)",
        Long.toString(written));
    results.put("calls refused or cut off around the kill", Long.toString(refused.get()));
    return found == ids.size() ? 0 : 1;
  }

  /** Why calls failed, by reason, reported with the results. */
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

  private void failure(String reason) {
    failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
  }

  private static String errorCode(String body) {
    try {
      return json(body).getJsonObject("error").getString("code");
    } catch (RuntimeException e) {
      return body.length() > 80 ? body.substring(0, 80) : body;
    }
  }

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private void stopAll() {
    if (wildfly != null) {
      wildfly.close();
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
