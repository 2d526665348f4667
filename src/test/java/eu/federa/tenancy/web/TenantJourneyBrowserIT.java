package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import java.net.URL;
import java.util.concurrent.ThreadLocalRandom;
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
 * The whole life of a tenant's team in the browser: a partner organisation's user finds no
 * organisation, requests onboarding, the platform admin approves, the new tenant admin invites a
 * colleague, who accepts and works in the tenant, until the admin removes them and their very next
 * click is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantJourneyBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void partnerUserOnboardsInvitesAColleagueAndRemovesThem() throws Exception {
    // 1. Pat signs in through the partner identity provider: no rule places them in a tenant.
    signInThroughPartner(portal.toString(), "pat");
    wait.until(ExpectedConditions.urlContains("/no-organisation.xhtml"));
    assertThat(text("unmatched")).contains("pat.novak@nordlicht-research.example");
    assertThat(text("tenant-name")).isEqualTo("No organisation yet");
    byId("request-onboarding").click();
    wait.until(ExpectedConditions.urlContains("/onboarding.xhtml"));

    byId("onboarding:legalName").sendKeys("Nordlicht Research SAS");
    byId("onboarding:vatId").sendKeys("FR123");
    byId("onboarding:billingEmail").sendKeys("billing@nordlicht-research.example");
    byId("onboarding:intendedUse")
        .sendKeys("Fine-tuning open-weight models on our own climate data");
    byId("onboarding:submit").click();
    waitForText("main", "This is not a VAT number of FR");

    String vat =
        String.format(
            "FR%02d%09d",
            ThreadLocalRandom.current().nextInt(100),
            ThreadLocalRandom.current().nextInt(1_000_000_000));
    byId("onboarding:vatId").clear();
    byId("onboarding:vatId").sendKeys(vat);
    byId("onboarding:submit").click();
    wait.until(ExpectedConditions.textToBe(By.id("request-state"), "Waiting for a decision"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Your request for Nordlicht Research SAS was sent");
    signOut();

    // 2. The platform admin approves.
    signIn(portal + "admin/onboarding.xhtml", "olivia");
    // The queue is paged and sorted in the database, oldest first: the newest first here (the
    // stack may hold more requests than a page).
    By submitted =
        By.xpath(
            "//th[contains(@class,'ui-sortable-column')][contains(normalize-space(.),'Sent')]");
    clickSettled(submitted);
    wait.until(d -> "ascending".equals(d.findElement(submitted).getAttribute("aria-sort")));
    clickSettled(submitted);
    wait.until(d -> "descending".equals(d.findElement(submitted).getAttribute("aria-sort")));
    assertThat(text("decisions:pending")).contains("Nordlicht Research SAS").contains(vat);
    rowContaining("#decisions\\:pending tbody tr", vat)
        .findElement(By.cssSelector(".approve"))
        .click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("decisions:messages"), "approved"));
    signOut();

    // 3. Pat is the tenant admin now and invites Sam.
    signInThroughPartner(portal.toString(), "pat");
    assertThat(text("tenant-name")).isEqualTo("Nordlicht Research SAS");
    assertThat(text("organisation-name")).contains("Administrator");
    byId("nav-team").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    byId("invite-form:email").sendKeys("not-an-address");
    byId("invite-form:send-invitation").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("invite-form"), "Enter an e-mail address"));
    // The refused field is marked invalid for a screen reader and its message is announced.
    assertThat(byId("invite-form:email").getAttribute("aria-invalid")).isEqualTo("true");
    Object announced =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "const m = Array.from(document.querySelectorAll('#invite-form .ui-message-error'))"
                    + ".find(e => e.textContent.includes('Enter an e-mail address'));"
                    + "return !!m && !!m.closest('[role=alert],[aria-live]');");
    assertThat(announced).as("the field's message is in a live region").isEqualTo(true);
    byId("invite-form:email").clear();
    byId("invite-form:email").sendKeys("sam.weber@nordlicht-research.example");
    byId("invite-form:send-invitation").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("invitations"), "sam.weber@nordlicht-research.example"));
    assertThat(byId("invite-form:email").getAttribute("aria-invalid")).isNotEqualTo("true");
    String link = invitationLinkInOutbox();
    int patsBrowser = 0;

    // 4. Sam opens the link in their own browser, signs in, accepts and sees the tenant.
    int samsBrowser = newBrowser();
    browser.get(link);
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    byId("social-partner").click();
    wait.until(ExpectedConditions.urlContains("/realms/partner/"));
    enterCredentials("sam");
    wait.until(ExpectedConditions.urlContains("/invitation.xhtml"));
    assertThat(text("invitation-offer"))
        .isEqualTo("You are invited to join Nordlicht Research SAS as Member.");
    byId("invitation:accept").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    assertThat(text("tenant-name")).isEqualTo("Nordlicht Research SAS");
    assertThat(text("team:members")).contains("Pat Novak").contains("Sam Weber");

    // The link works once, in the page and in the API.
    browser.get(link);
    assertThat(text("invitation-problem")).contains("used already");
    SessionApi.Answer again =
        new SessionApi(portal.toString(), browser)
            .post(
                "api/v1/invitations/accept",
                "{\"token\":\"" + link.substring(link.lastIndexOf('/') + 1) + "\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("This invitation was used already");
    browser.get(portal + "team.xhtml");
    assertThat(text("team:members")).contains("Sam Weber");

    // 5. Pat makes Sam a viewer (the change is saved as chosen), then removes Sam (after
    // confirming) ...
    useBrowser(patsBrowser);
    browser.navigate().refresh();
    waitForPortal();
    new Select(
            rowContaining("#team\\:members tbody tr", "Sam Weber")
                .findElement(By.cssSelector("select.member-role-menu")))
        .selectByValue("VIEWER");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("team:messages"), "The role was changed."));
    browser.navigate().refresh();
    waitForPortal();
    assertThat(
            new Select(
                    rowContaining("#team\\:members tbody tr", "Sam Weber")
                        .findElement(By.cssSelector("select.member-role-menu")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("VIEWER");
    // Removing asks first: No keeps Sam, Yes removes them.
    rowContaining("#team\\:members tbody tr", "Sam Weber")
        .findElement(By.cssSelector(".remove-member"))
        .click();
    confirmNo();
    assertThat(text("team:members")).contains("Sam Weber");
    rowContaining("#team\\:members tbody tr", "Sam Weber")
        .findElement(By.cssSelector(".remove-member"))
        .click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("team:messages"), "removed"));
    assertThat(text("team:members")).doesNotContain("Sam Weber");

    // ... and Sam's next click, on the team page still open in their browser, is refused.
    useBrowser(samsBrowser);
    byId("team:leave").click();
    confirmYes();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Access denied"));
    assertThat(text("error-text")).contains("no longer a member of this organisation");
    browser.get(portal + "team.xhtml");
    waitForPortal();
    assertThat(text("tenant-name")).isEqualTo("No organisation yet");
    assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Pat Novak");
  }

  private WebElement rowContaining(String rowsSelector, String text) {
    return wait.until(
        d ->
            d.findElements(By.cssSelector(rowsSelector)).stream()
                .filter(row -> row.getText().contains(text))
                .findFirst()
                .orElse(null));
  }

  private void signOut() {
    byId("logout").click();
    wait.until(ExpectedConditions.urlContains("/signed-out.xhtml"));
  }
}
