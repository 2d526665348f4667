package eu.federa.cloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The operator's view of the federation: providers, health, inventory, registration. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProviderAdminBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** The health badge of a provider in the list; the poll may redraw the table meanwhile. */
  /**
   * The health shown for a provider, read in one script: the list holds every provider the earlier
   * tests registered, and reading it row by row took seconds and met the 5-second poll's redraws.
   */
  private String healthOf(String providerName) {
    Object health =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var rows = document.querySelectorAll(\"[id='list:providers'] tbody tr\");"
                    + "for (var i = 0; i < rows.length; i++) {"
                    + " var link = rows[i].querySelector('.provider-link');"
                    + " if (link && link.textContent.trim() === arguments[0]) {"
                    + "  return rows[i].querySelector('.provider-health').textContent.trim(); } }"
                    + "return 'missing';",
                providerName);
    return String.valueOf(health);
  }

  @Test
  void theDemoFederationIsListedWithLiveHealthAndAnOutageShowsWithinSeconds() throws Exception {
    signIn(portal + "admin/providers.xhtml", "olivia");
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.until(
        d ->
            List.of(
                    "Lutece Cloud",
                    "Rheinwerk Rechenzentrum",
                    "Wisla Compute",
                    "Tejo Cloud",
                    "Helsinki Edge",
                    "Milano Edge")
                .stream()
                .allMatch(n -> healthOf(n).equals("Available")));

    TestStack.simulators().get(3).down(); // Tejo Cloud, Lisbon
    try {
      long start = System.nanoTime();
      slow.until(d -> healthOf("Tejo Cloud").equals("Unavailable"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(healthOf("Lutece Cloud")).isEqualTo("Available");
      // Why, in the admin's words; the provider's own message beside it, marked as the English
      // it was written in.
      List<String> why =
          List.of(
              "The provider could not be reached.",
              "Not tried: the provider is marked unavailable after repeated failures.");
      browser.findElement(By.linkText("Tejo Cloud")).click();
      wait.until(ExpectedConditions.urlContains("/admin/provider.xhtml?id="));
      assertThat(text("provider-health")).isEqualTo("Unavailable");
      assertThat(browser.findElement(By.cssSelector("#last-error .provider-error-kind")).getText())
          .isIn(why);
      WebElement raw = browser.findElement(By.cssSelector("#last-error .provider-error-text"));
      assertThat(raw.getAttribute("lang")).isEqualTo("en");
      assertThat(raw.getText()).isNotBlank();
      browser.get(portal + "admin/providers.xhtml");
    } finally {
      TestStack.simulators().get(3).up();
    }
    slow.until(d -> healthOf("Tejo Cloud").equals("Available"));
  }

  @Test
  void aProviderPageShowsItsHostsAndGpus() {
    signIn(portal + "admin/providers.xhtml", "olivia");
    browser.findElement(By.linkText("Lutece Cloud")).click();
    wait.until(ExpectedConditions.urlContains("/admin/provider.xhtml?id="));

    assertThat(text("provider-health")).isIn("Available", "Not checked yet");
    // The circuit breaker's state in words, not its constant's name.
    assertThat(text("circuit"))
        .isIn("Closed: calls pass", "Open: calls held back", "Half open: trying again");
    String hosts = text("provider:hosts");
    assertThat(hosts).contains("fr-par-gpu-01").contains("H100 SXM5 80GB");
    // Host states in words, OpenNebula's name kept in the title for whoever asks its support.
    assertThat(texts(By.cssSelector(".host-table .host-state")))
        .contains("Disabled", "In service")
        .noneMatch(s -> s.matches(".*[A-Z]{4,}.*"));
    assertThat(
            browser
                .findElement(By.cssSelector(".host-table .host-state.fd-state-DISABLED"))
                .getAttribute("title"))
        .isEqualTo("OpenNebula: DISABLED");
    // Each host's CPU use over the last day, from the provider's monitoring (issue #20).
    assertThat(texts(By.cssSelector(".host-table .host-cpu-use")))
        .isNotEmpty()
        .allSatisfy(cell -> assertThat(cell).matches("\\d{1,3}(\\.\\d)?% / \\d{1,3}(\\.\\d)?%"));
    String page = browser.findElement(By.tagName("main")).getText();
    assertThat(page)
        .contains("SecNumCloud, ISO 27001, HDS")
        // The last sync, as English writes a time, in the reader's zone (UTC unless chosen).
        .containsPattern("[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}:\\d{2}\\s[AP]M UTC");

    // Its public register: a bad country is explained beside its field; a good one is saved.
    assertThat(text("provider:register")).contains("Sovereignty register");
    assertThat(
            browser
                .findElements(By.cssSelector("#provider\\:measures input[type=checkbox]"))
                .stream()
                .filter(WebElement::isSelected)
                .count())
        .isPositive();
    WebElement countries = byId("provider:datacentreCountries");
    countries.clear();
    countries.sendKeys("FR, X1");
    byId("provider:save-register").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("provider:register"), "Give a two-letter country code"));
    countries = byId("provider:datacentreCountries");
    countries.clear();
    countries.sendKeys("fr");
    byId("provider:save-register").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "The register is saved."));
    assertThat(byId("provider:datacentreCountries").getAttribute("value")).isEqualTo("FR");

    // A host's own power model (issue #20): chosen in the table, a bad pair refused beside its
    // field, a good one shown in the host's row, then back to the provider's.
    assertThat(byId("provider:save-power").isEnabled()).isFalse();
    clickSettled(By.cssSelector(".host-table .edit-power"));
    wait.until(d -> byId("provider:idleWatts_input").isEnabled());
    String host = text("power-host");
    byId("provider:idleWatts_input").sendKeys("500");
    byId("provider:fullWatts_input").sendKeys("400");
    clickSettled("provider:save-power");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("provider:power"), "Give both idle and full power, idle not above full."));
    assertThat(text("provider:hosts")).doesNotContain("500 / 400 W");
    byId("provider:idleWatts_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "150");
    byId("provider:fullWatts_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "450");
    clickSettled("provider:save-power");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("provider:hosts"), "150 / 450 W"));
    assertThat(text("power-host")).isEqualTo(host);
    byId("provider:idleWatts_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    byId("provider:fullWatts_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    clickSettled("provider:save-power");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "The host uses its provider's power model again."));
    wait.until(d -> !text("provider:hosts").contains("150 / 450 W"));

    browser.get(portal + "admin/provider.xhtml?id=987654");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    browser.get(portal + "admin/provider-form.xhtml?id=987654");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
  }

  @Test
  void theProviderPageForecastsAndTheRebalancingPlanIsReviewed() {
    signIn(portal + "admin/providers.xhtml", "olivia");
    browser.findElement(By.linkText("Lutece Cloud")).click();
    wait.until(ExpectedConditions.urlContains("/admin/provider.xhtml?id="));
    // Each host's forecast peak, or that it has none yet (the IT stack reads an hour of history).
    assertThat(texts(By.cssSelector(".host-table .host-forecast")))
        .isNotEmpty()
        .allSatisfy(cell -> assertThat(cell).matches("\\d{1,3}(\\.\\d)?%|no forecast yet"));
    assertThat(
            browser.findElements(By.id("provider:provider-forecast")).size()
                + browser.findElements(By.id("no-forecast")).size())
        .isEqualTo(1);

    browser.get(portal + "admin/index.xhtml");
    waitForPortal();
    byId("admin-rebalancing").click();
    wait.until(ExpectedConditions.urlContains("/admin/rebalancing.xhtml"));
    assertThat(text("hot-hosts")).matches("\\d+ \u2192 \\d+");
    assertThat(text("highest-peak")).contains("%");
    assertThat(byId("rebalance:moves").isDisplayed()).isTrue();
    clickSettled("rebalance:refresh");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("move-count")));

    // A provider's price lists, their prices and days as the reader writes them.
    browser.get(portal + "admin/index.xhtml");
    waitForPortal();
    byId("admin-prices").click();
    wait.until(ExpectedConditions.urlContains("/admin/prices.xhtml"));
    new org.openqa.selenium.support.ui.Select(byId("prices:provider"))
        .selectByVisibleText("Lutece Cloud (FR)");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='prices:lists'] tbody tr:not(.ui-datatable-empty-message)")));
    String lists = text("prices:lists");
    assertThat(lists)
        .contains("\u20ac")
        .as("no raw map, no ISO instant, no stored trailing zeros")
        .doesNotContain("{", "=", "T00:00", "0000 ");
    assertThat(texts(By.cssSelector("[id='prices:lists'] .price-gpu")))
        .isNotEmpty()
        .allSatisfy(gpu -> assertThat(gpu).matches("[A-Za-z0-9 -]+: \u20ac[0-9.,]+"));
  }

  @Test
  void platformAdminsUpdateGridIntensitiesAndProvidersEnergyFacts() {
    signIn(portal + "admin/index.xhtml", "olivia");
    byId("admin-energy").click();
    wait.until(ExpectedConditions.urlContains("/admin/energy.xhtml"));
    assertThat(text("intensity:intensities")).contains("EU").contains("FR").contains("EEA");
    // A bad value is refused beside its field, nothing saved.
    byId("intensity:countryCode").sendKeys("XX");
    byId("intensity:gramsCo2ePerKwh_input").sendKeys("12");
    byId("intensity:year_input").sendKeys("2024");
    byId("intensity:source").sendKeys("Browser test");
    clickSettled("intensity:save-intensity");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='intensity:countryCode'].ui-state-error")));
    assertThat(text("intensity:intensities")).doesNotContain("XX");
    byId("intensity:countryCode").clear();
    byId("intensity:countryCode").sendKeys("MT");
    clickSettled("intensity:save-intensity");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("intensity:intensities"), "Browser test"));
    // A provider's facts need a provider.
    clickSettled("provider-energy:save-provider");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='provider-energy:messages'] .ui-messages-error")));
  }

  @Test
  void invalidRegistrationShowsWhatIsWrongAndSavesNothing() {
    signIn(portal + "admin/provider-form.xhtml", "olivia");
    byId("provider-form:name").sendKeys("Lutece Cloud");
    byId("provider-form:countryCode").sendKeys("US");
    byId("provider-form:latitude").sendKeys("north");
    byId("provider-form:endpointUrl").sendKeys("ftp://one.example");
    byId("provider-form:save").click();

    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-message-error")));
    String page = browser.findElement(By.tagName("main")).getText();
    assertThat(page).contains("Enter a number, for example 48.8566.");
    // The converter failed first; fix the number and see the registry's own checks.
    byId("provider-form:latitude").clear();
    byId("provider-form:latitude").sendKeys("48.85");
    byId("provider-form:save").click();
    waitForText("main", "is not an EU or EEA country code");
    page = browser.findElement(By.tagName("main")).getText();
    assertThat(page)
        .contains("“US” is not an EU or EEA country code")
        .contains("Enter an http:// or https:// address")
        .contains("A provider named “Lutece Cloud” already exists.");
    assertThat(browser.getCurrentUrl()).contains("provider-form.xhtml");
  }

  /**
   * A French platform admin edits a site's coordinates as French writes them: the form shows the
   * latitude with a comma (as the provider's page does), takes back what it showed and "48,9", and
   * refuses a German-style "1.000" where a point might group digits (checked by {@code
   * DecimalConverterTest}).
   */
  @Test
  void aFrenchAdminEditsCoordinatesAsFrenchWritesThem() throws Exception {
    long lutece = providerColumn("id", "Lutece Cloud").longValue();
    java.math.BigDecimal before = providerColumn("latitude", "Lutece Cloud");
    signIn(portal + "admin/providers.xhtml", "olivia");
    switchLanguage("fr");
    try {
      String form = portal + "admin/provider-form.xhtml?id=" + lutece;
      browser.get(form);
      waitForPortal();
      String shown = byId("provider-form:latitude").getAttribute("value");
      assertThat(shown)
          .as("the latitude as French writes it")
          .isEqualTo(before.stripTrailingZeros().toPlainString().replace('.', ','));
      byId("provider-form:latitude").clear();
      byId("provider-form:latitude").sendKeys("48,9");
      byId("provider-form:save").click();
      wait.until(ExpectedConditions.urlContains("admin/provider.xhtml"));
      assertThat(providerColumn("latitude", "Lutece Cloud")).isEqualByComparingTo("48.9");

      browser.get(form);
      waitForPortal();
      byId("provider-form:latitude").clear();
      byId("provider-form:latitude").sendKeys(shown);
      byId("provider-form:save").click();
      wait.until(ExpectedConditions.urlContains("admin/provider.xhtml"));
      assertThat(providerColumn("latitude", "Lutece Cloud")).isEqualByComparingTo(before);
    } finally {
      eu.federa.testsupport.DemoUsers.forgetChoices("olivia");
    }
  }

  /** A column of the provider {@code name}'s row. */
  private static java.math.BigDecimal providerColumn(String column, String name) throws Exception {
    try (java.sql.Connection db = TestStack.database();
        java.sql.PreparedStatement s =
            db.prepareStatement("SELECT " + column + " FROM provider WHERE name = ?")) {
      s.setString(1, name);
      try (java.sql.ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as(name).isTrue();
        return r.getBigDecimal(1);
      }
    }
  }

  @Test
  void memberCannotOpenTheProviderList() {
    signIn(portal + "admin/providers.xhtml", "mia");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
    // Nor the rebalancing plan.
    browser.get(portal + "admin/rebalancing.xhtml");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
    assertThat(browser.findElements(By.id("hot-hosts"))).isEmpty();
  }
}
