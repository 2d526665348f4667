package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #13, finding 2: the pages run under a Content-Security-Policy whose script-src has neither
 * 'unsafe-inline' nor 'unsafe-eval' (PrimeFaces' nonces), and every page of the portal works under
 * it: the walks fail on any violation the browser reports, and on any form without the session's
 * anti-forgery token. The walk over every page of the access matrix is AccessibilityBrowserIT's
 * (one visit a page for both); this class walks the rest.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContentSecurityPolicyBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private final Map<String, List<String>> violations = new LinkedHashMap<>();

  /** Per page, the forms without the session's anti-forgery token (FormTokens). */
  private final Map<String, List<String>> formsWithoutToken = new LinkedHashMap<>();

  private static String scriptSrc(String policy) {
    for (String directive : policy.split(";")) {
      if (directive.trim().startsWith("script-src")) {
        return directive.trim();
      }
    }
    return "";
  }

  private static List<String> policiesOf(String url) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return answer.headers().allValues("Content-Security-Policy");
  }

  @Test
  void everyAnswerHasOnePolicyWithoutInlineOrEvalScripts() throws Exception {
    Map<String, List<String>> answers = new LinkedHashMap<>();
    for (String path :
        List.of(
            "signed-out.xhtml",
            "jakarta.faces.resource/css/federa.css.xhtml",
            "resources/no-such-file.css")) {
      answers.put(path, policiesOf(portal + path));
    }
    List<String> page = answers.get("signed-out.xhtml");
    for (Map.Entry<String, List<String>> answer : answers.entrySet()) {
      List<String> policies = answer.getValue();
      assertThat(policies).as(answer.getKey()).hasSize(1);
      String policy = policies.get(0);
      assertThat(policy).contains("object-src 'none'").contains("frame-ancestors 'none'");
      assertThat(scriptSrc(policy))
          .startsWith("script-src 'self'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
    }
    // Pages carry the nonce of their own scripts.
    assertThat(page.get(0)).contains("'nonce-");
  }

  private void visit(String path) {
    browser.get(portal + path);
    waitForPortal();
    check(path);
  }

  private void check(String where) {
    List<String> seen = cspViolations();
    if (!seen.isEmpty()) {
      violations.put(where, seen);
    }
    List<String> bare = formsWithoutToken();
    if (!bare.isEmpty()) {
      formsWithoutToken.put(where, bare);
    }
  }

  /** Follows the first link of the page matching the selector; the page must have one. */
  private void follow(String selector, String label) {
    List<WebElement> links = browser.findElements(By.cssSelector(selector));
    assertThat(links).as("a link to " + label).isNotEmpty();
    open(links.get(0), label);
  }

  /**
   * Follows the first link matching the selector if the page has one (Acme's VMs and AI services
   * are those other tests ordered before this one).
   */
  private void followAny(String selector, String label) {
    List<WebElement> links = browser.findElements(By.cssSelector(selector));
    if (!links.isEmpty()) {
      open(links.get(0), label);
    }
  }

  private void open(WebElement link, String label) {
    browser.get(link.getAttribute("href"));
    waitForPortal();
    check(label);
  }

  /**
   * AccessibilityBrowserIT checks the policy and the forms' tokens on every page of the access
   * matrix, as each role; this walk adds what that one does not open: pages of real providers, VMs
   * and AI services, the placement preview (an AJAX round trip), the language switch (a form post
   * of its own), and a partner's user who has no organisation yet.
   */
  @Test
  void whatTheAccessibilityWalkDoesNotOpenWorksUnderThePolicy() throws Exception {
    signIn(portal + "admin/providers.xhtml", "olivia");
    check("sign-in");
    follow("a[href*='provider.xhtml?id=']", "admin/provider.xhtml");
    visit("usage.xhtml");
    follow("a[href*='tenant-quota.xhtml']", "admin/tenant-quota.xhtml");

    newBrowser();
    signIn(portal + "catalog.xhtml", "theo");
    check("sign-in (tenant admin)");
    follow("a.order-image", "order.xhtml");
    byId("order:name").sendKeys("csp-check");
    new Select(byId("order:size")).selectByValue("s-2");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    check("order.xhtml (preview)");
    visit("resources.xhtml");
    followAny("a[href*='resource.xhtml?id=']", "resource.xhtml");
    visit("ai.xhtml");
    followAny("a[href*='ai-service.xhtml?id=']", "ai-service.xhtml");
    visit("dashboard.xhtml");
    switchLanguage("fr");
    check("language switch");
    switchLanguage("en");

    newBrowser();
    signInThroughPartner(portal.toString(), "mallory");
    check("no-organisation.xhtml");
    visit("onboarding.xhtml");

    assertThat(violations).as("violations per page").isEmpty();
    assertThat(formsWithoutToken).as("forms without the anti-forgery token, per page").isEmpty();
  }
}
