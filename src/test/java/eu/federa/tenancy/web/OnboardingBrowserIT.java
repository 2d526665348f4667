package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
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
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A partner organisation's user requests onboarding; the platform admin approves it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnboardingBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void partnerUserRequestsOnboardingAndBecomesTenantAdminOnceApproved() {
    signInThroughPartner(portal.toString(), "pat");
    assertThat(text("tenant-name")).isEqualTo("No organisation yet");
    byId("request-onboarding").click();
    wait.until(ExpectedConditions.urlContains("/onboarding.xhtml"));

    byId("onboarding:legalName").sendKeys("Nordlicht Research SAS");
    byId("onboarding:vatId").sendKeys("FR123");
    byId("onboarding:billingEmail").sendKeys("billing@nordlicht-research.example");
    byId("onboarding:intendedUse")
        .sendKeys("Fine-tuning open-weight models on our own climate data");
    byId("onboarding:submit").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("main"), "This is not a VAT number of FR"));

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
    byId("logout").click();
    wait.until(ExpectedConditions.urlContains("/signed-out.xhtml"));

    signIn(portal + "admin/onboarding.xhtml", "olivia");
    assertThat(byId("decisions:pending").getText())
        .contains("Nordlicht Research SAS")
        .contains(vat);
    browser.findElements(By.cssSelector("#decisions\\:pending tbody tr")).stream()
        .filter(row -> row.getText().contains(vat))
        .findFirst()
        .orElseThrow()
        .findElement(By.cssSelector(".approve"))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("decisions:confirm-yes"))).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("decisions:messages"), "approved"));
    byId("logout").click();
    wait.until(ExpectedConditions.urlContains("/signed-out.xhtml"));

    signInThroughPartner(portal.toString(), "pat");
    assertThat(text("tenant-name")).isEqualTo("Nordlicht Research SAS");
    assertThat(text("organisation-name"))
        .contains("Nordlicht Research SAS")
        .contains("Administrator");
  }
}
