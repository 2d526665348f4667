package eu.federa.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/**
 * Calls the portal's REST API with the session of a user signed in in a browser, the way the
 * portal's own pages would.
 */
public final class SessionApi {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final String cookie;

  /** Takes over the session of the user signed in in {@code browser}. */
  public SessionApi(String portalUrl, WebDriver browser) {
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    if (session == null) {
      throw new IllegalStateException("No session cookie: sign in first");
    }
    this.base = portalUrl.replaceAll("/+$", "") + "/";
    // Behind a balancer, its cookie too: the calls go to the node that serves the browser, as the
    // browser's own would. Sent to the other node, a call would contend for the session's lock with
    // the page's polls there (Infinispan's lock waits 15 s).
    Cookie node = browser.manage().getCookieNamed(eu.federa.devstack.LoadBalancer.COOKIE);
    this.cookie =
        "JSESSIONID="
            + session.getValue()
            + (node == null ? "" : "; " + node.getName() + "=" + node.getValue());
  }

  /** The answer: status, body and headers. */
  public record Answer(int status, String body, HttpHeaders headers) {

    /** A header's first value, or "" when it is not there. */
    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** A binary answer: status, bytes and headers. */
  public record Bytes(int status, byte[] body, HttpHeaders headers) {

    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** A download as bytes; {@code range} is a {@code Range} header's value, or null for none. */
  public Bytes download(String path, String range) {
    HttpRequest.Builder request = request(path).setHeader("Accept", "*/*").GET();
    if (range != null) {
      request.header("Range", range);
    }
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  /** The id of the caller's organisation called {@code name} (e.g. "Acme Analytics SAS"). */
  public String tenantNamed(String name) {
    String tenants = get("api/v1/tenants").body();
    String id =
        tenants.replaceAll(
            "(?s).*\"id\":(\\d+),\"name\":\"" + java.util.regex.Pattern.quote(name) + "\".*", "$1");
    if (!id.matches("\\d+")) {
      throw new IllegalStateException("No organisation " + name + " among " + tenants);
    }
    return id;
  }

  /**
   * Orders a small VM ({@code ubuntu-24.04}, size {@code s-2}, anywhere) called {@code name} in
   * organisation {@code tenant} through the API; its order's id (201 expected).
   */
  public String orderSmallVm(String tenant, String name) {
    Answer created =
        post(
            "api/v1/tenants/" + tenant + "/orders",
            "{\"name\":\""
                + name
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\",\"countries\":[],"
                + "\"idempotencyKey\":\""
                + java.util.UUID.randomUUID()
                + "\"}");
    if (created.status() != 201) {
      throw new IllegalStateException("Order refused: " + created.status() + " " + created.body());
    }
    return created.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
  }

  /** A download: {@code accept} is the file's type (PDF, CSV, ...). */
  public Answer get(String path, String accept) {
    return send(request(path).setHeader("Accept", accept).GET());
  }

  public Answer delete(String path) {
    return send(request(path).DELETE());
  }

  public Answer post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(20))
        .header("Cookie", cookie)
        .header("Accept", "application/json")
        .header("Accept-Language", "en");
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
