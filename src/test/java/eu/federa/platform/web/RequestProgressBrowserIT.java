package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #19: while a request runs, the page says so and its button cannot be pressed twice. The
 * browser's network is slowed (three seconds, Chromium's own emulation) so that the request is
 * still on its way when the test looks: the order form's placement preview, sent by a member
 * reading German.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestProgressBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /**
   * The button's state, and the status the layout shows while a request runs: [button disabled,
   * status shown, the status's text, its role].
   */
  private static final String PROGRESS =
      "var b = document.getElementById('order:preview');"
          + "var s = document.querySelector('#ajax-status .fd-busy');"
          + "var shown = !!s && !!(s.offsetWidth || s.offsetHeight || s.getClientRects().length);"
          + "return [String(!!b && (b.disabled || b.classList.contains('ui-state-disabled'))),"
          + " String(shown), shown ? s.innerText.trim() : '', s ? String(s.getAttribute('role')) : ''];";

  @AfterEach
  void forgetTheLanguage() throws Exception {
    eu.federa.testsupport.DemoUsers.forgetChoices("mia");
  }

  @Test
  void whileARequestRunsItsButtonIsDisabledAndThePageSaysItIsWorking() throws Exception {
    signIn(portal + "order.xhtml", "mia");
    switchLanguage("de");
    browser.get(portal + "order.xhtml");
    waitForPortal();
    byId("order:name").sendKeys("progress-check");
    new org.openqa.selenium.support.ui.Select(byId("order:image")).selectByValue("ubuntu-24.04");
    new org.openqa.selenium.support.ui.Select(byId("order:size")).selectByValue("s-2");
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(js.executeScript(PROGRESS)).asList().containsExactly("false", "false", "", "status");

    ChromeDriver chromium = (ChromeDriver) browser;
    chromium.executeCdpCommand("Network.enable", Map.of());
    chromium.executeCdpCommand(
        "Network.emulateNetworkConditions",
        Map.of(
            "offline", false, "latency", 3000, "downloadThroughput", -1, "uploadThroughput", -1));
    try {
      byId("order:preview").click();
      @SuppressWarnings("unchecked")
      List<String> during = (List<String>) js.executeScript(PROGRESS);
      assertThat(during.get(0)).as("the button disabled while its request runs").isEqualTo("true");
      assertThat(during.get(1)).as("the page says it is working").isEqualTo("true");
      assertThat(during.get(2)).isEqualTo("In Arbeit\u2026");
      assertThat(during.get(3)).as("said to screen readers").isEqualTo("status");
    } finally {
      chromium.executeCdpCommand(
          "Network.emulateNetworkConditions",
          Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
      chromium.executeCdpCommand("Network.disable", Map.of());
    }

    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    wait.until(d -> "false".equals(((List<?>) js.executeScript(PROGRESS)).get(1)));
    assertThat(js.executeScript(PROGRESS))
        .as("the button again, the status gone")
        .asList()
        .containsExactly("false", "false", "", "status");
  }
}
