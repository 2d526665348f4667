package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #16's plans in the browser: a tenant admin plans the move of a project off its provider
 * (each VM's target, downtime, price), runs it after a confirmation and follows the moves in the
 * list; a platform admin opens a provider's evacuation plan from its page, with every
 * organisation's VMs on it and why one cannot move.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MovePlanBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void anAdminMovesAProjectOffItsProviderAndAPlatformAdminPlansAnEvacuation() throws Exception {
    signIn(portal + "catalog.xhtml", "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String tenants = theo.get("api/v1/tenants").body();
    String acme = tenants.replaceAll("(?s).*\"id\":(\\d+),\"name\":\"Acme Analytics SAS\".*", "$1");
    assertThat(acme).as(tenants).matches("\\d+");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String project = "moving-" + tag;
    Answer made =
        theo.post("api/v1/tenants/" + acme + "/projects", "{\"name\":\"" + project + "\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String projectId = made.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    String vm = "planned-" + tag;
    Answer ordered =
        theo.post(
            "api/v1/tenants/" + acme + "/orders",
            "{\"name\":\""
                + vm
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\",\"countries\":[],"
                + "\"projectId\":"
                + projectId
                + ",\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\"}");
    assertThat(ordered.status()).as(ordered.body()).isEqualTo(201);
    String id = ordered.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    browser.get(portal + "resource.xhtml?id=" + id);
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(240));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    String from = text("provider");

    // The plan: the project's VMs on that provider, each with where it would go.
    browser.get(portal + "moves.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("moves:from")));
    new Select(byId("moves:from")).selectByVisibleText(from);
    new Select(byId("moves:project")).selectByVisibleText(project);
    clickSettled("moves:plan");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-summary")));
    assertThat(text("plan-summary")).contains(withoutCountry(from)).contains("1 VMs can move");
    assertThat(browser.findElements(By.cssSelector(".plan-vm")))
        .extracting(WebElement::getText)
        .containsExactly(vm);
    String to = browser.findElement(By.cssSelector(".plan-to")).getText();
    assertThat(to).isNotBlank().isNotEqualTo(from);

    // Run it, after a confirmation: the move shows in the list and goes to its end.
    clickSettled("moves:run-plan");
    confirmYes();
    By row = By.xpath("//tbody[@id='moves:move-list_data']/tr[.//a[text()='" + vm + "']]");
    slow.until(ExpectedConditions.presenceOfElementLocated(row));
    assertThat(browser.findElements(By.cssSelector(".ui-messages-error"))).isEmpty();
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.xpath(
                "//tbody[@id='moves:move-list_data']/tr[.//a[text()='"
                    + vm
                    + "']]//span[contains(@class, 'move-list-state')]"),
            "Moved, old copy kept"));
    browser.get(portal + "resource.xhtml?id=" + id);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(text("provider")).isEqualTo(to);
    String now = withoutCountry(to);
    assertThat(cspViolations()).isEmpty();

    // A platform admin opens the evacuation of the VM's new provider from the provider's page:
    // the plan lists it with its organisation.
    newBrowser();
    signIn(portal + "admin/providers.xhtml", "olivia");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(now)));
    clickSettled(By.linkText(now));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evacuate-provider")));
    clickSettled(By.id("evacuate-provider"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-summary")));
    assertThat(text("plan-summary")).contains(now);
    WebElement planned =
        browser.findElement(
            By.xpath("//tr[.//span[contains(@class, 'plan-vm') and text()='" + vm + "']]"));
    assertThat(planned.getText()).contains("Acme Analytics SAS");
    // Its own move awaits Theo's decision: it cannot move again before, and the plan says so.
    assertThat(planned.findElement(By.cssSelector(".plan-why-not")).getText())
        .isEqualTo("It is already being moved.");
    assertThat(cspViolations()).isEmpty();
  }

  /** "Name (FR)": the provider's name alone. */
  private static String withoutCountry(String provider) {
    return provider.replaceAll(" \\([A-Z]{2}\\)$", "");
  }
}
