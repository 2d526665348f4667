package eu.federa.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.DemoUsers;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

/**
 * A member reads amounts, sizes and times as her language writes them and in the time zone of her
 * profile: the dashboard's cards, the catalog's prices side by side, and the profile itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProfileBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** Mia reads in her browser's language and in UTC again: the next tests expect English. */
  @AfterEach
  void forgetMiasChoices() throws Exception {
    DemoUsers.forgetChoices("mia");
  }

  /** Spaces as a reader sees them (French groups thousands with a narrow no-break space). */
  private String plain(String id) {
    return text(id).replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  @Test
  void aMemberChoosesFrenchAndParisTimeAndEveryPageWritesAmountsAndTimesSo() throws Exception {
    signIn(portal + "dashboard.xhtml", "mia");
    // Acme's standard plan, as English writes it: no "10000.0", no "256.0".
    assertThat(plain("quota-budget")).isEqualTo("\u20ac10,000.00");
    assertThat(plain("quota-memory")).isEqualTo("256 GiB");
    assertThat(plain("quota-disk")).isEqualTo("4,000 GiB");
    assertThat(browser.findElements(By.id("card-spend")))
        .as("a member without billing sees no spend card, not an empty one")
        .isEmpty();
    assertThat(browser.findElements(By.cssSelector("#card-resources a"))).isNotEmpty();
    assertNothingOverflows();

    // Her previous sign-in was on a summer morning (UTC): Paris was then two hours ahead.
    try (Connection db = TestStack.database();
        PreparedStatement summer =
            db.prepareStatement(
                "UPDATE portal_user SET previous_sign_in_at = '2026-07-01 10:00:00'"
                    + " WHERE username = 'mia'")) {
      summer.executeUpdate();
    }
    byId("user-name").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile:zone")));
    assertThat(text("profile-name")).isEqualTo("Mia Schmidt");
    assertThat(text("profile-now")).endsWith(" UTC.");

    // A value the list does not offer (a forged form) is refused on its field; nothing changes.
    ((JavascriptExecutor) browser)
        .executeScript(
            "var s = document.getElementById('profile:zone');"
                + " var o = document.createElement('option'); o.value = 'Mars/Olympus';"
                + " o.text = 'Mars'; s.add(o); s.value = 'Mars/Olympus';");
    byId("profile:save").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("profile"), "choose one of the values the list offers"));
    assertThat(storedZoneOfMia()).isNull();

    new Select(byId("profile:language")).selectByValue("fr");
    new Select(byId("profile:zone")).selectByValue("Europe/Paris");
    byId("profile:save").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("profile-now"), "Il est"));
    assertThat(text("profile-now")).matches("Il est .* CES?T\\.");
    assertThat(text("profile:messages")).contains("enregistr\u00e9s");
    assertThat(storedZoneOfMia()).isEqualTo("Europe/Paris");

    byId("nav-dashboard").click();
    wait.until(ExpectedConditions.textToBe(By.id("welcome"), "Bienvenue, Mia"));
    assertThat(plain("quota-budget")).isEqualTo("10 000,00 \u20ac");
    assertThat(plain("quota-memory")).isEqualTo("256 Gio");
    assertThat(plain("quota-disk")).isEqualTo("4 000 Gio");
    assertThat(plain("sign-in-info"))
        .isEqualTo("Votre connexion pr\u00e9c\u00e9dente : 1 juil. 2026, 12:00:00 CEST");
    assertNothingOverflows();

    // The catalog prices every size at every provider, per hour and per month, in French.
    byId("nav-catalog").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".size-row")));
    List<WebElement> months = browser.findElements(By.cssSelector("#sizes .price-month"));
    assertThat(months).isNotEmpty();
    assertThat(months)
        .allSatisfy(
            m ->
                assertThat(m.getText().replace('\u202f', ' ').replace('\u00a0', ' '))
                    .matches("[0-9 ]+,[0-9]{2} \u20ac par mois"));
    assertThat(browser.findElements(By.cssSelector("#sizes thead th")).size())
        .as("a column per provider beside the size's own five")
        .isGreaterThan(6);
    assertThat(browser.findElements(By.cssSelector("#sizes .fd-cheapest")))
        .as("the cheapest provider of each size priced at several")
        .isNotEmpty();
    // Sovereignty labels are tags of their own, never glued into one word.
    List<WebElement> labels = browser.findElements(By.cssSelector("#offers .fd-label"));
    assertThat(labels).isNotEmpty();
    assertThat(labels)
        .allSatisfy(l -> assertThat(l.getCssValue("display")).isEqualTo("inline-block"));
    assertNothingOverflows();

    // The federation's sites on the bundled map of Europe: a marker for each located site, on its
    // own country (within 5 units, about 20 km: a coastal city may fall just off the 1:50m
    // coastline), that country shaded; every site listed beneath, in French.
    byId("sites-link").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#site-map path")));
    assertThat(text("sites-summary")).startsWith("Centres de donn\u00e9es principaux");
    List<WebElement> rows = browser.findElements(By.cssSelector("tr.site-row"));
    List<WebElement> markers = browser.findElements(By.cssSelector("#site-map .site-marker"));
    assertThat(markers).isNotEmpty();
    assertThat(markers.size())
        .as("a marker for every site that is not said to be off the map")
        .isEqualTo(rows.size() - browser.findElements(By.cssSelector(".site-off-map")).size());
    Object misplaced =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#site-map .site-marker'))"
                    + ".filter(g => { const c = document.querySelector("
                    + "'#site-map path[data-country=\"' + g.dataset.country + '\"]');"
                    + " return !c || !c.classList.contains('fd-country-sites')"
                    + " || ![[0, 0], [5, 0], [-5, 0], [0, 5], [0, -5], [4, 4], [-4, 4], [4, -4],"
                    + " [-4, -4]].some(([dx, dy]) => c.isPointInFill("
                    + "new DOMPoint(+g.dataset.x + dx, +g.dataset.y + dy))); })"
                    + ".map(g => g.dataset.country + ' ' + g.textContent.trim());");
    assertThat((List<?>) misplaced).as("markers outside their country's outline").isEmpty();
    assertThat(markers.get(0).findElement(By.tagName("title")).getAttribute("textContent"))
        .matches(
            ".+, .+ \\([A-Z]{2}\\): (Centre de donn\u00e9es principal|Site en p\u00e9riph\u00e9rie)");
    assertNothingOverflows();

    // What PrimeFaces draws in the browser speaks French too: a date picker's months and days.
    browser.get(portal + "ai-keys.xhtml");
    waitForPortal();
    browser.findElement(By.cssSelector("#key\\:expires .ui-datepicker-trigger")).click();
    WebElement calendar =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-datepicker-group")));
    String drawn = calendar.getText();
    assertThat(drawn)
        .as("the calendar's month and days")
        .containsAnyOf(
            "Janvier",
            "F\u00e9vrier",
            "Mars",
            "Avril",
            "Mai",
            "Juin",
            "Juillet",
            "Ao\u00fbt",
            "Septembre",
            "Octobre",
            "Novembre",
            "D\u00e9cembre")
        .contains("Lu")
        .doesNotContain(
            "January",
            "February",
            "March",
            "April",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Mo",
            "Tu",
            "We");
    // A date the picker cannot read is refused in French too (Faces has none of its own). Once the
    // calendar is closed, the date is put in the field as it would be typed: typed with keys right
    // after the calendar was dismissed, it did not reach the field in two runs of 8 December (the
    // field was sent empty, and no refusal came).
    browser.findElement(By.id("key:expires_input")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-datepicker-group")));
    setValue("key:expires_input", "31/12");
    browser.findElement(By.id("key:create")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("key"), "n\u2019est pas une date"));
  }

  /**
   * Mia, reading in Polish, opens her password and sign-in settings from the profile: Keycloak's
   * account pages answer in Polish, without a second sign-in, and lead back to her profile.
   */
  @Test
  void aMemberManagesHerSignInAtKeycloakInTheLanguageSheChose() throws Exception {
    signIn(portal + "profile.xhtml", "mia");
    new Select(byId("profile:language")).selectByValue("pl");
    byId("profile:save").click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "pl"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(new eu.federa.testsupport.KeycloakAdmin("federa").locale("mia"))
                    .isEqualTo("pl"));
    assertThat(text("open-account")).isEqualTo("Zarz\u0105dzaj has\u0142em i logowaniem");

    byId("open-account").click();
    wait.until(ExpectedConditions.urlContains("/realms/federa/account"));
    // The document's language read by a script until it holds: the account pages load in several
    // steps, and an element found in one of them can be stale by the time it is read.
    wait.until(
        d ->
            "pl"
                .equals(
                    ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return document.documentElement.lang;")));
    // Keycloak's way back names the portal's client and leads to her profile.
    String profile = portal + "profile.xhtml";
    // Read in one script, again until it holds: the account pages (React) redraw the link as they
    // load, and an element found before a redraw is stale when read.
    waitForText("a[href='" + profile + "']", "Federa");
    assertThat(browser.findElements(By.id("username")))
        .as("no second sign-in: the session she has is Keycloak's too")
        .isEmpty();
  }

  private String storedZoneOfMia() throws Exception {
    try (Connection db = TestStack.database();
        PreparedStatement read =
            db.prepareStatement("SELECT time_zone FROM portal_user WHERE username = 'mia'");
        ResultSet r = read.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** No card or table is wider than the space it is given (nothing spills out of its box). */
  private void assertNothingOverflows() {
    Object spilling =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('.fd-card, .fd-facts dd, main'))"
                    + ".filter(e => e.scrollWidth > e.clientWidth + 1)"
                    + ".map(e => (e.id || e.className) + ':' + e.textContent.trim().slice(0, 40));");
    assertThat((List<?>) spilling).as("elements whose content is wider than they are").isEmpty();
  }
}
