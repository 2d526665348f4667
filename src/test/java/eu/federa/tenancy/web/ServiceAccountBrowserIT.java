package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #18: a tenant admin makes a service account on its page, a script calls the portal's API
 * with its token through the real sign-in set-up (Keycloak's login guards everything else), and
 * revoking it on the page refuses the script's next call. A browser's session counts for nothing on
 * the scripts' path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceAccountBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String header, String value) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(portal + path)).timeout(Duration.ofSeconds(30));
    if (header != null) {
      request.header(header, value);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aScriptCallsTheApiWithTheTokenOfAnAccountTheAdminMadeUntilSheRevokesIt() throws Exception {
    signIn(portal + "team.xhtml", "lena");
    byId("team:service-accounts-link").click();
    wait.until(ExpectedConditions.urlContains("/service-accounts.xhtml"));
    String name = "report-" + UUID.randomUUID().toString().substring(0, 6);
    byId("account:name").sendKeys(name);
    new Select(byId("account:role")).selectByValue("VIEWER");
    byId("account:create").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token")));
    String token = text("new-token");
    assertThat(token).startsWith("fsa-").hasSize(47);
    assertThat(text("curl-example"))
        .contains("Authorization: Bearer " + token)
        .contains("/script-api/v1/tenants/");
    assertThat(text("accounts:list")).contains(name).contains("Viewer").contains("Active");

    // The script: through WildFly's real sign-in set-up, with nothing but the token.
    HttpResponse<String> tenants = get("script-api/v1/tenants", "Authorization", "Bearer " + token);
    assertThat(tenants.statusCode()).isEqualTo(200);
    assertThat(tenants.body()).contains("Borealis Systems Oy").contains("VIEWER");
    // The browser's session opens the API, never the scripts' path.
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    String cookie = "JSESSIONID=" + session.getValue();
    assertThat(get("api/v1/tenants", "Cookie", cookie).statusCode()).isEqualTo(200);
    assertThat(get("script-api/v1/tenants", "Cookie", cookie).statusCode()).isEqualTo(401);

    // It is in the team, tagged.
    byId("nav-team").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    assertThat(text("team:members")).contains(name).contains("service account");
    // Its role menu offers no administration.
    String options =
        (String)
            ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                    "var name = arguments[0];"
                        + "var row = Array.from(document.querySelectorAll('tr.member-row'))"
                        + ".find(function (r) { return r.textContent.indexOf(name) >= 0; });"
                        + "return Array.from(row.querySelectorAll('select option'))"
                        + ".map(function (o) { return o.value; }).join(',');",
                    name);
    assertThat(options).contains("VIEWER").doesNotContain("TENANT_ADMIN");

    // Revoked on its page: the next call is refused.
    browser.navigate().back();
    wait.until(ExpectedConditions.urlContains("/service-accounts.xhtml"));
    By row =
        By.xpath(
            "//tr[contains(@class,'account-row')][.//span[@class='account-name' and text()='"
                + name
                + "']]");
    clickSettled(
        By.xpath(
            "//tr[contains(@class,'account-row')][.//span[text()='"
                + name
                + "']]//button[contains(@id,'revoke')]"));
    confirmYes();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Revoked"));
    HttpResponse<String> refused = get("script-api/v1/tenants", "Authorization", "Bearer " + token);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("revoked");
    byId("nav-team").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    assertThat(text("team:members")).doesNotContain(name);
  }
}
