package eu.federa.ai;

import eu.federa.platform.config.Setting;
import eu.federa.provisioning.ServingEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries one call of the gateway to a replica and its answer back: tries the ready replicas, least
 * busy first, moving on when one fails before answering (refused connection, timeout, a 5xx);
 * passes a stream's events on as they come (a slow client slows the read from the replica, nothing
 * is buffered whole); writes the tokens before the answer's last bytes.
 */
@ApplicationScoped
public class Relay {

  private static final Logger LOG = Logger.getLogger(Relay.class.getName());

  /** The largest non-streamed answer taken from a replica. */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

  @Inject Replicas replicas;
  @Inject TokenMeter meter;

  /**
   * One call: what the caller asked, of which endpoint.
   *
   * @param path {@code /chat/completions}, {@code /completions} or {@code /embeddings}
   * @param requestId the key of its token record, also sent to the client ({@code X-Request-Id})
   * @param receivedNanos when the gateway began to serve it ({@link System#nanoTime()})
   */
  public record Call(
      GatewayCaller caller,
      ServingEndpoint endpoint,
      String path,
      JsonObject request,
      boolean stream,
      Instant started,
      String requestId,
      long receivedNanos) {}

  /** Runs the call and answers it, whatever happens, on the caller's thread. */
  public void serve(Call call, HttpServletResponse response) {
    try {
      relay(call, response);
    } catch (IOException clientGone) {
      LOG.log(Level.FINE, clientGone, () -> "Client left during a call of " + call.path());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "The gateway failed on a call of " + call.path());
      if (!response.isCommitted()) {
        try {
          send(response, OpenAiError.badGateway("The gateway failed to relay the request."));
        } catch (IOException ignored) {
          // the client left
        }
      }
    }
  }

  private void relay(Call call, HttpServletResponse response) throws IOException {
    List<Replicas.Target> targets = replicas.ready(call.endpoint());
    if (targets.isEmpty()) {
      response.setHeader("Retry-After", "5");
      send(
          response,
          OpenAiError.unavailable(
              "no_replica_ready",
              "No replica of '" + call.endpoint().name() + "' is ready yet; retry shortly."));
      return;
    }
    boolean injectUsage = call.stream() && !asksForUsage(call.request());
    byte[] upstreamBody = upstreamBody(call, injectUsage);
    Duration timeout = Duration.ofSeconds(Setting.AI_UPSTREAM_TIMEOUT_SECONDS.intValue());
    OpenAiError last = null;
    for (Replicas.Target target : targets) {
      replicas.begin(target);
      long sentNanos = System.nanoTime();
      HttpURLConnection upstream = null;
      try {
        int status;
        try {
          upstream = replicas.open(target.baseUrl() + "/v1" + call.path(), "POST", timeout);
          upstream.setRequestProperty("Content-Type", "application/json");
          upstream.setRequestProperty(
              "Accept", call.stream() ? "text/event-stream" : "application/json");
          // Sent whole (not in streaming mode): headers and body leave in one write, and a
          // connection the server closed while it was idle is retried once on a new one.
          upstream.setDoOutput(true);
          try (OutputStream out = upstream.getOutputStream()) {
            out.write(upstreamBody);
          }
          status = upstream.getResponseCode();
        } catch (SocketTimeoutException e) {
          last =
              OpenAiError.timeout(
                  "The model server did not answer within " + timeout.toSeconds() + " s.");
          discard(upstream);
          continue;
        } catch (IOException e) {
          replicas.down(target);
          last = OpenAiError.badGateway("The model server could not be reached.");
          discard(upstream);
          continue;
        }
        InputStream answer = status >= 400 ? upstream.getErrorStream() : upstream.getInputStream();
        try (InputStream body = answer == null ? InputStream.nullInputStream() : answer) {
          if (status >= 500) {
            body.readNBytes(64 * 1024);
            last = OpenAiError.badGateway("The model server failed (HTTP " + status + ").");
            continue;
          }
          String type =
              upstream.getContentType() == null ? "application/json" : upstream.getContentType();
          if (call.stream() && status == 200 && type.startsWith("text/event-stream")) {
            timing(response, call, sentNanos, System.nanoTime());
            stream(call, target, body, injectUsage, timeout, response);
          } else {
            whole(call, target, status, type, body, timeout, sentNanos, response);
          }
        }
        return;
      } finally {
        replicas.done(target);
      }
    }
    send(response, last);
  }

  /** A connection that failed is closed, not kept for another call. */
  private static void discard(HttpURLConnection upstream) {
    if (upstream != null) {
      upstream.disconnect();
    }
  }

  /** A non-streamed answer: read whole, its tokens written, then passed on. */
  private void whole(
      Call call,
      Replicas.Target target,
      int status,
      String type,
      InputStream body,
      Duration idleLimit,
      long sentNanos,
      HttpServletResponse response)
      throws IOException {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
    } catch (SocketTimeoutException silent) {
      send(
          response,
          OpenAiError.timeout(
              "The model server stopped sending its answer for " + idleLimit.toSeconds() + " s."));
      return;
    } catch (IOException cut) {
      // The replica's answer broke off (the client, not written to yet, is still there).
      send(response, OpenAiError.badGateway("The model server's answer was cut off."));
      return;
    }
    if (bytes.length > MAX_ANSWER_BYTES) {
      send(response, OpenAiError.badGateway("The model server's answer is too large."));
      return;
    }
    long answeredNanos = System.nanoTime();
    if (status / 100 == 2) {
      TokenCount count = countOf(call.request(), bytes);
      try {
        meter.record(call, target.replica(), count);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "Tokens of a call could not be journaled; not answered");
        send(
            response,
            OpenAiError.unavailable(
                "metering_unavailable", "The answer could not be recorded; retry shortly."));
        return;
      }
    }
    response.setStatus(status);
    response.setContentType(type);
    response.setHeader("X-Request-Id", call.requestId());
    timing(response, call, sentNanos, answeredNanos);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * Where the time of a call went, for its caller and for whoever measures the gateway ({@code
   * Server-Timing}, milliseconds): {@code upstream} from sending the request to the replica that
   * answered until its answer was read (its headers, for a stream), {@code gateway} the rest until
   * the answer is written (the key, the routing, replicas tried before, the token record).
   */
  static void timing(HttpServletResponse response, Call call, long sentNanos, long answeredNanos) {
    long now = System.nanoTime();
    response.setHeader(
        "Server-Timing",
        serverTiming(
            now - call.receivedNanos() - (answeredNanos - sentNanos), answeredNanos - sentNanos));
  }

  static String serverTiming(long gatewayNanos, long upstreamNanos) {
    return "gateway;dur=" + millis(gatewayNanos) + ", upstream;dur=" + millis(upstreamNanos);
  }

  /** Nanoseconds as milliseconds with three decimals, without a locale. */
  private static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1000;
    long fraction = micros % 1000;
    return (micros / 1000) + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
  }

  /** The tokens of a whole answer: its usage, else estimated from the texts. */
  static TokenCount countOf(JsonObject request, byte[] answer) {
    Optional<JsonObject> parsed = parse(new String(answer, StandardCharsets.UTF_8));
    return parsed
        .flatMap(TokenCount::reported)
        .orElseGet(
            () ->
                new TokenCount(
                    TokenCount.estimate(TokenCount.promptCharacters(request)),
                    TokenCount.estimate(parsed.map(TokenCount::answerCharacters).orElse(0)),
                    true));
  }

  /**
   * A streamed answer, event by event: each is written and flushed as it comes. The usage chunk the
   * gateway asked for on the caller's behalf is not passed on; the tokens are written before the
   * closing {@code [DONE]}, or when the stream ends or the client leaves.
   */
  private void stream(
      Call call,
      Replicas.Target target,
      InputStream body,
      boolean injectedUsage,
      Duration idleLimit,
      HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    response.setHeader("X-Request-Id", call.requestId());
    ServletOutputStream out = response.getOutputStream();
    out.flush();
    StreamCount counted = new StreamCount();
    boolean recorded = false;
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      StringBuilder event = new StringBuilder();
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = idleChecked(events, idleLimit, out)) != null) {
        if (!line.isEmpty()) {
          event.append(line).append('\n');
          if (line.startsWith("data:")) {
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          }
          continue;
        }
        if (event.length() == 0) {
          continue;
        }
        String payload = data.toString();
        boolean pass = true;
        if ("[DONE]".equals(payload.trim())) {
          recordOnce(call, target, counted, recorded);
          recorded = true;
        } else {
          Optional<JsonObject> chunk = parse(payload);
          if (chunk.isPresent()) {
            counted.add(chunk.get());
            pass = !(injectedUsage && counted.isUsageOnly(chunk.get()));
          }
        }
        if (pass) {
          out.write(event.append('\n').toString().getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        event.setLength(0);
        data.setLength(0);
      }
    } finally {
      if (!recorded) {
        // The replica ended without [DONE], or the client left: what was produced is billed.
        recordOnce(call, target, counted, false);
      }
    }
  }

  /**
   * The next line from the replica; null at the end of its stream, or when it has been silent for
   * {@code idleLimit}: the client is then told so in an error event (as OpenAI's streams report
   * errors) and the stream ends.
   */
  private static String idleChecked(BufferedReader events, Duration idleLimit, OutputStream out)
      throws IOException {
    try {
      return events.readLine();
    } catch (SocketTimeoutException silent) {
      OpenAiError error =
          OpenAiError.timeout(
              "The model server sent nothing for "
                  + idleLimit.toSeconds()
                  + " s; the stream was ended.");
      out.write(("data: " + error.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return null;
    }
  }

  private void recordOnce(
      Call call, Replicas.Target target, StreamCount counted, boolean alreadyRecorded) {
    if (alreadyRecorded) {
      return;
    }
    meter.record(call, target.replica(), counted.count(call.request()));
  }

  /** What a stream's chunks say of its tokens. */
  static final class StreamCount {
    private TokenCount reported;
    private int answerCharacters;

    void add(JsonObject chunk) {
      TokenCount.reported(chunk).ifPresent(t -> reported = t);
      answerCharacters += TokenCount.answerCharacters(chunk);
    }

    /** The last chunk of a stream asked to include usage: no choices, only the usage. */
    boolean isUsageOnly(JsonObject chunk) {
      return chunk.get("usage") instanceof JsonObject
          && (!(chunk.get("choices") instanceof jakarta.json.JsonArray choices)
              || choices.isEmpty());
    }

    TokenCount count(JsonObject request) {
      if (reported != null) {
        return reported;
      }
      return new TokenCount(
          TokenCount.estimate(TokenCount.promptCharacters(request)),
          TokenCount.estimate(answerCharacters),
          true);
    }
  }

  private static boolean asksForUsage(JsonObject request) {
    return request.get("stream_options") instanceof JsonObject options
        && options.get("include_usage") == JsonValue.TRUE;
  }

  /** The caller's request with the endpoint's model, and a stream's usage asked for. */
  static byte[] upstreamBody(Call call, boolean injectUsage) {
    JsonObjectBuilder body = GatewayJson.PROVIDER.createObjectBuilder(call.request());
    if (call.endpoint().modelCode() != null) {
      body.add("model", call.endpoint().modelCode());
    }
    if (injectUsage) {
      JsonObjectBuilder options =
          call.request().get("stream_options") instanceof JsonObject given
              ? GatewayJson.PROVIDER.createObjectBuilder(given)
              : GatewayJson.PROVIDER.createObjectBuilder();
      body.add("stream_options", options.add("include_usage", true));
    }
    return body.build().toString().getBytes(StandardCharsets.UTF_8);
  }

  static Optional<JsonObject> parse(String json) {
    try (JsonReader reader = GatewayJson.PROVIDER.createReader(new StringReader(json))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Writes a gateway error, unless the answer has begun. */
  public static void send(HttpServletResponse response, OpenAiError error) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] json = error.json().getBytes(StandardCharsets.UTF_8);
    response.setStatus(error.status());
    response.setContentType("application/json");
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }
}
