package eu.federa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserInternals;
import eu.federa.testsupport.Deployments;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The portal as a visitor's HTTP client sees it: login redirect, headers, cookies, health. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalShellIT {

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void protectedPageSendsAnonymousVisitorToKeycloak() throws Exception {
    HttpResponse<String> response = get(portal + "dashboard.xhtml");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(TestStack.keycloakUrl() + "/realms/federa/protocol/openid-connect/auth")
        .contains("client_id=federa-portal");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (String page : List.of("signed-out.xhtml", "dashboard.xhtml")) {
      HttpResponse<String> response = get(portal + page);
      assertThat(response.headers().allValues("Content-Security-Policy"))
          .singleElement()
          .satisfies(
              policy ->
                  assertThat(policy)
                      .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                      .doesNotContain("'unsafe-eval'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
      assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
    HttpResponse<String> response = get(portal + "signed-out.xhtml");

    assertThat(response.headers().allValues("Set-Cookie"))
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .singleElement()
        .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
  }

  @Test
  void signedOutPageIsPublicAndOffersToSignInAgain() throws Exception {
    HttpResponse<String> response = get(portal + "signed-out.xhtml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("You are signed out", "Sign in again");
  }

  @Test
  void errorPageOpenedDirectlyShowsNoInternals() throws Exception {
    HttpResponse<String> response = get(portal + "error/500.xhtml");

    assertThat(response.body())
        .contains("Something went wrong")
        .doesNotContain(BrowserInternals.SIGNATURES);
  }

  @Test
  void readinessReportsDatabaseAndIdentityProviderUp() throws Exception {
    HttpResponse<String> response = get(TestStack.managementUrl() + "/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"name\":\"database\",\"status\":\"UP\"")
        .contains("\"name\":\"identity-provider\",\"status\":\"UP\"");
  }

  @Test
  void logoutIsNotTriggeredByAPlainLink() throws Exception {
    HttpResponse<String> response = get(portal + "logout");

    // Anonymous: the login redirect; a signed-in user would be sent back to the portal, not out.
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .doesNotContain("/protocol/openid-connect/logout");
  }
}
