package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #13, finding 5, for the main forms: what a browser can be made to send (control and
 * text-direction characters, text past the input's maxlength, set by a script as an attacker would)
 * gets a message next to the field, never an error page, and nothing is saved.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormFuzzBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /**
   * (A text input drops line breaks itself, and PrimeFaces cuts a value at the input's maxlength on
   * the server: ApiFuzzBrowserIT sends line breaks and over-long text.)
   */
  private static final List<String> BAD_LINES =
      List.of("Data\u202Eplatform", "bell\u0007", "tab\tchar", "mark\u200Fed");

  /** Clicks {@code button} and waits for an error message in {@code form}. */
  private String submitAndReadError(String form, String button) {
    browser.findElement(By.id(button)).click();
    return wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(
                    "[id='"
                        + form
                        + "'] .ui-message-error, [id='"
                        + form
                        + "'] .ui-messages-error")))
        .getText();
  }

  private static long count(String sql) throws Exception {
    try (Connection db = TestStack.database();
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void theMainFormsAnswerBadTextWithAFieldMessageAndSaveNothing() throws Exception {
    signIn(portal + "team.xhtml", "theo");
    long projects = count("SELECT COUNT(*) FROM project");
    long invitations = count("SELECT COUNT(*) FROM invitation");
    long orders = count("SELECT COUNT(*) FROM vm_order");

    for (String bad : BAD_LINES) {
      browser.get(portal + "team.xhtml");
      setValue("project-form:name", bad);
      setValue("project-form:description", "Fine");
      assertThat(submitAndReadError("project-form", "project-form:create-project"))
          .as(bad)
          .isNotBlank();
      assertThat(browser.getPageSource()).doesNotContain("incident");
    }
    browser.get(portal + "team.xhtml");
    setValue("project-form:name", "Fuzz description");
    setValue("project-form:description", "text with a \u0000 and a \u2066");
    assertThat(submitAndReadError("project-form", "project-form:create-project"))
        .contains("control or invisible text-direction characters");

    for (String bad : BAD_LINES) {
      browser.get(portal + "team.xhtml");
      setValue(
          "invite-form:email",
          bad.length() > 50 ? bad + "@acme-analytics.example" : bad + "@x.example");
      assertThat(submitAndReadError("invite-form", "invite-form:send-invitation"))
          .as(bad)
          .isNotBlank();
    }

    for (String bad : BAD_LINES) {
      browser.get(portal + "order.xhtml");
      setValue("order:name", bad);
      assertThat(submitAndReadError("order", "order:preview")).as(bad).isNotBlank();
      assertThat(browser.getPageSource()).doesNotContain("incident");
    }

    assertThat(count("SELECT COUNT(*) FROM project")).isEqualTo(projects);
    assertThat(count("SELECT COUNT(*) FROM invitation")).isEqualTo(invitations);
    assertThat(count("SELECT COUNT(*) FROM vm_order")).isEqualTo(orders);
  }

  /**
   * A form posted to the portal by a page of another site is refused before anything runs (the
   * browser says where it comes from: Origin, Sec-Fetch-Site), and nothing is saved; a postback
   * without the page's PrimeFaces nonce (replayed, or sent by a scanner) is a 403, not an error
   * page (the wapiti scan had found it a 500).
   */
  @Test
  void aFormPostedFromAnotherSiteIsRefused() throws Exception {
    signIn(portal + "team.xhtml", "theo");
    String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
    HttpClient http = HttpClient.newHttpClient();
    String page =
        http.send(
                HttpRequest.newBuilder(URI.create(portal + "team.xhtml"))
                    .header("Cookie", cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher state =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(state.find()).as("the team page has a view state").isTrue();
    String form =
        "project-form=project-form&project-form%3Aname=Forged+project"
            + "&project-form%3Acreate-project=&jakarta.faces.ViewState="
            + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
    long projects = count("SELECT COUNT(*) FROM project");
    for (String[] from :
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Sec-Fetch-Site", "cross-site"})) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(portal + "team.xhtml"))
                  .header("Cookie", cookie)
                  .header(from[0], from[1])
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(from[0]).isEqualTo(403);
    }
    assertThat(count("SELECT COUNT(*) FROM project")).isEqualTo(projects);

    HttpResponse<String> withoutNonce =
        http.send(
            HttpRequest.newBuilder(URI.create(portal + "team.xhtml"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.replace("Forged+project", "x")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withoutNonce.statusCode()).isBetween(400, 499);
  }
}
