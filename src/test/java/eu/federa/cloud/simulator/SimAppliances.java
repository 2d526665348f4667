package eu.federa.cloud.simulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The inference appliances of a simulated provider: each VM of an inference endpoint that runs
 * serves an OpenAI-compatible stand-in of vLLM at {@code <front-end>/appliances/<its IP>} ({@code
 * GET /health}, {@code GET /v1/models}, {@code POST /v1/chat/completions}, {@code /v1/completions},
 * {@code /v1/embeddings}). It answers deterministic text (words drawn from the prompt's hash), one
 * word per token, streams it at a set rate, reports exact {@code usage}, and can be made slow,
 * failing or silent about usage, per VM. A VM that does not run does not answer; one that has just
 * started answers its health check only after a warm-up. A notebook VM serves JupyterLab's page at
 * {@code /lab}.
 */
public final class SimAppliances {

  /** Looked up once: {@code Json.create...} finds the provider again on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final String[] WORDS = {
    "federated", "sovereign", "cloud", "placement", "resilient", "quota", "provider", "tenant",
    "europe", "data", "residency", "inference", "gateway", "stream", "token", "billing"
  };

  /** What a VM's stand-in does wrong, if anything. */
  public enum Fault {
    /** Answers 500 to every call (its health check still passes). */
    FAILING,
    /** Answers without {@code usage}. */
    NO_USAGE,
    /** Not ready: its health check answers 503. */
    NOT_READY,
    /**
     * A hung model server: a stream's first three tokens come, then nothing for a minute; a whole
     * answer stops after half its bytes the same way.
     */
    STALLS
  }

  private final SimulatedCloud cloud;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private final AtomicInteger answering = new AtomicInteger();
  private final Map<Integer, Instant> runningSince = new ConcurrentHashMap<>();
  private volatile Duration warmUp = Duration.ZERO;
  private volatile Duration firstByteDelay = Duration.ZERO;
  private volatile int tokensPerSecond = 0;

  SimAppliances(SimulatedCloud cloud) {
    this.cloud = cloud;
  }

  /** A VM's server answers only this long after it was first seen running. */
  public SimAppliances warmUp(Duration d) {
    warmUp = d;
    return this;
  }

  /** Every answer waits this long before its first byte. */
  public SimAppliances firstByteDelay(Duration d) {
    firstByteDelay = d;
    return this;
  }

  /** Streams emit this many tokens per second (0: as fast as they can). */
  public SimAppliances tokensPerSecond(int rate) {
    tokensPerSecond = rate;
    return this;
  }

  public SimAppliances fault(String ip, Fault fault) {
    if (fault == null) {
      faults.remove(ip);
    } else {
      faults.put(ip, fault);
    }
    return this;
  }

  public void clearFaults() {
    faults.clear();
    firstByteDelay = Duration.ZERO;
    tokensPerSecond = 0;
  }

  /** How many calls (not health checks) the appliances are answering now. */
  public int answering() {
    return answering.get();
  }

  /** How many calls (not health checks) the appliance at {@code ip} answered. */
  public int served(String ip) {
    AtomicInteger n = served.get(ip);
    return n == null ? 0 : n.get();
  }

  /** The words (tokens) the stand-in answers to a prompt, at most {@code max}. */
  public static List<String> answerTo(String prompt, int max) {
    List<String> words = new ArrayList<>();
    int h = prompt.hashCode();
    for (int i = 0; i < max; i++) {
      h = h * 31 + i;
      words.add(WORDS[Math.floorMod(h, WORDS.length)]);
    }
    return words;
  }

  /** Tokens of a text as the stand-in counts them: its words. */
  public static int tokensOf(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  void handle(HttpExchange exchange, String rest) throws IOException {
    int slash = rest.indexOf('/');
    String ip = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    Optional<SimulatedCloud.ApplianceVm> vm = cloud.applianceAt(ip);
    if (vm.isPresent()
        && vm.get().running()
        && "NOTEBOOK".equals(vm.get().service())
        && path.startsWith("/lab")) {
      // JupyterLab's page, as the notebook appliance serves it.
      reply(
          exchange,
          200,
          "text/html; charset=utf-8",
          "<!DOCTYPE html><html><head><title>JupyterLab</title></head><body>"
              + "<h1 id=\"jupyterlab\">JupyterLab (simulated) on VM "
              + vm.get().vmId()
              + "</h1></body></html>");
      return;
    }
    if (vm.isEmpty() || !vm.get().running() || !"INFERENCE".equals(vm.get().service())) {
      runningSince.remove(vm.map(SimulatedCloud.ApplianceVm::vmId).orElse(-1));
      // Nothing listens at that address.
      reply(exchange, 502, "text/plain", "No appliance answers at " + ip);
      return;
    }
    Instant since = runningSince.computeIfAbsent(vm.get().vmId(), k -> clock.instant());
    boolean warm = !clock.instant().isBefore(since.plus(warmUp));
    Fault fault = faults.get(ip);
    if ("/health".equals(path)) {
      boolean ready = warm && fault != Fault.NOT_READY;
      reply(exchange, ready ? 200 : 503, "text/plain", ready ? "" : "loading model");
      return;
    }
    if (!warm || fault == Fault.NOT_READY) {
      reply(exchange, 503, "application/json", error("The model is loading."));
      return;
    }
    String model = vm.get().model() == null ? "unknown" : vm.get().model();
    if ("/v1/models".equals(path)) {
      reply(
          exchange,
          200,
          "application/json",
          JSON.createObjectBuilder()
              .add("object", "list")
              .add(
                  "data",
                  JSON.createArrayBuilder()
                      .add(JSON.createObjectBuilder().add("id", model).add("object", "model")))
              .build()
              .toString());
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      reply(exchange, 405, "application/json", error("Method not allowed"));
      return;
    }
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JsonObject request;
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      request = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      reply(exchange, 400, "application/json", error("Invalid JSON"));
      return;
    }
    answering.incrementAndGet();
    try {
      answer(exchange, ip, path, request, model, fault);
    } finally {
      answering.decrementAndGet();
    }
  }

  private void answer(
      HttpExchange exchange, String ip, String path, JsonObject request, String model, Fault fault)
      throws IOException {
    if (!firstByteDelay.isZero()) {
      LockSupport.parkNanos(firstByteDelay.toNanos());
    }
    if (fault == Fault.FAILING) {
      reply(exchange, 500, "application/json", error("Internal server error (injected)"));
      return;
    }
    served.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
    boolean usage = fault != Fault.NO_USAGE;
    switch (path) {
      case "/v1/chat/completions" ->
          complete(exchange, request, model, true, usage, fault == Fault.STALLS);
      case "/v1/completions" ->
          complete(exchange, request, model, false, usage, fault == Fault.STALLS);
      case "/v1/embeddings" -> embed(exchange, request, model, usage);
      default -> reply(exchange, 404, "application/json", error("Not found: " + path));
    }
  }

  private void complete(
      HttpExchange exchange,
      JsonObject request,
      String model,
      boolean chat,
      boolean usage,
      boolean stalls)
      throws IOException {
    String prompt = chat ? messagesText(request) : text(request.get("prompt"));
    int max =
        request.containsKey("max_tokens")
            ? Math.max(1, Math.min(4096, request.getInt("max_tokens")))
            : 12;
    List<String> words = answerTo(prompt, max);
    int promptTokens = tokensOf(prompt);
    String id = (chat ? "chatcmpl-" : "cmpl-") + Integer.toHexString(prompt.hashCode());
    long created = clock.instant().getEpochSecond();
    if (request.get("stream") == JsonValue.TRUE) {
      boolean includeUsage =
          usage
              && request.get("stream_options") instanceof JsonObject o
              && o.get("include_usage") == JsonValue.TRUE;
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < words.size(); i++) {
          if (stalls && i == 3) {
            out.flush();
            LockSupport.parkNanos(Duration.ofMinutes(1).toNanos());
          }
          String piece = (i == 0 ? "" : " ") + words.get(i);
          JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0);
          if (chat) {
            JsonObjectBuilder delta = JSON.createObjectBuilder().add("content", piece);
            if (i == 0) {
              delta.add("role", "assistant");
            }
            choice.add("delta", delta);
          } else {
            choice.add("text", piece);
          }
          choice.add(
              "finish_reason",
              i == words.size() - 1 ? (JsonValue) JSON.createValue("length") : JsonValue.NULL);
          event(
              out,
              chunk(id, chat, created, model)
                  .add("choices", JSON.createArrayBuilder().add(choice))
                  .build());
          if (tokensPerSecond > 0) {
            LockSupport.parkNanos(1_000_000_000L / tokensPerSecond);
          }
        }
        if (includeUsage) {
          event(
              out,
              chunk(id, chat, created, model)
                  .add("choices", JSON.createArrayBuilder())
                  .add("usage", usage(promptTokens, words.size()))
                  .build());
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      return;
    }
    String text = String.join(" ", words);
    JsonObjectBuilder choice = JSON.createObjectBuilder().add("index", 0);
    if (chat) {
      choice.add(
          "message", JSON.createObjectBuilder().add("role", "assistant").add("content", text));
    } else {
      choice.add("text", text);
    }
    choice.add("finish_reason", "length");
    JsonObjectBuilder answer =
        JSON.createObjectBuilder()
            .add("id", id)
            .add("object", chat ? "chat.completion" : "text_completion")
            .add("created", created)
            .add("model", model)
            .add("choices", JSON.createArrayBuilder().add(choice));
    if (usage) {
      answer.add("usage", usage(promptTokens, words.size()));
    }
    if (stalls) {
      byte[] bytes = answer.build().toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        LockSupport.parkNanos(Duration.ofMinutes(1).toNanos());
        out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
      }
      return;
    }
    reply(exchange, 200, "application/json", answer.build().toString());
  }

  private void embed(HttpExchange exchange, JsonObject request, String model, boolean usage)
      throws IOException {
    List<String> inputs = new ArrayList<>();
    JsonValue input = request.get("input");
    if (input instanceof JsonArray many) {
      many.forEach(v -> inputs.add(v instanceof JsonString s ? s.getString() : v.toString()));
    } else {
      inputs.add(text(input));
    }
    JsonArrayBuilder data = JSON.createArrayBuilder();
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      tokens += tokensOf(inputs.get(i));
      JsonArrayBuilder vector = JSON.createArrayBuilder();
      int h = inputs.get(i).hashCode();
      for (int d = 0; d < 8; d++) {
        h = h * 31 + d;
        vector.add(Math.floorMod(h, 2001) / 1000.0 - 1.0);
      }
      data.add(
          JSON.createObjectBuilder()
              .add("object", "embedding")
              .add("index", i)
              .add("embedding", vector));
    }
    JsonObjectBuilder answer =
        JSON.createObjectBuilder().add("object", "list").add("data", data).add("model", model);
    if (usage) {
      answer.add(
          "usage",
          JSON.createObjectBuilder().add("prompt_tokens", tokens).add("total_tokens", tokens));
    }
    reply(exchange, 200, "application/json", answer.build().toString());
  }

  private static JsonObjectBuilder chunk(String id, boolean chat, long created, String model) {
    return JSON.createObjectBuilder()
        .add("id", id)
        .add("object", chat ? "chat.completion.chunk" : "text_completion")
        .add("created", created)
        .add("model", model);
  }

  private static JsonObjectBuilder usage(int prompt, int completion) {
    return JSON.createObjectBuilder()
        .add("prompt_tokens", prompt)
        .add("completion_tokens", completion)
        .add("total_tokens", prompt + completion);
  }

  private static void event(OutputStream out, JsonObject data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String messagesText(JsonObject request) {
    StringBuilder all = new StringBuilder();
    if (request.get("messages") instanceof JsonArray messages) {
      for (JsonValue m : messages) {
        if (m instanceof JsonObject message) {
          all.append(text(message.get("content"))).append(' ');
        }
      }
    }
    return all.toString();
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.getString() : "";
  }

  private static String error(String message) {
    return JSON.createObjectBuilder()
        .add(
            "error", JSON.createObjectBuilder().add("message", message).add("type", "server_error"))
        .build()
        .toString();
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
