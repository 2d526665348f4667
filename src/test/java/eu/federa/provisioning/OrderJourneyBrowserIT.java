package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A member browses the catalog, orders a VM, watches it come up, stops and terminates it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderJourneyBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aMemberOrdersAVmSeesItRunWithAnIpThenStopsAndTerminatesIt() {
    signIn(portal + "catalog.xhtml", "mia");
    assertThat(text("catalog:offers")).contains("Lutece Cloud").contains("SecNumCloud");
    browser.findElement(By.cssSelector("a.order-image")).click();
    wait.until(ExpectedConditions.urlContains("order.xhtml"));

    String name = "journey-" + UUID.randomUUID().toString().substring(0, 6);
    byId("order:name").sendKeys(name);
    new Select(byId("order:size")).selectByValue("s-2");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    assertThat(text("order:steps")).contains("Free vCPU");
    byId("order:place").click();
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));

    WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(90));
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Running"));
    assertThat(text("ip")).matches("10\\.\\d+\\.0\\.\\d+");
    assertThat(text("resource:alternatives")).isNotBlank();

    byId("resource:stop").click();
    confirmYes();
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Stopped"));
    byId("resource:terminate").click();
    confirmYes();
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Terminated"));

    browser.get(portal + "resources.xhtml");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resources:list"), name));
    assertThat(text("resources:list")).contains("Terminated");
  }
}
