package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The platform admin rates last month and issues Acme's invoice; Acme's admin sees the month's
 * spend and charts, sets what happens when the budget is spent and downloads the invoice; another
 * organisation gets 404 for it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BillingBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void lastMonthIsRatedIssuedAndDownloadedByTheOrganisationOnly() throws Exception {
    signIn(portal + "admin/billing.xhtml", "olivia");
    byId("runs:rate").click();
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(60));
    // The month named as the reader's language names it, not 2026-10.
    slow.until(
        ExpectedConditions.textMatches(
            By.id("runs:messages"),
            java.util.regex.Pattern.compile("Rating of [A-Z][a-z]+ 20\\d\\d started")));
    slow.ignoring(StaleElementReferenceException.class); // the poll re-renders the tables
    slow.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.run-row.fd-state-DONE")));
    // The run's state and counts written for the reader, not stored English text.
    String run =
        slow.until(d -> d.findElement(By.cssSelector("tr.run-row.fd-state-DONE")).getText());
    assertThat(run)
        .containsPattern("(?s)Done\\s+[\\d,]+\\s.*\\d+ invoices from [\\d,]+ usage records");
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("runs:invoiceTable"), "Acme Analytics SAS"));
    // Until the poll has stopped, a row may be replaced while it is read: each read retries.
    String state =
        slow.until(
            d ->
                acmeRow().findElements(By.cssSelector(".invoice-issue")).isEmpty()
                    ? "issued"
                    : "draft");
    if (state.equals("draft")) {
      slow.until(
          d -> {
            acmeRow().findElement(By.cssSelector(".invoice-issue")).click();
            return true;
          });
      confirmYes();
    }
    slow.until(
        d -> acmeRow().findElement(By.cssSelector(".invoice-number")).getText().startsWith("FED-"));
    String number =
        slow.until(d -> acmeRow().findElement(By.cssSelector(".invoice-number")).getText());
    // The platform admin downloads it too (support).
    String adminPdf =
        slow.until(
            d -> acmeRow().findElement(By.cssSelector("a.invoice-pdf")).getAttribute("href"));
    Answer adminCopy =
        new SessionApi(portal.toString(), browser)
            .get(adminPdf.substring(adminPdf.indexOf("api/v1/")), "application/pdf");
    assertThat(adminCopy.status()).isEqualTo(200);
    assertThat(adminCopy.body()).startsWith("%PDF");

    newBrowser();
    signIn(portal.toString(), "theo");
    // The dashboard shows the month's spend to those who see billing, with the way to it.
    assertThat(text("spend-amount")).matches("\u20ac[0-9,]+\\.[0-9]{2}");
    byId("open-billing").click();
    wait.until(ExpectedConditions.urlContains("billing.xhtml"));
    String spent = text("spent");
    assertThat(spent).matches("\u20ac[0-9,]+\\.[0-9]{2}");
    // The month's charts once something was spent; before, a word that nothing was, no empty axes.
    boolean nothingSpent = spent.equals("\u20ac0.00");
    for (String chart : java.util.List.of("chartProvider", "chartItem", "chartProject")) {
      assertThat(browser.findElements(By.id(chart + "_canvas")))
          .as(chart)
          .hasSize(nothingSpent ? 0 : 1);
    }
    assertThat(browser.findElements(By.id("charts-empty"))).hasSize(nothingSpent ? 1 : 0);
    if (nothingSpent) {
      assertThat(text("charts-empty")).contains("Nothing has been spent this month yet");
    }
    // The organisation's energy and CO2e: a sum of its running VMs, or a word that none runs.
    assertThat(text("energy-total")).isNotBlank();
    if (!browser.findElements(By.id("chartEnergy_canvas")).isEmpty()) {
      assertThat(text("energy-total")).contains("kWh");
      assertThat(
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "return Chart.getChart(document.getElementById('chartEnergy_canvas'))"
                          + ".data.datasets[0].label"))
          .isEqualTo("kg CO\u2082e");
    }
    // Months by their names, as the reader's language writes them (not 2026-10).
    assertThat(text("invoices:list"))
        .contains(number)
        .containsPattern(
            "(January|February|March|April|May|June|July|August|September|October"
                + "|November|December) 20\\d\\d");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .containsPattern("Billing month [A-Z][a-z]+ 20\\d\\d \\(UTC\\)");
    // Block orders once the budget is spent, then back to alerts only.
    browser.findElement(By.cssSelector("label[for='budget:action:1']")).click();
    byId("budget:saveAction").click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='budget:messages'] .ui-messages-info")));
    browser.findElement(By.cssSelector("label[for='budget:action:0']")).click();
    byId("budget:saveAction").click();

    String pdfLink =
        browser.findElements(By.cssSelector("a.invoice-pdf")).get(0).getAttribute("href");
    String path = pdfLink.substring(pdfLink.indexOf("api/v1/"));
    Answer pdf = new SessionApi(portal.toString(), browser).get(path, "application/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.body()).startsWith("%PDF");
    // Invoices are the organisation's own: no browser or proxy may keep a copy (#13, finding 8).
    assertThat(pdf.header("Cache-Control")).contains("no-store");
    String csvLink =
        browser.findElements(By.cssSelector("a.invoice-csv")).get(0).getAttribute("href");
    Answer csv =
        new SessionApi(portal.toString(), browser)
            .get(csvLink.substring(csvLink.indexOf("api/v1/")), "text/csv");
    assertThat(csv.body()).startsWith("Invoice,Month,State,").contains("GROSS");
    Answer frenchCsv =
        new SessionApi(portal.toString(), browser)
            .get(path.substring(0, path.indexOf("/pdf")) + "/csv?lang=fr", "text/csv");
    assertThat(frenchCsv.body()).startsWith("Facture,Mois,\u00c9tat,").contains("GROSS");
    assertThat(csv.header("Cache-Control")).contains("no-store");

    newBrowser();
    signIn(portal.toString(), "lena");
    Answer refused = new SessionApi(portal.toString(), browser).get(path, "application/pdf");
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("%PDF");
    // Nor through the platform admins' path.
    Answer notAdmin =
        new SessionApi(portal.toString(), browser)
            .get(adminPdf.substring(adminPdf.indexOf("api/v1/")), "application/pdf");
    assertThat(notAdmin.status()).isEqualTo(403);
  }

  /**
   * The method behind the energy and CO₂e figures is a public page with the figures it uses now,
   * and Costs links to it (issue #20).
   */
  @Test
  void theEnergyMethodIsPublicAndCostsLinksToIt() throws Exception {
    browser.get(portal + "energy-method.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("steps")));
    assertThat(browser.getCurrentUrl()).as("no sign-in asked").contains("energy-method.xhtml");
    assertThat(browser.findElements(By.cssSelector("#steps li"))).hasSize(5);
    assertThat(text("default-pue")).contains("1.58");
    assertThat(text("default-hosts")).contains("150 W").contains("500 W");
    // Each GPU model known, and the others.
    assertThat(browser.findElements(By.cssSelector("#gpu-boards tbody tr"))).hasSize(8);
    assertThat(text("gpu-boards")).contains("H100 SXM").contains("700");
    // The grid intensities as kept now: France's EEA figure and the EU average.
    assertThat(text("intensity-FR")).contains("55");
    assertThat(text("intensity-EU")).contains("226");

    newBrowser();
    signIn(portal + "billing.xhtml", "theo");
    byId("energy-method").click();
    wait.until(ExpectedConditions.urlContains("energy-method.xhtml"));
    assertThat(text("intro")).contains("Costs");
  }

  private WebElement acmeRow() {
    return browser.findElements(By.cssSelector("tr.invoice-row")).stream()
        .filter(r -> r.getText().contains("Acme Analytics SAS"))
        .findFirst()
        .orElseThrow();
  }
}
