package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * Issue #24: a platform admin finds an organisation in the directory, suspends it with a reason
 * that its admin then reads on every page, and resumes it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrganisationsBrowserIT extends BrowserSupport {

  private static final String BOREALIS = "Borealis Systems Oy";

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aPlatformAdminSuspendsAnOrganisationWhoseAdminReadsWhyAndResumesIt() throws Exception {
    try {
      // Lena joins Borealis at her first sign-in (its domain rule): before that it has no member.
      int lenasBrowser = 0;
      signIn(portal.toString(), "lena");
      assertThat(browser.findElements(By.id("suspended-banner"))).isEmpty();
      int oliviasBrowser = newBrowser();
      signIn(portal + "admin/index.xhtml", "olivia");
      byId("admin-organisations").click();
      wait.until(ExpectedConditions.urlContains("/admin/organisations.xhtml"));
      byId("organisations:search").sendKeys("Borealis");
      WebElement everyone = byId("organisations:list");
      clickSettled("organisations:find");
      wait.until(ExpectedConditions.stalenessOf(everyone));
      assertThat(text("organisations:list")).contains(BOREALIS).doesNotContain("Acme Analytics");
      browser.findElement(By.cssSelector(".organisation-link")).click();
      wait.until(ExpectedConditions.urlContains("/admin/organisation.xhtml"));
      assertThat(text("state")).isEqualTo("Active");
      assertThat(text("organisation:members")).contains("Lena");

      byId("organisation:reason").sendKeys("Security review of your account in progress");
      clickSettled("organisation:suspend");
      confirmYes();
      wait.until(ExpectedConditions.textToBe(By.id("state"), "Suspended"));
      assertThat(text("suspended-reason")).isEqualTo("Security review of your account in progress");
      assertThat(text("organisation:audit")).contains("Organisation suspended");
      // The entry's detail reads in the portal's words, the reason as typed: no longer the
      // record the trail keeps ("state: ACTIVE → SUSPENDED; reason: ..."), marked as English.
      WebElement detail =
          browser.findElement(
              By.xpath("//*[contains(@class, 'audit-detail') and contains(., 'Security review')]"));
      assertThat(detail.getText())
          .isEqualTo("suspended; reason: Security review of your account in progress");
      assertThat(detail.getAttribute("class")).doesNotContain("fd-verbatim");

      useBrowser(lenasBrowser);
      browser.navigate().refresh();
      waitForPortal();
      assertThat(text("suspended-banner"))
          .contains("Your organisation is suspended.")
          .contains("Security review of your account in progress");
      byId("nav-team").click();
      wait.until(ExpectedConditions.urlContains("/team.xhtml"));
      assertThat(text("suspended-banner")).contains("Security review");

      useBrowser(oliviasBrowser);
      clickSettled("organisation:resume");
      confirmYes();
      wait.until(ExpectedConditions.textToBe(By.id("state"), "Active"));

      useBrowser(lenasBrowser);
      browser.navigate().refresh();
      waitForPortal();
      assertThat(browser.findElements(By.id("suspended-banner"))).isEmpty();
    } finally {
      // Whatever happened above, the demo organisation is left as the other tests expect it.
      try (Connection db = TestStack.database();
          PreparedStatement resume =
              db.prepareStatement(
                  "UPDATE tenant SET suspended_at = NULL, suspended_reason = NULL,"
                      + " suspended_by = NULL, suspension_powers_off = FALSE WHERE name = ?")) {
        resume.setString(1, BOREALIS);
        resume.executeUpdate();
      }
    }
  }
}
