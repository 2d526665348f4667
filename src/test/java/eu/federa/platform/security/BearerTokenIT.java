package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13, finding 7: a bearer token that Keycloak issued to another client of the realm (here
 * the federa-admin service account) must not open the portal's API: the token's audience is
 * checked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BearerTokenIT {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private final HttpClient http = HttpClient.newHttpClient();

  private String tokenOfAnotherClient() throws Exception {
    String form =
        "grant_type=client_credentials&client_id=federa-admin&client_secret="
            + URLEncoder.encode(TestStack.adminClientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        TestStack.keycloakUrl() + "/realms/federa/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body().replaceAll("(?s).*\"access_token\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void aTokenIssuedToAnotherClientOfTheRealmIsRefused() throws Exception {
    String token = tokenOfAnotherClient();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(portal + "api/v1/tenants"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("\"id\"");
  }
}
