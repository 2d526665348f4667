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

  private String membershipPath(String username, String group) throws Exception {
    JsonArray users =
        (JsonArray)
            get(
                "/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8));
    JsonArray groups =
        (JsonArray)
            get("/groups?exact=true&search=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
    String userId = users.getJsonObject(0).getString("id");
    String groupId =
        groups.getValuesAs(JsonObject.class).stream()
            .filter(g -> g.getString("name").equals(group))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No group " + group + " in " + realm))
            .getString("id");
    return "/users/" + userId + "/groups/" + groupId;
  }

  private JsonStructure get(String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            request(path).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + answer.statusCode());
    }
    return Json.createReader(new StringReader(answer.body())).read();
  }

  private void send(String method, String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " answered " + answer.statusCode());
    }
  }

  private HttpRequest.Builder request(String path) throws Exception {
    return HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path))
        .header("Authorization", "Bearer " + token());
  }

  private String token() throws Exception {
    String form =
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + URLEncoder.encode(TestStack.keycloakAdminPassword(), StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("Keycloak admin sign-in answered " + answer.statusCode());
    }
    return Json.createReader(new StringReader(answer.body()))
        .readObject()
        .getString("access_token");
  }
}
