package eu.federa.portability.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #15: a tenant admin asks to leave from the Leave Federa page: reviews the timeline and the
 * (absent) switching charge before confirming, sees the timeline, stops orders, extends the
 * transition once, and cancels; the public switching page shows the key that checks erasure
 * records.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExitBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private void setDate(String id, LocalDate day) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", byId(id), day.toString());
  }

  @Test
  void aTenantAdminReviewsFilesExtendsAndCancelsAnExitRequest() throws Exception {
    signIn(portal.toString(), "theo");
    byId("nav-exit").click();
    wait.until(ExpectedConditions.urlContains("exit.xhtml"));
    LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(7);

    // A start beyond two months is refused on the form, with the reason.
    setDate("request:startDate", start.plusMonths(3));
    byId("request:review").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("request"), "within 2 months"));

    browser
        .findElement(By.cssSelector("#request\\:destination option[value='ON_PREMISES']"))
        .click();
    byId("request:destinationNote").sendKeys("Our own data centre in Lille");
    setDate("request:startDate", start);
    byId("request:freezeOrders").click();
    byId("request:review").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exit-review")));
    assertThat(text("review-charge")).contains("Switching charge: none");
    assertThat(text("request:review-transition"))
        .contains(day(start))
        .contains(day(start.plusDays(30)));
    clickSettled("request:confirm-exit");

    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exit-timeline")));
    assertThat(text("exit-timeline"))
        .contains("Notice")
        .contains("Transition")
        .contains("Data retrieval")
        .contains("Erasure")
        .contains(day(start.plusDays(30)));
    assertThat(text("exit-current")).contains("Your own infrastructure").contains("Lille");
    assertThat(text("timeline:exit-orders")).contains("New orders are stopped");

    // One extension, by at most 30 days.
    setDate("timeline:newEnd", start.plusDays(35));
    byId("timeline:extend").click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("exit-timeline"), day(start.plusDays(35))));
    assertThat(browser.findElements(By.id("timeline:extend"))).as("only once").isEmpty();

    // A platform admin chooses the request in the federation's list and makes the transition
    // longer, with the reason; the tenant admin sees the new end.
    String acme = Long.toString(eu.federa.testsupport.DemoAcme.read().tenantId());
    newBrowser();
    signIn(portal + "admin/exits.xhtml", "olivia");
    WebElement row =
        browser.findElements(By.cssSelector("tr.exit-row")).stream()
            .filter(r -> r.findElements(By.tagName("td")).get(1).getText().strip().equals(acme))
            .findFirst()
            .orElseThrow();
    row.findElement(By.cssSelector("button.choose-exit")).click();
    wait.until(d -> !byId("justify:exit").getAttribute("value").isBlank());
    setDate("justify:newEnd", start.plusDays(60));
    byId("justify:justification").sendKeys("The new data centre is ready in eight weeks.");
    clickSettled("justify:justify-exit");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("justify:open"), "The new data centre is ready in eight weeks."));
    useBrowser(0);
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("exit-timeline"), day(start.plusDays(60))));

    // Orders open again, then the request is cancelled: the form is back.
    clickSettled("timeline:freeze");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("timeline:exit-orders"), "Orders are open"));
    clickSettled("timeline:cancel-exit");
    confirmYes();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request:review")));

    // Anyone reads how to check an erasure record.
    HttpResponse<String> switching =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(portal + "switching.xhtml"))
                    .header("Accept-Language", "en")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(switching.body())
        .contains("record-public-key")
        .contains("MCowBQYDK2Vw")
        .contains("schemas/export/v1/erasure-record.schema.json");
  }

  /** A day as the page writes it to an English reader in UTC (the times read as instants). */
  private static String day(java.time.LocalDate date) {
    return eu.federa.platform.i18n.Formats.of(java.util.Locale.ENGLISH, null)
        .date(date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
  }
}
