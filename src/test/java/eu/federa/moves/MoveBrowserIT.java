package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #16 in the browser: from a VM's page to its move page, the providers it could go to with
 * their prices, a move started with a confirmation, its progress, a reload of WildFly in the middle
 * of it (the move is carried on from the database), and the confirmation after the cutover.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MoveBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;
  @ArquillianResource ManagementClient management;

  @Test
  void aVmMovesToAnotherProviderThroughItsPageAndAcrossARestart() throws Exception {
    signIn(portal + "catalog.xhtml", "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme = mia.tenantNamed("Acme Analytics SAS");
    String name = "mover-" + UUID.randomUUID().toString().substring(0, 6);
    String id = mia.orderSmallVm(acme, name);

    browser.get(portal + "resource.xhtml?id=" + id);
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(120));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    String from = text("provider");
    browser.get(portal + "resource.xhtml?id=" + id);
    clickSettled("resource:move");

    // The move page: where it runs, the expected downtime, and each provider it could go to.
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("move:targets")));
    assertThat(text("move:downtime")).containsPattern("\\d+ min");
    assertThat(browser.findElements(By.cssSelector(".target-move"))).isNotEmpty();
    String to = browser.findElements(By.cssSelector(".target-provider")).get(0).getText();
    // At the demo's pace until WildFly is back: the move is still on its way when it restarts.
    try (TestStack.DemoPace demoPace = TestStack.atDemoPace()) {
      clickSettled(By.cssSelector(".target-move"));
      confirmYes();
      try {
        slow.until(
            ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("move-state")),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error"))));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError(
            "No move started; the page shows: " + browser.findElement(By.tagName("body")).getText(),
            e);
      }
      assertThat(browser.findElements(By.cssSelector(".ui-messages-error")))
          .extracting(e -> e.getText())
          .isEmpty();
      assertThat(text("move-state")).isEqualTo("Moving");

      // WildFly restarts in the middle of the move (a reload: every service and deployment stops,
      // the worker's step with them, and starts again from the configuration): the move is carried
      // on afterwards from the database.
      ModelNode reload = new ModelNode();
      reload.get("operation").set("reload");
      ModelNode outcome = management.getControllerClient().execute(reload);
      assertThat(outcome.get("outcome").asString()).as(outcome.toString()).isEqualTo("success");
      waitUpTo(Duration.ofSeconds(180)).until(running -> serverRunning());
    }
    newBrowser();
    signIn(portal + "catalog.xhtml", "mia");
    browser.get(portal + "move.xhtml?order=" + id);
    WebDriverWait moving = waitUpTo(Duration.ofSeconds(240));
    moving.ignoring(StaleElementReferenceException.class);
    moving.until(ExpectedConditions.elementToBeClickable(By.id("move:confirm-move")));
    assertThat(text("move-state")).isEqualTo("Moved, old copy kept");
    assertThat(text("cutover-at")).isNotBlank();

    clickSettled("move:confirm-move");
    confirmYes();
    moving.until(ExpectedConditions.textToBe(By.id("move-state"), "Moved"));

    // The VM's page shows it at its new provider (in the browser opened after the restart).
    browser.get(portal + "resource.xhtml?id=" + id);
    moving.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(text("provider")).startsWith(to).isNotEqualTo(from);
    assertThat(cspViolations()).isEmpty();
  }

  /** Whether the server is back up after its reload (false while it cannot be asked). */
  private boolean serverRunning() {
    ModelNode read = new ModelNode();
    read.get("operation").set("read-attribute");
    read.get("name").set("server-state");
    try {
      ModelNode state = management.getControllerClient().execute(read);
      return "running".equals(state.get("result").asString());
    } catch (java.io.IOException | RuntimeException restarting) {
      return false;
    }
  }
}
