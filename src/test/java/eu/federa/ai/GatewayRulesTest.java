package eu.federa.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.BearerSecret;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's rules that need no server: keys, token counts, the relayed body, errors. */
class GatewayRulesTest {

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  @Test
  void aKeyIsLongRandomAndOnlyItsHashAndPrefixAreKept() {
    BearerSecret a = BearerSecret.generate(BearerSecret.API_KEY);
    BearerSecret b = BearerSecret.generate(BearerSecret.API_KEY);
    assertThat(a.value()).startsWith("fed-").hasSize(47).isNotEqualTo(b.value());
    assertThat(a.prefix()).hasSize(12).isEqualTo(a.value().substring(0, 12));
    assertThat(a.sha256()).hasSize(64).isEqualTo(BearerSecret.sha256Of(a.value()));
    assertThat(a.toString()).doesNotContain(a.value());
    assertThat(BearerSecret.wellFormed(a.value(), BearerSecret.API_KEY)).isTrue();
  }

  @Test
  void malformedKeysAreRefusedBeforeAnyLookup() {
    String good = BearerSecret.generate(BearerSecret.API_KEY).value();
    assertThat(BearerSecret.wellFormed(null, BearerSecret.API_KEY)).isFalse();
    assertThat(BearerSecret.wellFormed("", BearerSecret.API_KEY)).isFalse();
    assertThat(BearerSecret.wellFormed("sk-" + good.substring(3), BearerSecret.API_KEY)).isFalse();
    assertThat(BearerSecret.wellFormed(good + "x", BearerSecret.API_KEY)).isFalse();
    assertThat(BearerSecret.wellFormed(good.substring(0, 46) + "'", BearerSecret.API_KEY))
        .isFalse();
  }

  @Test
  void serverTimingGivesMillisecondsWithThreeDecimals() {
    assertThat(Relay.serverTiming(1_234_567, 89_000))
        .isEqualTo("gateway;dur=1.234, upstream;dur=0.089");
    assertThat(Relay.serverTiming(5_000, 120_000_000_000L))
        .isEqualTo("gateway;dur=0.005, upstream;dur=120000.000");
    // A clock read out of order never gives a negative duration.
    assertThat(Relay.serverTiming(-3, 0)).isEqualTo("gateway;dur=0.000, upstream;dur=0.000");
  }

  @Test
  void reportedUsageIsTakenAsItIs() {
    TokenCount c =
        Relay.countOf(
            json("{\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"),
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":12}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(c).isEqualTo(new TokenCount(7, 12, false));
  }

  @Test
  void embeddingsReportOnlyPromptTokens() {
    assertThat(TokenCount.reported(json("{\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}")))
        .contains(new TokenCount(5, 0, false));
  }

  @Test
  void withoutUsageTheTokensAreEstimatedAndMarkedSo() {
    TokenCount c =
        Relay.countOf(
            json("{\"messages\":[{\"role\":\"user\",\"content\":\"12345678\"}]}"),
            "{\"choices\":[{\"message\":{\"content\":\"123456789\"}}]}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(c).isEqualTo(new TokenCount(2, 3, true));
  }

  @Test
  void aStreamCountsItsUsageChunkOrItsTexts() {
    Relay.StreamCount counted = new Relay.StreamCount();
    JsonObject request = json("{\"prompt\":\"abcd\"}");
    counted.add(json("{\"choices\":[{\"delta\":{\"content\":\"abcdefgh\"}}]}"));
    assertThat(counted.count(request)).isEqualTo(new TokenCount(1, 2, true));
    JsonObject usage =
        json("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9}}");
    assertThat(counted.isUsageOnly(usage)).isTrue();
    counted.add(usage);
    assertThat(counted.count(request)).isEqualTo(new TokenCount(3, 9, false));
  }

  @Test
  void aProjectsEndpointIsReachedByItsProjectsKeysOnlyAndTheOrganisationsByAll() {
    Long lab = 7L;
    Long other = 8L;
    ServingEndpoint own = new ServingEndpoint(1, 2, lab, "own", null, List.of());
    ServingEndpoint shared = new ServingEndpoint(2, 2, null, "shared", null, List.of());
    GatewayCaller labKey = new GatewayCaller(1, 2, lab, "p", true, Set.of(), null, null, 5, null);
    GatewayCaller otherKey =
        new GatewayCaller(2, 2, other, "p", true, Set.of(), null, null, null, null);
    GatewayCaller orgKey = new GatewayCaller(3, 2, null, "p", true, Set.of(), null, null, 5, null);
    GatewayCaller onlyShared =
        new GatewayCaller(4, 2, lab, "p", false, Set.of(2L), null, null, null, null);
    assertThat(labKey.reaches(own.serviceId(), own.projectId())).isTrue();
    assertThat(labKey.reaches(shared.serviceId(), shared.projectId())).isTrue();
    assertThat(otherKey.reaches(own.serviceId(), own.projectId())).isFalse();
    assertThat(orgKey.reaches(own.serviceId(), own.projectId())).isFalse();
    assertThat(orgKey.reaches(shared.serviceId(), shared.projectId())).isTrue();
    assertThat(onlyShared.reaches(own.serviceId(), own.projectId()))
        .as("not among its endpoints")
        .isFalse();
    assertThat(onlyShared.reaches(shared.serviceId(), shared.projectId())).isTrue();
    // A project's limits count for keys of that project only.
    assertThat(labKey.limited()).isTrue();
    assertThat(labKey.projectLimited()).isTrue();
    assertThat(orgKey.projectLimited()).as("no project: nothing to count in").isFalse();
    assertThat(otherKey.limited()).isFalse();
  }

  private static Relay.Call call(String body, boolean stream) {
    GatewayCaller caller =
        new GatewayCaller(1, 2, null, "fed-x", true, Set.of(), null, null, null, null);
    ServingEndpoint endpoint =
        new ServingEndpoint(9, 2, null, "chat", "mistral-7b-instruct", List.of());
    return new Relay.Call(
        caller, endpoint, "/chat/completions", json(body), stream, Instant.EPOCH, "gw-1", 0L);
  }

  @Test
  void theReplicaIsAskedForTheEndpointsModelAndForAStreamsUsage() {
    JsonObject sent =
        json(
            new String(
                Relay.upstreamBody(call("{\"model\":\"chat\",\"stream\":true}", true), true),
                StandardCharsets.UTF_8));
    assertThat(sent.getString("model")).isEqualTo("mistral-7b-instruct");
    assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    assertThat(sent.getBoolean("stream")).isTrue();
  }

  @Test
  void errorsHaveOpenAisShapeAndEscapeWhatTheClientSent() {
    OpenAiError e = OpenAiError.notFound("model_not_found", "The model '\"<x>' does not exist");
    JsonObject body = json(e.json());
    assertThat(body.getJsonObject("error").getString("message"))
        .isEqualTo("The model '\"<x>' does not exist");
    assertThat(body.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
    assertThat(body.getJsonObject("error").getString("code")).isEqualTo("model_not_found");
    assertThat(body.getJsonObject("error").isNull("param")).isTrue();
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void aKeyFormNeedsANameEndpointsAFutureExpiryAndSaneLimits() {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    assertThatThrownBy(() -> new KeyForm(" ", null, false, Set.of(), now, 0, 20_000_000).check(now))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey())
                    .containsExactly(
                        "{federa.text.required}",
                        "aikey.error.endpoints",
                        "aikey.error.expiry",
                        "aikey.error.limit",
                        "aikey.error.limit"));
    new KeyForm("bot", null, true, null, now.plusSeconds(60), 10, 1000).check(now);
  }
}
