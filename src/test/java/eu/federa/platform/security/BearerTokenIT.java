package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.KeycloakAdmin;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * checked. The AI gateway takes none (issue #17).
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

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(portal + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aTokenIssuedToAnotherClientOfTheRealmIsRefused() throws Exception {
    String token =
        KeycloakAdmin.clientToken("federa", "federa-admin", TestStack.adminClientSecret());
    HttpResponse<String> answer = get("api/v1/tenants", token);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("\"id\"");
  }

  /**
   * The AI gateway takes API keys only (its requests skip the portal's OpenID Connect mechanism): a
   * token Keycloak signed is refused there in OpenAI's shape, like any string that is not a key.
   */
  @Test
  void theGatewayTakesApiKeysNotTokens() throws Exception {
    String token =
        KeycloakAdmin.clientToken("federa", "federa-admin", TestStack.adminClientSecret());
    HttpResponse<String> answer = get("ai/v1/models", token);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(answer.body()).contains("\"code\":\"invalid_api_key\"");
  }
}
