package eu.federa.devstack;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bench user's session on a portal node, as a browser holds it: the portal's cookie and
 * Keycloak's, signing in through Keycloak's login form whenever the portal sends it there. Calls
 * the REST API with it (benches are clients, like a script replaying a browser session).
 */
final class PortalSession {

  /** A node did not answer (killed, or starting). */
  static final class Unavailable extends RuntimeException {
    Unavailable(Throwable cause) {
      super(cause);
    }
  }

  record Answer(int status, String body) {
    JsonArray array() {
      if (status != 200 || body == null || !body.startsWith("[")) {
        return null;
      }
      return Json.createReader(new StringReader(body)).readArray();
    }
  }

  /**
   * Cookies by host, whatever their attributes: Keycloak marks its login cookies Secure, which a
   * browser honours on 127.0.0.1 over plain HTTP and Java's CookieManager does not.
   */
  private static final class Jar extends CookieHandler {
    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
      Map<String, String> cookies =
          byHost.getOrDefault(uri.getHost() + ":" + uri.getPort(), Map.of());
      if (cookies.isEmpty()) {
        return Map.of();
      }
      StringBuilder header = new StringBuilder();
      cookies.forEach(
          (k, v) ->
              header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      return Map.of("Cookie", List.of(header.toString()));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey() == null || !h.getKey().equalsIgnoreCase("Set-Cookie")) {
          continue;
        }
        for (String line : h.getValue()) {
          String pair = line.split(";", 2)[0];
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            continue;
          }
          Map<String, String> jar =
              byHost.computeIfAbsent(
                  uri.getHost() + ":" + uri.getPort(), k -> new ConcurrentHashMap<>());
          String value = pair.substring(eq + 1).strip();
          boolean expired = line.toLowerCase(Locale.ROOT).contains("max-age=0") || value.isEmpty();
          if (expired) {
            jar.remove(pair.substring(0, eq).strip());
          } else {
            jar.put(pair.substring(0, eq).strip(), value);
          }
        }
      }
    }
  }

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final String base;
  final String user;
  private final String password;
  private final HttpClient http;
  private Long tenantId;

  PortalSession(String base, String user, String password) {
    this.base = base;
    this.user = user;
    this.password = password;
    this.http =
        HttpClient.newBuilder()
            // as a browser: HTTP/1.1 without asking to upgrade to HTTP/2 in clear (h2c), which
            // would turn the balancer's connection into a tunnel it no longer routes or marks
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new Jar())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** The Cookie header this session sends to the portal (its session, its balancer's cookie). */
  String cookieHeader() {
    URI portal = URI.create(base);
    return ((Jar) http.cookieHandler().orElseThrow())
        .get(portal, Map.of())
        .getOrDefault("Cookie", List.of(""))
        .get(0);
  }

  long tenantId() {
    if (tenantId == null) {
      Answer a = send("GET", "api/v1/tenants", null);
      JsonArray list = a.array();
      if (list == null || list.isEmpty()) {
        throw new IllegalStateException(user + " has no organisation: " + a);
      }
      tenantId = list.getJsonObject(0).getJsonNumber("id").longValue();
    }
    return tenantId;
  }

  /** Sends the call, signing in first (again) when the portal sends it to Keycloak. */
  Answer send(String method, String path, String json) {
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpResponse<String> r = raw(method, base + path, json);
      debug(user + " " + method + " " + path + " -> " + r.statusCode());
      if (r.statusCode() == 302 || r.statusCode() == 303) {
        signIn(r.headers().firstValue("Location").orElseThrow());
        continue;
      }
      return new Answer(r.statusCode(), r.body());
    }
    throw new IllegalStateException("cannot sign in " + user);
  }

  /** Follows the redirects through Keycloak's login form back to the portal. */
  private void signIn(String location) {
    String url = location;
    for (int hop = 0; hop < 10 && url != null; hop++) {
      HttpResponse<String> r = raw("GET", url, null);
      debug(
          user
              + " GET "
              + url
              + " -> "
              + r.statusCode()
              + " "
              + r.headers().firstValue("Location").orElse(""));
      if (r.statusCode() == 200) {
        Matcher form = FORM_ACTION.matcher(r.body());
        if (!form.find()) {
          return; // back at the portal
        }
        String action = form.group(1).replace("&amp;", "&");
        String body =
            "username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&credentialId=";
        r = post(action, body);
        debug(
            user
                + " POST "
                + action
                + " -> "
                + r.statusCode()
                + " "
                + r.headers().firstValue("Location").orElse("")
                + (r.statusCode() == 200
                    ? r.body().substring(0, Math.min(3000, r.body().length()))
                    : ""));
      }
      url =
          r.statusCode() / 100 == 3
              ? URI.create(url).resolve(r.headers().firstValue("Location").orElseThrow()).toString()
              : null;
    }
  }

  private HttpResponse<String> post(String url, String form) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(e);
    }
  }

  private HttpResponse<String> raw(String method, String url, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(e);
    }
  }

  private static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;

  private static void debug(String what) {
    if (DEBUG) {
      System.out.println("    [debug] " + what);
    }
  }
}
