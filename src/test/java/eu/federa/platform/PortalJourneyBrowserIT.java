package eu.federa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserInternals;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.DemoUsers;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.KeycloakAdmin;
import java.net.URL;
import java.util.List;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The shell's main journeys in a real browser: sign in, language, errors, roles, sign out. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalJourneyBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** Mia's language goes back to her browser's: the next tests read her pages in English. */
  @AfterEach
  void forgetMiasLanguage() throws Exception {
    DemoUsers.forgetChoices("mia");
  }

  @Test
  void memberSignsInSwitchesToFrenchSignsOutAndFindsFrenchAgainAtNextSignIn() {
    browser.get(portal.toString());
    wait.until(ExpectedConditions.urlContains("/realms/federa/protocol/openid-connect/auth"));
    enterCredentials("mia");
    waitForPortal();

    assertThat(text("welcome")).isEqualTo("Welcome, Mia");
    assertThat(text("user-name")).isEqualTo("Mia Schmidt");
    assertThat(text("nav-dashboard")).isEqualTo("Dashboard");

    languageButton("fr").click();
    wait.until(ExpectedConditions.textToBe(By.id("welcome"), "Bienvenue, Mia"));
    assertThat(text("nav-dashboard")).isEqualTo("Tableau de bord");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");

    // The choice reaches Keycloak too: its pages speak French to Mia from now on.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(new KeycloakAdmin("federa").locale("mia")).isEqualTo("fr"));

    byId("logout").click();
    wait.until(ExpectedConditions.urlContains("/signed-out.xhtml"));
    // Signed out, the browser still knows her language: the page, and Keycloak's login after it.
    assertThat(text("signed-out")).contains("déconnecté");
    byId("sign-in-again").click();
    wait.until(ExpectedConditions.urlContains("/realms/federa/protocol/openid-connect/auth"));
    assertThat(browser.getCurrentUrl()).contains("ui_locales=fr");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).startsWith("fr");
    // Every word of the login page is French, the partner's button included: its label is a name.
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("Ou se connecter avec")
        .doesNotContain("Log in", "Sign in", "organisation");
    assertThat(text("social-partner")).isEqualTo("Nordlicht Research");
    enterCredentials("mia");
    waitForPortal();
    assertThat(text("welcome")).isEqualTo("Bienvenue, Mia");
    assertThat(text("sign-in-info")).startsWith("Votre connexion précédente");
  }

  @Test
  void unknownAddressShowsTheNotFoundPageWithoutInternals() {
    signIn(portal.toString(), "theo");

    browser.get(portal + "no-such-page.xhtml");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    assertThat(browser.getPageSource()).doesNotContain(BrowserInternals.SIGNATURES);

    browser.get(portal + "no/such/folder");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    assertThat(text("back")).isEqualTo("Back to the dashboard");
  }

  @Test
  void actionOnAnExpiredPageExplainsWhatHappened() {
    signIn(portal + "profile.xhtml", "mia");
    ((JavascriptExecutor) browser)
        .executeScript(
            "document.querySelectorAll('input[name=\"jakarta.faces.ViewState\"]')"
                + ".forEach(i => i.value = 'expired:1');");

    byId("profile:save").click();

    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "This page has expired"));
    assertThat(browser.getPageSource()).doesNotContain(BrowserInternals.SIGNATURES);
  }

  @Test
  void memberIsRefusedAdministrationWhichPlatformAdminSees() {
    signIn(portal.toString(), "mia");
    assertThat(browser.findElements(By.id("nav-admin"))).isEmpty();
    browser.get(portal + "admin/index.xhtml");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
  }

  @Test
  void platformAdminSeesAdministration() {
    signIn(portal.toString(), "olivia");
    byId("nav-admin").click();
    wait.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Administration");
    assertThat(text("admin-users")).isEqualTo("Users");
    assertThat(text("admin-rules")).isEqualTo("Membership rules");
  }

  @Test
  void partnerOrganisationUserSignsInThroughTheBrokeredIdentityProvider() {
    browser.get(portal.toString());
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    // The partner is named as the organisation it is; Keycloak's own words ask the question.
    assertThat(text("social-partner")).isEqualTo("Nordlicht Research");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Or sign in with");
    signInThroughPartner(portal.toString(), "sam");
    assertThat(text("user-name")).isEqualTo("Sam Weber");
  }

  /**
   * Sam picks German on the portal's login page: the partner's page asks in German (the broker
   * passes the language on), and the portal greets him in German afterwards.
   */
  @Test
  void theLanguageChosenAtLoginCarriesThroughThePartnersPageToThePortal() throws Exception {
    try {
      browser.get(portal.toString());
      wait.until(ExpectedConditions.urlContains("/realms/federa/"));
      // Keycloak's language menu: its options lead to the same page with kc_locale.
      Select languages = new Select(byId("login-select-toggle"));
      List<WebElement> options = languages.getOptions();
      int german = -1;
      for (int i = 0; i < options.size(); i++) {
        if (options.get(i).getAttribute("value").contains("kc_locale=de")) {
          german = i;
        }
      }
      assertThat(german).as("Keycloak's menu offers German").isNotNegative();
      languages.selectByIndex(german);
      wait.until(d -> "de".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
      assertThat(browser.findElement(By.tagName("body")).getText())
          .contains("Oder anmelden mit")
          .doesNotContain("Log in", "Sign in", "organisation");
      assertThat(text("social-partner")).isEqualTo("Nordlicht Research");

      byId("social-partner").click();
      wait.until(ExpectedConditions.urlContains("/realms/partner/"));
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
      assertThat(text("kc-page-title")).isEqualTo("Bei Ihrem Konto anmelden");

      enterCredentials("sam");
      waitForPortal();
      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
    } finally {
      DemoUsers.forgetChoices("sam");
      new KeycloakAdmin("partner").forgetLocale("sam");
    }
  }
}
