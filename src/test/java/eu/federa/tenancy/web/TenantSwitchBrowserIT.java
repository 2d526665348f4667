package eu.federa.tenancy.web;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A user who belongs to two tenants, with a different role in each, switches between them from the
 * header; every page then shows the chosen tenant with the role held there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantSwitchBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aMemberOfTwoTenantsSwitchesBetweenThemWithTheRoleOfEach() throws Exception {
    // Mia has signed in once, so she is one of Acme's members (people join at their first
    // sign-in), whichever tests ran before this one.
    signIn(portal + "dashboard.xhtml", "mia");
    newBrowser();
    // Lena (Borealis admin) invites Ines, a member of Acme, as a viewer.
    signIn(portal + "team.xhtml", "lena");
    byId("invite-form:email").sendKeys("ines.moreau@acme-analytics.example");
    ((JavascriptExecutor) browser).executeScript("PF('inviteRole').selectValue('VIEWER');");
    byId("invite-form:send-invitation").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("invitations"), "ines.moreau@acme-analytics.example"));
    String link = invitationLinkInOutbox();

    newBrowser();
    browser.get(link);
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    enterCredentials("ines");
    wait.until(ExpectedConditions.urlContains("/invitation.xhtml"));
    assertThat(text("invitation-offer")).contains("Borealis Systems Oy").contains("Viewer");
    byId("invitation:accept").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    assertThat(text("tenant-name")).isEqualTo("Borealis Systems Oy");
    // A viewer manages nothing.
    assertThat(browser.findElements(By.id("invite-form"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".remove-member"))).isEmpty();

    // Switch to Acme, where Ines is a member.
    tenantChoice("Acme Analytics SAS").click();
    wait.until(ExpectedConditions.textToBe(By.id("tenant-name"), "Acme Analytics SAS"));
    assertThat(text("organisation-name")).contains("Member");
    byId("nav-team").click();
    wait.until(ExpectedConditions.urlContains("/team.xhtml"));
    assertThat(text("team:members")).contains("Mia Schmidt").doesNotContain("Lena Virtanen");

    // And back.
    tenantChoice("Borealis Systems Oy").click();
    wait.until(ExpectedConditions.textToBe(By.id("tenant-name"), "Borealis Systems Oy"));
    assertThat(text("organisation-name")).contains("Viewer");

    // Forged or mistyped posts of the header's forms, with the session's token: an organisation
    // Ines does not belong to is not found, a value that is no organisation or no language is a
    // 400, and nothing changed.
    assertThat(post("organisation", "tenant", "987654321")).isEqualTo(404L);
    assertThat(post("organisation", "tenant", "acme")).isEqualTo(400L);
    assertThat(post("language", "lang", "xx")).isEqualTo(400L);
    browser.get(portal + "dashboard.xhtml");
    waitForPortal();
    assertThat(text("tenant-name")).isEqualTo("Borealis Systems Oy");
    assertThat(text("language-current")).endsWith("EN");
    // every language offered by its own name, as the server's locale data writes it
    assertThat(languageButton("fr").getText()).isEqualTo("Français");
    assertThat(languageButton("sl").getText()).isEqualTo("Slovenščina");
  }

  /** Posts {@code name=value} with the page's form token to the servlet; the answer's status. */
  private Object post(String servlet, String name, String value) {
    return ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + " var body = new URLSearchParams();"
                + " body.append('_csrf', document.querySelector('#language-form input[name=_csrf]').value);"
                + " body.append(arguments[1], arguments[2]);"
                + " fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual'})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
            portal + servlet,
            name,
            value);
  }

  /** The header's button that switches to the organisation. */
  private org.openqa.selenium.WebElement tenantChoice(String name) {
    return browser.findElement(
        By.xpath(
            "//form[@id='tenant-switch']//button[contains(@class,'fd-tenant-choice')"
                + " and normalize-space()='"
                + name
                + "']"));
  }
}
