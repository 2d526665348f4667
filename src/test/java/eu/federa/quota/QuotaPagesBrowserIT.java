package eu.federa.quota;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
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

/**
 * Limits in the browser: a platform admin changes an organisation's limits (a bad one is refused at
 * its field), and its tenant admin gives a project limits of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QuotaPagesBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void anOrganisationsLimitsAndAProjectsOwnAreSetOnTheirPages() throws Exception {
    signIn(portal + "usage.xhtml", "olivia");
    assertThat(text("drift:differences")).isNotBlank();
    browser.findElements(By.tagName("h3")).stream()
        .filter(h -> h.getText().contains("Borealis Systems Oy"))
        .findFirst()
        .orElseThrow()
        .findElement(By.cssSelector("a.tenant-quota-link"))
        .click();
    wait.until(ExpectedConditions.urlContains("tenant-quota.xhtml"));
    WebElement vms = byId("tenantQuota:vms");
    assertThat(vms.getAttribute("value")).as("the plan's limit, loaded").isNotBlank();
    vms.clear();
    vms.sendKeys("-3");
    byId("tenantQuota:save").click();
    confirmYes();
    // Messages by their kind: the reader's language may not be English.
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#tenantQuota .ui-message-error")));
    vms = byId("tenantQuota:vms");
    vms.clear();
    vms.sendKeys("40");
    byId("tenantQuota:save").click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("tenantQuota:messages"), "saved"));

    newBrowser();
    signIn(portal + "team.xhtml", "lena");
    browser.findElements(By.cssSelector("a.project-link")).stream()
        .filter(a -> a.getText().equals("Edge inference"))
        .findFirst()
        .orElseThrow()
        .click();
    wait.until(ExpectedConditions.urlContains("project.xhtml"));
    byId("projectQuota:vcpu").sendKeys("100000");
    byId("projectQuota:save").click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#projectQuota .ui-message-error")));
    WebElement vcpu = byId("projectQuota:vcpu");
    vcpu.clear();
    vcpu.sendKeys("8");
    byId("projectQuota:save").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#usage-project .usage-VCPU .limit"), "8"));
    browser.get(portal + "usage.xhtml");
    assertThat(browser.findElement(By.cssSelector("#usage-mine .usage-VMS .limit")).getText())
        .isEqualTo("40");
  }
}
