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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #13, finding 2: the pages run under a Content-Security-Policy whose script-src has neither
 * 'unsafe-inline' nor 'unsafe-eval' (PrimeFaces' nonces), and every page of the portal works under
 * it: the walk fails on any violation the browser reports. The same walk checks that every form of
 * every page carries the session's anti-forgery token.
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
    Object bare =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.forms).filter(function (f) {"
                    + " var t = f.querySelector('input[name=_csrf]');"
                    + " return !t || t.value.length < 32; })"
                    + ".map(function (f) { return f.id || f.className || f.action; });");
    if (bare instanceof List<?> list && !list.isEmpty()) {
      formsWithoutToken.put(where, list.stream().map(String::valueOf).toList());
    }
  }

  /** Follows the first link of the page matching the selector, if there is one. */
  private void follow(String selector, String label) {
    List<WebElement> links = browser.findElements(By.cssSelector(selector));
    if (!links.isEmpty()) {
      browser.get(links.get(0).getAttribute("href"));
      waitForPortal();
      check(label);
    }
  }

  @Test
  void everyPageWorksUnderThePolicy() throws Exception {
    signIn(portal + "admin/index.xhtml", "olivia");
    check("sign-in");
    for (String page :
        List.of(
            "admin/index.xhtml",
            "admin/providers.xhtml",
            "admin/provider-form.xhtml",
            "admin/onboarding.xhtml",
            "admin/users.xhtml",
            "admin/rules.xhtml",
            "admin/audit.xhtml",
            "admin/outbox.xhtml",
            "admin/catalog.xhtml",
            "admin/prices.xhtml",
            "admin/placement.xhtml",
            "admin/rebalancing.xhtml",
            "admin/billing.xhtml",
            "usage.xhtml")) {
      visit(page);
    }
    visit("admin/providers.xhtml");
    follow("a[href*='provider.xhtml?id=']", "admin/provider.xhtml");
    visit("usage.xhtml");
    follow("a[href*='tenant-quota.xhtml']", "admin/tenant-quota.xhtml");

    newBrowser();
    signIn(portal.toString(), "theo");
    check("sign-in (tenant admin)");
    for (String page :
        List.of(
            "dashboard.xhtml",
            "catalog.xhtml",
            "ai.xhtml",
            "usage.xhtml",
            "resources.xhtml",
            "billing.xhtml",
            "team.xhtml",
            "audit.xhtml")) {
      visit(page);
    }
    for (String plain : List.of("error/404.xhtml", "error/403.xhtml", "error/500.xhtml")) {
      browser.get(portal + plain);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-text")));
      check(plain);
    }
    visit("catalog.xhtml");
    follow("a.order-image", "order.xhtml");
    // An AJAX round trip under the policy: the placement preview of the order form.
    List<WebElement> name = browser.findElements(By.id("order:name"));
    if (!name.isEmpty()) {
      name.get(0).sendKeys("csp-check");
      new Select(byId("order:size")).selectByValue("s-2");
      byId("order:preview").click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
      check("order.xhtml (preview)");
    }
    visit("team.xhtml");
    follow("a[href*='project.xhtml?id=']", "project.xhtml");
    visit("resources.xhtml");
    follow("a[href*='resource.xhtml?id=']", "resource.xhtml");
    visit("ai.xhtml");
    follow("a[href*='ai-service.xhtml?id=']", "ai-service.xhtml");
    // The language switch is a form post of its own.
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
