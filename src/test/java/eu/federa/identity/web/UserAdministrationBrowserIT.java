package eu.federa.identity.web;

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
 * A platform admin disables a user: the user's next request is refused and Keycloak refuses their
 * next login, until the admin enables them again. The audit trails show it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UserAdministrationBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aDisabledUserIsRefusedAtOnceAndCanComeBackWhenEnabled() throws Exception {
    int noahsBrowser = 0;
    signIn(portal.toString(), "noah");
    assertThat(text("tenant-name")).isEqualTo("Acme Analytics SAS");

    int oliviasBrowser = newBrowser();
    signIn(portal + "admin/users.xhtml", "olivia");
    byId("users:search").sendKeys("noah");
    WebElement everyone = byId("users:list");
    byId("users:find").click();
    wait.until(ExpectedConditions.stalenessOf(everyone)); // the list was replaced by the result
    assertThat(text("users:list")).contains("Noah Keller").doesNotContain("Olivia Martin");
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#users\\:list .disable-user")))
        .click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("users:messages"), "disabled in the portal and in Keycloak"));

    // Noah's very next click is refused, with an explanation ...
    useBrowser(noahsBrowser);
    byId("nav-team").click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Your account is disabled"));
    // ... and Keycloak does not let them in again.
    browser.get(portal.toString());
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    enterCredentials("noah");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "disabled"));
    assertThat(browser.getCurrentUrl()).contains("/realms/federa/");

    useBrowser(oliviasBrowser);
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#users\\:list .enable-user")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("users:messages"), "can sign in again"));
    browser.get(portal + "admin/audit.xhtml");
    assertThat(text("audit:entries"))
        .contains("User disabled")
        .contains("User enabled")
        .contains("noah");
    // An entry's organisation by its name, its id in the title.
    assertThat(browser.findElements(By.cssSelector("#audit\\:entries .audit-tenant")))
        .allSatisfy(
            cell -> {
              assertThat(cell.getText()).isNotBlank().doesNotMatch("\\d+");
              assertThat(cell.getAttribute("title")).matches("\\d+");
            });
    // The trail filtered by a part of a name, the export links following the filter ...
    byId("audit:actor").sendKeys("Olivia");
    byId("audit:from").sendKeys("yesterday");
    clickSettled("audit:apply");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("audit:filter-messages"), "Write a day such as 2026-11-30"));
    byId("audit:from").clear();
    WebElement unfiltered = byId("audit:entries");
    clickSettled("audit:apply");
    wait.until(ExpectedConditions.stalenessOf(unfiltered));
    assertThat(text("audit:entries")).contains("User disabled");
    assertThat(byId("audit:export-csv").getAttribute("href"))
        .endsWith("/api/v1/audit/export?format=csv&actor=Olivia");
    // ... by an organisation's name as the list shows it (letter case aside), not its number ...
    byId("audit:actor").clear();
    byId("audit:tenant").sendKeys("Nobody Ltd");
    clickSettled("audit:apply");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("audit:filter-messages"), "No organisation is named \u201cNobody Ltd\u201d."));
    byId("audit:tenant").clear();
    byId("audit:tenant").sendKeys("acme analytics sas");
    WebElement before = byId("audit:entries");
    clickSettled("audit:apply");
    wait.until(ExpectedConditions.stalenessOf(before));
    assertThat(browser.findElements(By.cssSelector("#audit\\:entries .audit-tenant")))
        .isNotEmpty()
        .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("Acme Analytics SAS"));
    assertThat(byId("audit:export-csv").getAttribute("href"))
        .matches(".*/api/v1/audit/export\\?format=csv&tenant=\\d+");
    // ... and the chain checked from the page.
    clickSettled("chain:verify");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("chain-verdict"), "The chain is intact"));
    assertThat(text("chain-sealed")).contains("entries sealed and checked");

    useBrowser(noahsBrowser);
    signIn(portal.toString(), "noah");
    assertThat(text("welcome")).isEqualTo("Welcome, Noah");
  }

  @Test
  void tenantAdminsReadTheirTenantsAuditLogAndMembersCannot() throws Exception {
    signIn(portal.toString(), "theo");
    byId("nav-audit").click();
    wait.until(ExpectedConditions.urlContains("/audit.xhtml"));
    assertThat(text("audit:entries")).contains("Joined through a membership rule");
    assertThat(text("audit:entries")).doesNotContain("Borealis");

    newBrowser();
    signIn(portal.toString(), "mia");
    assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
    browser.get(portal + "audit.xhtml");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
    browser.get(portal + "billing.xhtml");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
  }
}
