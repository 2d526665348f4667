package eu.federa.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.SimAppliances;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.BearerSecret;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.AiKind;
import eu.federa.provisioning.AiServiceForm;
import eu.federa.provisioning.AiServiceView;
import eu.federa.provisioning.AiServices;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamProjects;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AI gateway end to end: an inference endpoint of two replicas on a simulated provider whose
 * appliances answer as vLLM would (SimAppliances), called over HTTP with the organisation's API
 * keys; the tokens each answer reports are written as the request's record.
 */
class GatewayIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject Catalog catalog;
  @Inject TeamFixture fixture;
  @Inject AiServices ai;
  @Inject ApiKeys keys;
  @Inject TeamMembers members;
  @Inject TeamProjects projects;
  @Inject ProjectLimits limits;
  @Inject TokenMeter meter;
  @Inject AiUsage usage;

  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatedSite site;
  private AuthenticatedUser admin;
  private long tenantId;
  private String tag;

  @BeforeEach
  void endpointSite() throws Exception {
    PlatformAdminCaller.reset();
    tag = UUID.randomUUID().toString().substring(0, 4);
    site = SimulatedSite.start(registry, sync, catalog, "gw" + tag, "10.83.0.10");
    int gpuCluster = site.cloud.addCluster("gw" + tag + "-gpu");
    for (int h = 1; h <= 2; h++) {
      int host = site.cloud.addHost("gw" + tag + "-gpu-" + h, gpuCluster, 32, 262144, 1_000_000);
      site.cloud.addGpu(host, "10de", "26b9", "L40S 48GB", "0302");
    }
    sync.syncNow(site.providerId);
    catalog.offer("vllm-appliance", site.providerId, site.template);
    admin = fixture.person("Gina", "gw-" + tag + ".example");
    tenantId = fixture.tenantOf(admin, "Gateway Test " + UUID.randomUUID());
    fixture.as(admin);
  }

  @AfterEach
  void stop() {
    SimulatedSite.stopAll(fixture, registry, site);
  }

  private static String gateway() {
    return "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080") + "/federa-it/ai/v1";
  }

  /** An inference endpoint named {@code name} of {@code replicas} VMs, running. */
  private AiServiceView endpoint(String name, int replicas) {
    return endpoint(name, replicas, null);
  }

  /** As above, for a project of the organisation (null: the organisation's own). */
  private AiServiceView endpoint(String name, int replicas, Long projectId) {
    fixture.as(admin);
    long id =
        ai.order(
            tenantId,
            new AiServiceForm(
                AiKind.INFERENCE,
                name,
                "mistral-7b-instruct",
                "gpu-l40s",
                replicas,
                null,
                null,
                List.of("FR"),
                UUID.randomUUID().toString(),
                projectId));
    AiServiceView running =
        eventually(Duration.ofSeconds(90))
            .until(
                () -> {
                  fixture.as(admin);
                  return ai.service(tenantId, id);
                },
                v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(running.state()).as("%s", running.vms()).isEqualTo(OrderState.RUNNING);
    return running;
  }

  private String key(KeyForm form) {
    fixture.as(admin);
    return keys.create(tenantId, form).secret();
  }

  private String keyForAll() {
    return key(new KeyForm("all-" + tag, null, true, Set.of(), null, null, null));
  }

  private HttpResponse<String> post(String key, String path, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(gateway() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      r.header("Authorization", "Bearer " + key);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  private static String chat(String model, String prompt, int maxTokens, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"max_tokens\":"
        + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt
        + "\"}]"
        + extra
        + "}";
  }

  /** A chat completion asked for as a stream: the answer as it comes. */
  private HttpResponse<InputStream> stream(String key, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway() + "/chat/completions"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  /**
   * The token records of the tenant: key, input, output, estimated. What the journal holds is
   * written first: a record must be journaled before its answer, so every answered call has one.
   */
  private List<String> records() {
    meter.flush();
    Object joined =
        fixture.single(
            "SELECT GROUP_CONCAT(CONCAT(IFNULL(key_id, '-'), '|', input_tokens, '|',"
                + " output_tokens, '|', estimated, '|', model_code) ORDER BY id SEPARATOR ';')"
                + " FROM token_usage WHERE tenant_id = ?1",
            tenantId);
    return joined == null ? List.of() : List.of(joined.toString().split(";"));
  }

  private long keyId(String secret) {
    return ((Number)
            fixture.single(
                "SELECT id FROM ai_key WHERE secret_sha256 = ?1", BearerSecret.sha256Of(secret)))
        .longValue();
  }

  /** The management interface's metrics (Prometheus' text). */
  private static String metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + System.getProperty("jboss.management.http.port", "9990")
                            + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The value of the gateway's request counter for a call and a status (0 when not yet there). */
  private static double requests(String metrics, String call, String status) {
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("federa_ai_requests_total{")
          && line.contains("call=\"" + call + "\"")
          && line.contains("status=\"" + status + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @Test
  void anEndpointAnswersThroughTheGatewayAndItsTokensAreWrittenExactly() throws Exception {
    endpoint("chat-" + tag, 2);
    String key = keyForAll();
    long keyId = keyId(key);
    String metricsBefore = metrics();

    HttpResponse<String> models =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway() + "/models"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(json(models.body()).getJsonArray("data").getJsonObject(0).getString("id"))
        .isEqualTo("chat-" + tag);

    String prompt = "how far is Lisbon from Warsaw";
    HttpResponse<String> answer =
        post(key, "/chat/completions", chat("chat-" + tag, prompt, 9, ""));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonObject body = json(answer.body());
    String expected = String.join(" ", SimAppliances.answerTo(prompt + " ", 9));
    assertThat(
            body.getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content"))
        .isEqualTo(expected);
    assertThat(body.getString("model")).isEqualTo("mistral-7b-instruct");
    // The answer names its token record: journaled before the answer was sent.
    String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
    // Where the call's time went: the gateway's own part and the replica's.
    assertThat(answer.headers().firstValue("Server-Timing").orElseThrow())
        .matches("gateway;dur=\\d+\\.\\d{3}, upstream;dur=\\d+\\.\\d{3}");
    meter.flush();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT output_tokens FROM token_usage WHERE report_key = ?1", requestId))
                .longValue())
        .isEqualTo(9);
    assertThat(body.getJsonObject("usage").getInt("prompt_tokens")).isEqualTo(6);

    // The model's code names the endpoint too; completions and embeddings pass as well.
    assertThat(
            post(
                    key,
                    "/completions",
                    "{\"model\":\"mistral-7b-instruct\",\"prompt\":\"one two three\",\"max_tokens\":4}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> embedded =
        post(key, "/embeddings", "{\"model\":\"chat-" + tag + "\",\"input\":[\"a b\",\"c\"]}");
    assertThat(embedded.statusCode()).isEqualTo(200);
    assertThat(json(embedded.body()).getJsonArray("data")).hasSize(2);

    assertThat(records())
        .containsExactly(
            keyId + "|6|9|0|mistral-7b-instruct",
            keyId + "|3|4|0|mistral-7b-instruct",
            keyId + "|3|0|0|mistral-7b-instruct");
    // The API keys page's usage of the month: the key's three calls on one line.
    assertThat(usage.ofMonth(tenantId, YearMonth.now(ZoneOffset.UTC)))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.keyId()).isEqualTo(keyId);
              assertThat(line.endpoint()).isEqualTo("chat-" + tag);
              assertThat(line.requests()).isEqualTo(3);
              assertThat(line.inputTokens()).isEqualTo(12);
              assertThat(line.outputTokens()).isEqualTo(13);
              assertThat(line.estimatedRequests()).isZero();
            });

    // Each call is counted by what was called and the status answered; a refusal too.
    assertThat(post(null, "/chat/completions", chat("chat-" + tag, "x", 1, "")).statusCode())
        .isEqualTo(401);
    String metricsAfter = metrics();
    assertThat(requests(metricsAfter, "/chat/completions", "200"))
        .isEqualTo(requests(metricsBefore, "/chat/completions", "200") + 1);
    assertThat(requests(metricsAfter, "/embeddings", "200"))
        .isEqualTo(requests(metricsBefore, "/embeddings", "200") + 1);
    assertThat(requests(metricsAfter, "/chat/completions", "401"))
        .isEqualTo(requests(metricsBefore, "/chat/completions", "401") + 1);
  }

  @Test
  void aJournalLeftByAKilledNodeIsWrittenOnceWhenItReachesAJournalDirectory() throws Exception {
    // What a node killed after answering leaves: records journaled and not yet in the database,
    // one of them written already (killed between its commit and the file's removal), and a last
    // line cut off mid-write (never answered).
    Instant at = Instant.now().minusSeconds(5);
    List<TokenJournal.Entry> left = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      left.add(
          new TokenJournal.Entry(
              new eu.federa.billing.TokenRecord(
                  tenantId,
                  null,
                  999_000 + n,
                  null,
                  "mistral-7b-instruct",
                  site.providerId,
                  "gw" + tag,
                  "FR",
                  at,
                  at.plusMillis(20),
                  10L * n,
                  n,
                  false,
                  "left-" + tag + "-" + n),
              null,
              null));
    }
    meter.commit(left.subList(0, 1));
    String text =
        TokenJournal.line(left.get(0))
            + "\n"
            + TokenJournal.line(left.get(1))
            + "\n"
            + TokenJournal.line(left.get(2)).substring(0, 30);
    Path dir = TokenMeter.directory();
    Path copying = dir.resolve("copying-" + tag + ".part");
    Files.writeString(copying, text, StandardCharsets.UTF_8);
    Path file = dir.resolve("tokens-000000000000001-" + tag + ".jsonl");
    Files.move(copying, file, StandardCopyOption.ATOMIC_MOVE);

    eventually(Duration.ofSeconds(10)).until(() -> !Files.exists(file));
    assertThat(records())
        .containsExactly("-|10|1|0|mistral-7b-instruct", "-|20|2|0|mistral-7b-instruct");
  }

  @Test
  void aStreamPassesThroughInOrderAndIsMeteredFromTheUsageTheGatewayAskedFor() throws Exception {
    AiServiceView service = endpoint("stream-" + tag, 1);
    site.simulator.appliances().tokensPerSecond(200);
    String key = keyForAll();
    String prompt = "write a short poem";
    HttpResponse<InputStream> answer =
        stream(key, chat("stream-" + tag, prompt, 20, ",\"stream\":true"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(answer.headers().firstValue("Server-Timing").orElseThrow())
        .startsWith("gateway;dur=");
    List<String> data = new ArrayList<>();
    Instant firstAt = null;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data: ")) {
          if (firstAt == null) {
            firstAt = Instant.now();
          }
          data.add(line.substring(6));
        }
      }
    }
    Instant lastAt = Instant.now();
    // 20 chunks at 200 a second: the first came well before the last (not buffered whole).
    assertThat(Duration.between(firstAt, lastAt)).isGreaterThan(Duration.ofMillis(50));
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    for (String d : data.subList(0, data.size() - 1)) {
      JsonObject chunk = json(d);
      // The usage chunk the gateway asked for on the client's behalf is not passed on.
      assertThat(chunk.containsKey("usage")).isFalse();
      text.append(
          chunk
              .getJsonArray("choices")
              .getJsonObject(0)
              .getJsonObject("delta")
              .getString("content"));
    }
    assertThat(text.toString())
        .isEqualTo(String.join(" ", SimAppliances.answerTo(prompt + " ", 20)));
    assertThat(records()).containsExactly(keyId(key) + "|4|20|0|mistral-7b-instruct");

    // Without usage from the replica, the counts are estimated and marked so.
    String ip = service.vms().get(0).ipAddress();
    site.simulator.appliances().fault(ip, SimAppliances.Fault.NO_USAGE);
    assertThat(
            post(key, "/chat/completions", chat("stream-" + tag, "abcdefgh", 3, "")).statusCode())
        .isEqualTo(200);
    long answerTokens =
        TokenCount.estimate(String.join(" ", SimAppliances.answerTo("abcdefgh ", 3)).length());
    assertThat(records())
        .last()
        .isEqualTo(keyId(key) + "|2|" + answerTokens + "|1|mistral-7b-instruct");
  }

  @Test
  void aStreamWhoseModelServerFallsSilentIsEndedWithAnErrorAndWhatCameIsBilled() throws Exception {
    AiServiceView service = endpoint("silent-" + tag, 1);
    site.simulator.appliances().fault(service.vms().get(0).ipAddress(), SimAppliances.Fault.STALLS);
    String key = keyForAll();
    String property = "federa.ai.upstream-timeout-seconds";
    String was = System.getProperty(property);
    System.setProperty(property, "1");
    List<String> data = new ArrayList<>();
    Instant sent = Instant.now();
    try {
      HttpResponse<InputStream> answer =
          stream(key, chat("silent-" + tag, "tell me everything", 20, ",\"stream\":true"));
      assertThat(answer.statusCode()).isEqualTo(200);
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data: ")) {
            data.add(line.substring(6));
          }
        }
      }
      // A whole answer that stops halfway: 504, not an empty answer.
      HttpResponse<String> cut =
          post(key, "/chat/completions", chat("silent-" + tag, "tell me everything", 20, ""));
      assertThat(cut.statusCode()).isEqualTo(504);
      assertThat(json(cut.body()).getJsonObject("error").getString("message"))
          .contains("stopped sending its answer for 1 s");
    } finally {
      if (was == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, was);
      }
    }
    // Ended by the gateway about a second into the silence, not by the model server's minute.
    assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(30));
    assertThat(data).hasSize(4).doesNotContain("[DONE]");
    JsonObject error = json(data.get(3)).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("upstream_timeout");
    assertThat(error.getString("message")).contains("sent nothing for 1 s");
    // The three tokens that came are billed, counted by the gateway (no usage came).
    String came = String.join(" ", SimAppliances.answerTo("tell me everything ", 20).subList(0, 3));
    assertThat(records())
        .containsExactly(
            keyId(key)
                + "|"
                + TokenCount.estimate("tell me everything".length())
                + "|"
                + TokenCount.estimate(came.length())
                + "|1|mistral-7b-instruct");
  }

  @Test
  void aFailingOrUnreadyReplicaIsPassedOverForAnother() throws Exception {
    AiServiceView service = endpoint("routed-" + tag, 2);
    List<String> ips = service.vms().stream().map(OrderView::ipAddress).toList();
    String key = keyForAll();
    site.simulator.appliances().fault(ips.get(0), SimAppliances.Fault.FAILING);
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r =
          post(key, "/chat/completions", chat("routed-" + tag, "hi " + i, 2, ""));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(site.simulator.appliances().served(ips.get(0))).isZero();
    assertThat(site.simulator.appliances().served(ips.get(1))).isEqualTo(6);
    assertThat(records()).hasSize(6);

    // Both failing: 502 in OpenAI's shape, and nothing is billed.
    site.simulator.appliances().fault(ips.get(1), SimAppliances.Fault.FAILING);
    HttpResponse<String> failed = post(key, "/chat/completions", chat("routed-" + tag, "x", 2, ""));
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json(failed.body()).getJsonObject("error").getString("code"))
        .isEqualTo("upstream_error");
    assertThat(records()).hasSize(6);

    // Neither ready (the model still loading): 503 with Retry-After, once the checks expire.
    site.simulator.appliances().fault(ips.get(0), SimAppliances.Fault.NOT_READY);
    site.simulator.appliances().fault(ips.get(1), SimAppliances.Fault.NOT_READY);
    HttpResponse<String> unready =
        eventually(Duration.ofSeconds(15))
            .until(
                () -> post(key, "/chat/completions", chat("routed-" + tag, "x", 2, "")),
                r -> r.statusCode() == 503);
    assertThat(json(unready.body()).getJsonObject("error").getString("code"))
        .isEqualTo("no_replica_ready");
    assertThat(unready.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void keysAreRefusedWhenUnknownRevokedOutOfScopeOrTheirCreatorLeft() throws Exception {
    AiServiceView mine = endpoint("scoped-" + tag, 1);
    String body = chat("scoped-" + tag, "hello", 2, "");
    assertThat(post(null, "/chat/completions", body).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown =
        post(BearerSecret.generate(BearerSecret.API_KEY).value(), "/chat/completions", body);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(json(unknown.body()).getJsonObject("error").getString("code"))
        .isEqualTo("invalid_api_key");

    // A key for one endpoint: another name is refused with 403, a name nobody has with 404.
    String narrow = key(new KeyForm("narrow", null, false, Set.of(mine.id()), null, null, null));
    assertThat(post(narrow, "/chat/completions", body).statusCode()).isEqualTo(200);
    assertThat(post(narrow, "/chat/completions", chat("nobody-" + tag, "x", 2, "")).statusCode())
        .isEqualTo(404);
    assertThat(post(narrow, "/chat/completions", "{\"model\":").statusCode()).isEqualTo(400);

    // Revoked: the very next request is refused, and the refusal is audited.
    String revoked = keyForAll();
    assertThat(post(revoked, "/chat/completions", body).statusCode()).isEqualTo(200);
    fixture.as(admin);
    keys.revoke(tenantId, keyId(revoked));
    HttpResponse<String> refused = post(revoked, "/chat/completions", body);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json(refused.body()).getJsonObject("error").getString("code"))
        .isEqualTo("key_revoked");
    assertThat(fixture.countAudit(tenantId, "AI_KEY_REFUSED", "REJECTED")).isEqualTo(1);
    assertThat(fixture.countAudit(tenantId, "AI_KEY_REVOKED", "SUCCESS")).isEqualTo(1);

    // A key past its expiry is refused.
    String brief =
        key(new KeyForm("brief", null, true, null, Instant.now().plusSeconds(2), null, null));
    assertThat(post(brief, "/chat/completions", body).statusCode()).isEqualTo(200);
    HttpResponse<String> expired =
        eventually(Duration.ofSeconds(15))
            .until(() -> post(brief, "/chat/completions", body), r -> r.statusCode() == 401);
    assertThat(json(expired.body()).getJsonObject("error").getString("code"))
        .isEqualTo("key_expired");

    // A member's key stops when they leave, until a tenant admin keeps it for the project.
    AuthenticatedUser member = fixture.memberOf(tenantId, "Max", "gw-" + tag + ".example");
    fixture.as(member);
    String theirs =
        keys.create(tenantId, new KeyForm("max", null, true, null, null, null, null)).secret();
    assertThat(post(theirs, "/chat/completions", body).statusCode()).isEqualTo(200);
    long membership =
        ((Number)
                fixture.single(
                    "SELECT id FROM tenant_membership WHERE tenant_id = ?1 AND user_subject = ?2",
                    tenantId,
                    member.subject()))
            .longValue();
    fixture.as(admin);
    members.removeMember(tenantId, membership);
    // Refused at once: the removal tells the gateway, whatever its key cache holds.
    HttpResponse<String> left = post(theirs, "/chat/completions", body);
    assertThat(left.statusCode()).isEqualTo(401);
    assertThat(json(left.body()).getJsonObject("error").getString("code"))
        .isEqualTo("key_creator_left");
    fixture.as(admin);
    assertThat(keys.page(tenantId, 0, 500).rows())
        .filteredOn(k -> k.name().equals("max"))
        .singleElement()
        .extracting(KeyView::status)
        .isEqualTo("CREATOR_LEFT");
    keys.keepForProject(tenantId, keyId(theirs));
    assertThat(post(theirs, "/chat/completions", body).statusCode()).isEqualTo(200);
  }

  /**
   * Another node revokes a key: this node was not told, and its cache alone would keep the key for
   * ten minutes, yet it refuses the key within a fraction of a second (it reads the keys changed
   * lately; the bound below is only for a slow machine).
   */
  @Test
  void aKeyRevokedOnAnotherNodeIsRefusedHereLongBeforeTheCacheWouldForgetIt() throws Exception {
    endpoint("elsewhere-" + tag, 1);
    String key = keyForAll();
    String body = chat("elsewhere-" + tag, "hello", 2, "");
    String cacheMillis = "federa.ai.key-cache-millis";
    String was = System.getProperty(cacheMillis);
    System.setProperty(cacheMillis, "600000");
    try {
      assertThat(Setting.AI_KEY_CACHE_MILLIS.intValue()).isEqualTo(600_000);
      assertThat(post(key, "/chat/completions", body).statusCode()).isEqualTo(200);
      Instant now = Instant.now();
      fixture.execute(
          "UPDATE ai_key SET revoked_at = ?1, revoked_by = 'another node', changed_at = ?1"
              + " WHERE id = ?2",
          now,
          keyId(key));
      HttpResponse<String> refused =
          eventually(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> post(key, "/chat/completions", body), r -> r.statusCode() == 401);
      assertThat(json(refused.body()).getJsonObject("error").getString("code"))
          .isEqualTo("key_revoked");
    } finally {
      if (was == null) {
        System.clearProperty(cacheMillis);
      } else {
        System.setProperty(cacheMillis, was);
      }
    }
  }

  /** The model names {@code GET models} lists for a key. */
  private List<String> models(String key) throws Exception {
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway() + "/models"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    return json(list.body()).getJsonArray("data").stream()
        .map(m -> m.asJsonObject().getString("id"))
        .toList();
  }

  @Test
  void aProjectsEndpointAnswersOnlyThatProjectsKeysAndTheOrganisationsAnswersAll()
      throws Exception {
    long lab = projects.createProject(tenantId, "Lab " + tag, "");
    long other = projects.createProject(tenantId, "Other " + tag, "");
    AiServiceView own = endpoint("proj-" + tag, 1, lab);
    assertThat(own.projectId()).isEqualTo(lab);
    assertThat(own.vms()).extracting(OrderView::projectId).containsOnly(lab);
    endpoint("shared-" + tag, 1, null);
    String labKey = key(new KeyForm("lab", lab, true, Set.of(), null, null, null));
    String otherKey = key(new KeyForm("other", other, true, Set.of(), null, null, null));
    String orgKey = keyForAll();
    key(new KeyForm("lab-own", lab, false, Set.of(own.id()), null, null, null));

    // The keys a page at a time, newest first, each naming the endpoints it reaches; the
    // endpoints a key may be given are the live inference ones.
    ResultPage<KeyView> newest = keys.page(tenantId, 0, 2);
    assertThat(newest.rows()).extracting(KeyView::name).containsExactly("lab-own", "all-" + tag);
    assertThat(newest.rows().get(0).endpoints()).containsExactly("proj-" + tag);
    assertThat(newest.rows().get(0).projectName()).isEqualTo("Lab " + tag);
    assertThat(newest.total()).isGreaterThanOrEqualTo(4);
    assertThat(keys.page(tenantId, 2, 2).rows())
        .extracting(KeyView::name)
        .containsExactly("other", "lab");
    assertThat(ai.liveEndpoints(tenantId))
        .extracting(AiServices.Endpoint::name)
        .contains("proj-" + tag, "shared-" + tag);

    // The project's key reaches its project's endpoint and the organisation's.
    assertThat(post(labKey, "/chat/completions", chat("proj-" + tag, "hi", 2, "")).statusCode())
        .isEqualTo(200);
    assertThat(post(labKey, "/chat/completions", chat("shared-" + tag, "hi", 2, "")).statusCode())
        .isEqualTo(200);
    assertThat(models(labKey)).containsExactlyInAnyOrder("proj-" + tag, "shared-" + tag);
    // Another project's key, and the organisation's, do not reach the project's endpoint.
    for (String outsider : List.of(otherKey, orgKey)) {
      HttpResponse<String> refused =
          post(outsider, "/chat/completions", chat("proj-" + tag, "hi", 2, ""));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(json(refused.body()).getJsonObject("error").getString("code"))
          .isEqualTo("endpoint_not_allowed");
      assertThat(models(outsider)).containsExactly("shared-" + tag);
      assertThat(
              post(outsider, "/chat/completions", chat("shared-" + tag, "hi", 2, "")).statusCode())
          .isEqualTo(200);
    }
    // A key of another project cannot even be made for the endpoint; nothing is saved.
    int before = keys.page(tenantId, 0, 500).rows().size();
    assertThatThrownBy(
            () -> key(new KeyForm("wrong", other, false, Set.of(own.id()), null, null, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors().get(0).messageKey())
                    .isEqualTo("aikey.error.endpointOfAnotherProject"));
    assertThat(keys.page(tenantId, 0, 500).rows()).hasSize(before);
  }

  @Test
  void aProjectsLimitHoldsForAllItsKeysTogether() throws Exception {
    long lab = projects.createProject(tenantId, "Limited " + tag, "");
    endpoint("plim-" + tag, 1, lab);
    fixture.as(admin);
    assertThatThrownBy(() -> limits.set(tenantId, lab, new ProjectLimits.Form(0, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("requestsPerMinute"));
    // A key used before the limit was set: the gateway read it without one, and must not go on
    // trusting that read (its cache would keep it two seconds).
    String one = key(new KeyForm("one", lab, true, Set.of(), null, null, null));
    String body = chat("plim-" + tag, "hello", 2, "");
    assertThat(post(one, "/chat/completions", body).statusCode()).isEqualTo(200);
    limits.set(tenantId, lab, new ProjectLimits.Form(2, null));
    assertThat(limits.list(tenantId))
        .filteredOn(l -> l.projectId() == lab)
        .singleElement()
        .satisfies(l -> assertThat(l.requestsPerMinute()).isEqualTo(2));
    assertThat(fixture.countAudit(tenantId, "AI_PROJECT_LIMITS_SET", "SUCCESS")).isEqualTo(1);
    String two = key(new KeyForm("two", lab, true, Set.of(), null, null, null));
    // Three requests of two keys inside one minute (a fresh one when this one is nearly over).
    eventually(Duration.ofSeconds(61)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
    assertThat(post(one, "/chat/completions", body).statusCode()).isEqualTo(200);
    assertThat(post(two, "/chat/completions", body).statusCode()).isEqualTo(200);
    HttpResponse<String> third = post(one, "/chat/completions", body);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json(third.body()).getJsonObject("error").getString("code"))
        .isEqualTo("rate_limit_exceeded");
    assertThat(json(third.body()).getJsonObject("error").getString("message"))
        .contains("project")
        .contains("2 requests per minute");
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aKeysRequestLimitAnswers429WithRetryAfter() throws Exception {
    endpoint("limited-" + tag, 1);
    String key = key(new KeyForm("limited", null, true, null, null, 2, null));
    String body = chat("limited-" + tag, "hello", 2, "");
    // Three requests inside one minute (wait for a fresh one when this one is nearly over).
    eventually(Duration.ofSeconds(61)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 45);
    assertThat(post(key, "/chat/completions", body).statusCode()).isEqualTo(200);
    assertThat(post(key, "/chat/completions", body).statusCode()).isEqualTo(200);
    HttpResponse<String> third = post(key, "/chat/completions", body);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json(third.body()).getJsonObject("error").getString("code"))
        .isEqualTo("rate_limit_exceeded");
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(records()).hasSize(2);
  }

  @Test
  void beyondTheNodesCallLimitACallIsAnswered503InOpenAisShapeAndLaterOnesAgain200()
      throws Exception {
    endpoint("busy-" + tag, 1);
    String key = keyForAll();
    String body = chat("busy-" + tag, "hello", 2, "");
    site.simulator.appliances().firstByteDelay(Duration.ofSeconds(3));
    System.setProperty("federa.ai.max-concurrent", "1");
    try {
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try {
        Future<HttpResponse<String>> first =
            caller.submit(() -> post(key, "/chat/completions", body));
        // Once the replica holds the first call, the next is refused at once.
        eventually(Duration.ofSeconds(10))
            .until(() -> site.simulator.appliances().answering() == 1);
        HttpResponse<String> refused = post(key, "/chat/completions", body);
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonObject error = json(refused.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("overloaded");
        assertThat(error.getString("message")).contains("retry shortly");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      } finally {
        caller.shutdownNow();
      }
    } finally {
      System.clearProperty("federa.ai.max-concurrent");
      site.simulator.appliances().firstByteDelay(Duration.ZERO);
    }
    assertThat(post(key, "/chat/completions", body).statusCode()).isEqualTo(200);
  }

  @Test
  void aSpentBudgetSetToBlockStopsTheOrganisationsKeys() throws Exception {
    endpoint("budget-" + tag, 1);
    String key = keyForAll();
    String body = chat("budget-" + tag, "hello", 2, "");
    assertThat(post(key, "/chat/completions", body).statusCode()).isEqualTo(200);
    fixture.execute(
        "UPDATE tenant_quota SET monthly_budget_eur = 0, budget_action = 'BLOCK'"
            + " WHERE tenant_id = ?1",
        tenantId);
    HttpResponse<String> blocked =
        eventually(Duration.ofSeconds(10))
            .until(() -> post(key, "/chat/completions", body), r -> r.statusCode() == 429);
    assertThat(json(blocked.body()).getJsonObject("error").getString("code"))
        .isEqualTo("insufficient_quota");
    assertThat(json(blocked.body()).getJsonObject("error").getString("message")).contains("budget");
  }
}
