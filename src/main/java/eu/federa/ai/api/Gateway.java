package eu.federa.ai.api;

import eu.federa.ai.Endpoints;
import eu.federa.ai.GatewayCaller;
import eu.federa.ai.GatewayJson;
import eu.federa.ai.GatewayKeys;
import eu.federa.ai.OpenAiError;
import eu.federa.ai.RateLimits;
import eu.federa.ai.Relay;
import eu.federa.platform.config.Setting;
import eu.federa.provisioning.AiServices;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AI gateway: one OpenAI-compatible address for every inference endpoint of an organisation,
 * {@code /ai/v1/models}, {@code chat/completions}, {@code completions} and {@code embeddings},
 * called with {@code Authorization: Bearer <API key>}. The request's {@code model} names the
 * endpoint (its name, or the model it serves). Each request runs, from start to end, on a thread of
 * the gateway's own pool ({@link GatewayThreads}, given to Undertow by {@link GatewayPath}), so a
 * long stream holds no thread of the web server. Errors have OpenAI's shape.
 */
@WebServlet(urlPatterns = AiServices.GATEWAY_PATH + "/*", loadOnStartup = 1)
public class Gateway extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The largest request body taken (a long conversation with its context). */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private static final Set<String> CALLS =
      Set.of("/chat/completions", "/completions", "/embeddings");
  private static final Set<String> STREAMABLE = Set.of("/chat/completions", "/completions");

  @Inject transient GatewayKeys keys;
  @Inject transient Endpoints endpointsOf;
  @Inject transient RateLimits limits;
  @Inject transient Relay relay;
  @Inject transient eu.federa.platform.metrics.Meters meters;

  @Resource transient ManagedThreadFactory threadFactory;

  private transient GatewayThreads threads;

  /** Calls being relayed on this node, against {@link Setting#AI_MAX_CONCURRENT}. */
  private final AtomicInteger relaying = new AtomicInteger();

  /** The setting when the gateway started: the size of its pool. */
  private int callLimit;

  @Override
  public void init() {
    callLimit = Setting.AI_MAX_CONCURRENT.intValue();
    threads = (GatewayThreads) getServletContext().getAttribute(GatewayPath.THREADS);
    threads.start(threadFactory, callLimit);
  }

  @Override
  public void destroy() {
    if (threads != null) {
      threads.stop();
    }
  }

  /**
   * Serves a call and counts it ({@code federa_ai_requests_total}) by what was called and the
   * status answered: the gateway's traffic and refusals at a glance, beside its tokens.
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean failed = true;
    try {
      serve(request, response);
      failed = false;
    } finally {
      String path = request.getPathInfo() == null ? "" : request.getPathInfo();
      meters.count(
          "federa.ai.requests",
          1,
          "call",
          CALLS.contains(path) || path.equals("/models") ? path : "other",
          "status",
          failed ? "500" : Integer.toString(response.getStatus()));
    }
  }

  private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long received = System.nanoTime();
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String method = request.getMethod();
    boolean models = path.equals("/models");
    if (!models && !CALLS.contains(path)) {
      Relay.send(
          response,
          OpenAiError.notFound("unknown_url", "Unknown request URL: " + method + " /v1" + path));
      return;
    }
    if (models ? !"GET".equals(method) : !"POST".equals(method)) {
      response.setHeader("Allow", models ? "GET" : "POST");
      Relay.send(
          response,
          new OpenAiError(
              405,
              "invalid_request_error",
              "method_not_allowed",
              method + " is not allowed on /v1" + path));
      return;
    }
    GatewayCaller caller = authenticate(request, response);
    if (caller == null) {
      return;
    }
    List<ServingEndpoint> endpoints = endpointsOf.of(caller.tenantId());
    if (models) {
      listModels(caller, endpoints, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      Relay.send(
          response,
          new OpenAiError(
              413,
              "invalid_request_error",
              "request_too_large",
              "The request body is larger than " + MAX_REQUEST_BYTES + " bytes."));
      return;
    }
    JsonObject call;
    try (JsonReader reader = GatewayJson.PROVIDER.createReader(new ByteArrayInputStream(body))) {
      call = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      Relay.send(
          response,
          OpenAiError.badRequest("invalid_json", "The request body is not a JSON object."));
      return;
    }
    if (!(call.get("model") instanceof JsonString modelName) || modelName.getString().isBlank()) {
      Relay.send(
          response,
          OpenAiError.badRequest("missing_model", "The request must name a model (\"model\")."));
      return;
    }
    JsonValue streamValue = call.get("stream");
    boolean stream = streamValue == JsonValue.TRUE;
    if (stream && !STREAMABLE.contains(path)) {
      Relay.send(
          response,
          OpenAiError.badRequest("stream_unsupported", "/v1" + path + " does not stream."));
      return;
    }
    Optional<ServingEndpoint> named = find(modelName.getString(), endpoints, caller);
    if (named.isEmpty()) {
      boolean outOfScope = find(modelName.getString(), endpoints, null).isPresent();
      Relay.send(
          response,
          outOfScope
              ? OpenAiError.forbidden(
                  "endpoint_not_allowed",
                  "This API key may not call the model '" + modelName.getString() + "'.")
              : OpenAiError.notFound(
                  "model_not_found",
                  "The model '"
                      + modelName.getString()
                      + "' does not exist or you do not have access to it."));
      return;
    }
    ServingEndpoint endpoint = named.get();
    if (endpoint.replicas().isEmpty()) {
      response.setHeader("Retry-After", "30");
      Relay.send(
          response,
          OpenAiError.unavailable(
              "endpoint_not_running",
              "The endpoint '" + endpoint.name() + "' has no replica running now."));
      return;
    }
    if (caller.limited()) {
      RateLimits.Admission admission = limits.admit(caller);
      if (!admission.admitted()) {
        response.setHeader("Retry-After", Long.toString(admission.retryAfterSeconds()));
        Relay.send(
            response,
            OpenAiError.tooMany(
                "rate_limit_exceeded",
                switch (admission.what()) {
                      case "requests" ->
                          "Rate limit of this API key reached ("
                              + caller.requestsPerMinute()
                              + " requests per minute).";
                      case "tokens" ->
                          "Rate limit of this API key reached ("
                              + caller.tokensPerMinute()
                              + " tokens per minute).";
                      case "projectRequests" ->
                          "Rate limit of this key's project reached ("
                              + caller.projectRequestsPerMinute()
                              + " requests per minute for all its keys).";
                      default ->
                          "Rate limit of this key's project reached ("
                              + caller.projectTokensPerMinute()
                              + " tokens per minute for all its keys).";
                    }
                    + " Retry after "
                    + admission.retryAfterSeconds()
                    + " s."));
        return;
      }
    }
    Relay.Call relayed =
        new Relay.Call(
            caller,
            endpoint,
            path,
            call,
            stream,
            Instant.now(),
            "gw-" + UUID.randomUUID(),
            received);
    // The setting is read live; the pool was sized by its value at the start.
    if (relaying.incrementAndGet() > Math.min(Setting.AI_MAX_CONCURRENT.intValue(), callLimit)) {
      relaying.decrementAndGet();
      response.setHeader("Retry-After", "1");
      Relay.send(
          response,
          OpenAiError.unavailable(
              "overloaded", "The gateway is serving as many requests as it can; retry shortly."));
      return;
    }
    try {
      relay.serve(relayed, response);
    } finally {
      relaying.decrementAndGet();
    }
  }

  private GatewayCaller authenticate(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      response.setHeader("WWW-Authenticate", "Bearer");
      Relay.send(
          response,
          OpenAiError.unauthenticated(
              "missing_api_key",
              "You didn't provide an API key: send it as 'Authorization: Bearer <key>'."));
      return null;
    }
    GatewayKeys.Outcome outcome = keys.check(header.substring(7).trim());
    if (outcome instanceof GatewayKeys.Refused refused) {
      if (refused.error().status() == 401) {
        response.setHeader("WWW-Authenticate", "Bearer");
      }
      Relay.send(response, refused.error());
      return null;
    }
    return ((GatewayKeys.Allowed) outcome).caller();
  }

  /**
   * The endpoint a request names: by its name, else the one serving that model (the first by age
   * when several do); only among those the caller reaches, unless {@code caller} is null.
   */
  static Optional<ServingEndpoint> find(
      String model, List<ServingEndpoint> endpoints, GatewayCaller caller) {
    List<ServingEndpoint> reachable =
        endpoints.stream()
            .filter(e -> caller == null || caller.reaches(e.serviceId(), e.projectId()))
            .toList();
    return reachable.stream()
        .filter(e -> e.name().equals(model))
        .findFirst()
        .or(() -> reachable.stream().filter(e -> model.equals(e.modelCode())).findFirst());
  }

  private static void listModels(
      GatewayCaller caller, List<ServingEndpoint> endpoints, HttpServletResponse response)
      throws IOException {
    JsonArrayBuilder data = GatewayJson.PROVIDER.createArrayBuilder();
    for (ServingEndpoint e : endpoints) {
      if (caller.reaches(e.serviceId(), e.projectId())) {
        data.add(
            GatewayJson.PROVIDER
                .createObjectBuilder()
                .add("id", e.name())
                .add("object", "model")
                .add("created", 0)
                .add("owned_by", "federa")
                .add("root", e.modelCode() == null ? "" : e.modelCode())
                .add("ready", !e.replicas().isEmpty()));
      }
    }
    byte[] json =
        GatewayJson.PROVIDER
            .createObjectBuilder()
            .add("object", "list")
            .add("data", data)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }
}
