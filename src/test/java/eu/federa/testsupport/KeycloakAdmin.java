package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What an identity provider's administrator does in their own realm, through Keycloak's admin REST
 * API as the bootstrap admin: for tests in which something changes at the partner organisation.
 */
public final class KeycloakAdmin {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base = TestStack.keycloakUrl();
  private final String realm;

  public KeycloakAdmin(String realm) {
    this.realm = realm;
  }

  /** Takes {@code username} out of the top-level group {@code group}. */
  public void removeFromGroup(String username, String group) throws Exception {
    send("DELETE", membershipPath(username, group));
  }

  /** Puts {@code username} into the top-level group {@code group}. */
  public void addToGroup(String username, String group) throws Exception {
    send("PUT", membershipPath(username, group));
  }

  /** The Keycloak id of {@code username}. */
  public String userId(String username) throws Exception {
    JsonArray users =
        (JsonArray)
            get(
                "/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8));
    return users.getJsonObject(0).getString("id");
  }

  /** The language {@code username} chose on Keycloak's pages (attribute locale), or null. */
  public String locale(String username) throws Exception {
    JsonObject user = (JsonObject) get("/users/" + userId(username));
    JsonObject attributes = user.getJsonObject("attributes");
    JsonArray locale = attributes == null ? null : attributes.getJsonArray("locale");
    return locale == null || locale.isEmpty() ? null : locale.getString(0);
  }

  /**
   * Forgets the language {@code username} chose (attribute locale): their next token brings none,
   * so a test that changed it leaves the next tests the demo's user as it was.
   */
  public void forgetLocale(String username) throws Exception {
    String id = userId(username);
    JsonObject user = (JsonObject) get("/users/" + id);
    JsonObject attributes = user.getJsonObject("attributes");
    if (attributes == null || !attributes.containsKey("locale")) {
      return;
    }
    JsonObject changed =
        Json.createObjectBuilder(user)
            .add("attributes", Json.createObjectBuilder(attributes).remove("locale"))
            .build();
    HttpResponse<String> answer = call("PUT", "/users/" + id, changed.toString());
    if (answer.statusCode() / 100 != 2) {
      throw new IOException("PUT user answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  /**
   * Calls {@code path} of the realm's admin API as the bootstrap admin with {@code json} (null: no
   * body); the answer with its status and body.
   */
  public HttpResponse<String> call(String method, String path, String json) throws Exception {
    HttpRequest.Builder builder = request(path, token());
    if (json == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Reads {@code path} of the realm's admin API as the bootstrap admin. */
  public JsonStructure get(String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            request(path, token()).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + answer.statusCode());
    }
    return Json.createReader(new StringReader(answer.body())).read();
  }

  /**
   * The status the realm's admin API answers to someone else's bearer token ({@code json} may be
   * null for no body).
   */
  public int statusFor(String bearer, String method, String path, String json) throws Exception {
    HttpRequest.Builder builder = request(path, bearer);
    if (json == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** An access token of a confidential client of {@code realm}, by client credentials. */
  public static String clientToken(String realm, String clientId, String secret) throws Exception {
    return tokenFrom(
        realm,
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  private String membershipPath(String username, String group) throws Exception {
    JsonArray groups =
        (JsonArray)
            get("/groups?exact=true&search=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
    String userId = userId(username);
    String groupId =
        groups.getValuesAs(JsonObject.class).stream()
            .filter(g -> g.getString("name").equals(group))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No group " + group + " in " + realm))
            .getString("id");
    return "/users/" + userId + "/groups/" + groupId;
  }

  private void send(String method, String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            request(path, token()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " answered " + answer.statusCode());
    }
  }

  private HttpRequest.Builder request(String path, String bearer) {
    return HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
        .header("Authorization", "Bearer " + bearer);
  }

  private static String token() throws Exception {
    return tokenFrom(
        "master",
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + URLEncoder.encode(TestStack.keycloakAdminPassword(), StandardCharsets.UTF_8));
  }

  private static String tokenFrom(String realm, String form) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            TestStack.keycloakUrl()
                                + "/realms/"
                                + realm
                                + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException(
          "Keycloak's token endpoint of " + realm + " answered " + answer.statusCode());
    }
    return Json.createReader(new StringReader(answer.body()))
        .readObject()
        .getString("access_token");
  }
}
