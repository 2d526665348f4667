package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A member browses the catalog, orders a VM, watches it come up, stops and terminates it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderJourneyBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aMemberOrdersAVmSeesItRunWithAnIpThenStopsAndTerminatesIt() throws Exception {
    signIn(portal + "catalog.xhtml", "mia");
    assertThat(text("offers")).contains("Lutece Cloud").contains("Rheinwerk Rechenzentrum");
    assertThat(browser.findElements(By.name("jakarta.faces.ViewState"))).isEmpty();
    // The filters are the page's query, so a filtered catalog can be bookmarked: French offers
    // and sizes with GPUs only, then the same again from the address alone.
    int sizes = browser.findElements(By.cssSelector("#sizes .size-row")).size();
    new Select(byId("country")).selectByValue("FR");
    byId("gpu-only").click();
    WebElement before = byId("offers");
    byId("catalog-apply").click();
    wait.until(ExpectedConditions.stalenessOf(before));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("offers")));
    assertThat(browser.getCurrentUrl()).contains("country=FR").contains("gpu=1");
    assertThat(text("offers")).contains("Lutece Cloud").doesNotContain("Rheinwerk Rechenzentrum");
    int gpuSizes = browser.findElements(By.cssSelector("#sizes .size-row")).size();
    assertThat(gpuSizes).isPositive().isLessThan(sizes);
    String filtered = browser.getCurrentUrl();
    browser.get(portal + "catalog.xhtml");
    browser.get(filtered);
    assertThat(new Select(byId("country")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("FR");
    assertThat(byId("gpu-only").isSelected()).isTrue();
    assertThat(browser.findElements(By.cssSelector("#sizes .size-row"))).hasSize(gpuSizes);
    // A country the catalog does not list shows everything, not an error.
    browser.get(portal + "catalog.xhtml?country=%3Cb%3EXX&certification=nope&gpu=yes");
    assertThat(text("offers")).contains("Lutece Cloud").contains("Rheinwerk Rechenzentrum");
    assertThat(browser.findElements(By.cssSelector("#sizes .size-row"))).hasSize(sizes);
    assertThat(new Select(byId("country")).getFirstSelectedOption().getAttribute("value"))
        .isEmpty();
    browser.findElement(By.cssSelector("a.order-image")).click();
    wait.until(ExpectedConditions.urlContains("order.xhtml"));

    String name = "journey-" + UUID.randomUUID().toString().substring(0, 6);
    byId("order:name").sendKeys(name);
    new Select(byId("order:size")).selectByValue("s-2");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    assertThat(browser.findElements(By.cssSelector("[id='order:steps'] tbody tr")))
        .hasSizeGreaterThan(5);
    assertThat(text("estimate")).as("the demo providers have price lists").contains("\u20ac");
    clickSettled("order:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));

    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.ignoring(StaleElementReferenceException.class); // the poll re-renders the status
    // States by their class: the member may read the portal in another language.
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(text("ip")).matches("10\\.\\d+\\.0\\.\\d+");
    assertThat(text("resource:alternatives")).isNotBlank();
    // Its estimated energy and emissions where it runs (docs/energy.md).
    waitForText("#energy", "kWh");
    waitForText("#energy", "CO\u2082e");

    // The API shows it to its organisation ...
    String own = browser.getCurrentUrl();
    String orderId = own.replaceAll(".*[?&]id=(\\d+).*", "$1");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme =
        mia.get("api/v1/tenants")
            .body()
            .replaceAll("(?s).*\"id\":(\\d+),\"name\":\"Acme Analytics SAS\".*", "$1");
    Answer listed = mia.get("api/v1/tenants/" + acme + "/orders");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(name).contains("\"state\":\"RUNNING\"");
    assertThat(mia.post("api/v1/tenants/" + acme + "/orders", "{\"name\":\"Bad!\"}").status())
        .isEqualTo(400);

    // ... and nothing of it to another organisation's member, in pages or the API.
    newBrowser();
    signIn(own, "lena");
    assertThat(browser.getPageSource()).doesNotContain(name);
    assertThat(browser.findElements(By.id("state"))).isEmpty();
    SessionApi lena = new SessionApi(portal.toString(), browser);
    for (Answer attempt :
        List.of(
            lena.get("api/v1/tenants/" + acme + "/orders/" + orderId),
            lena.get("api/v1/tenants/" + acme + "/orders"),
            lena.post("api/v1/tenants/" + acme + "/orders/" + orderId + "/terminate", "{}"),
            lena.get("api/v1/tenants/" + acme + "/usage"))) {
      assertThat(attempt.status()).as(attempt.body()).isEqualTo(404);
      assertThat(attempt.body()).doesNotContain(name);
    }
    useBrowser(0);

    clickSettled("resource:stop");
    confirmYes();
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-STOPPED"));
    clickSettled("resource:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));

    browser.get(portal + "resources.xhtml");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resource-list"), name));
    assertThat(browser.findElements(By.cssSelector(".resource-row .fd-state-TERMINATED")))
        .isNotEmpty();
    // A member's list, like the catalog, is no Faces form: nothing of it kept in the session.
    assertThat(browser.findElements(By.name("jakarta.faces.ViewState"))).isEmpty();
    // What it cost while it ran, rated like an invoice line, as money in the reader's format.
    String cost =
        browser.findElements(By.cssSelector(".resource-row")).stream()
            .filter(r -> r.getText().contains(name))
            .findFirst()
            .orElseThrow()
            .findElement(By.cssSelector(".resource-cost"))
            .getText();
    assertThat(cost).matches("\u20ac[0-9,]+\\.\\d{2}");
  }

  @Test
  void theResourceListFollowsItsVmsWithoutAReloadAndIsFilteredByProjectFromItsAddress()
      throws Exception {
    signIn(portal + "resources.xhtml", "theo");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("resource-list")));
    assertThat(browser.findElements(By.id("approval")))
        .as("a tenant admin's approval queue")
        .isNotEmpty();
    String data = optionValue("Data platform");
    String research = optionValue("ML research");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String acme = theo.tenantNamed("Acme Analytics SAS");
    String name = "listed-" + UUID.randomUUID().toString().substring(0, 6);
    ((JavascriptExecutor) browser).executeScript("window.federaNotReloaded = true;");
    Answer created =
        theo.post(
            "api/v1/tenants/" + acme + "/orders",
            "{\"name\":\""
                + name
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\",\"countries\":[],"
                + "\"projectId\":"
                + research
                + ",\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderId = created.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");

    // Ordered elsewhere (here: the API), it shows up in the open list and runs there, no reload.
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.ignoring(StaleElementReferenceException.class); // the list is replaced as it refreshes
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resource-list"), name));
    slow.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath(
                "//tr[contains(@class,'resource-row')][.//a[text()='"
                    + name
                    + "']]//span[contains(@class,'fd-state-RUNNING')]")));
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return window.federaNotReloaded === true;"))
        .as("the list refreshed in place, the page was not reloaded")
        .isEqualTo(true);

    // The project shown is the page's address: filtered, then the same again from the address.
    new Select(byId("project")).selectByValue(data);
    WebElement list = byId("resource-list");
    byId("resources-apply").click();
    wait.until(ExpectedConditions.stalenessOf(list));
    assertThat(browser.getCurrentUrl()).contains("project=" + data);
    assertThat(text("resource-list")).doesNotContain(name);
    browser.get(portal + "resources.xhtml?project=" + research);
    assertThat(new Select(byId("project")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo(research);
    assertThat(text("resource-list")).contains(name);
    // A project that is not the organisation's, or no number at all, shows every project; a
    // page before the first is the first; nothing of the address is written back as markup.
    for (String query :
        List.of(
            "project=%3Cscript%3Ealert(1)%3C/script%3E&first=-40",
            "project=999999999&first=x", "project=&first=")) {
      browser.get(portal + "resources.xhtml?" + query);
      assertThat(new Select(byId("project")).getFirstSelectedOption().getAttribute("value"))
          .as(query)
          .isEmpty();
      assertThat(text("resource-list")).as(query).contains(name);
      assertThat(browser.getPageSource()).doesNotContain("<script>alert(1)");
    }
    assertThat(
            theo.post("api/v1/tenants/" + acme + "/orders/" + orderId + "/terminate", "{}")
                .status())
        .isEqualTo(202);
  }

  /** The value of the project filter's option named {@code name}. */
  private String optionValue(String name) {
    return new Select(byId("project"))
        .getOptions().stream()
            .filter(o -> o.getText().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no project " + name + " to filter by"))
            .getAttribute("value");
  }

  @Test
  void aMemberOrdersAnInferenceEndpointAndCallsItThroughTheGatewayWithAKey() throws Exception {
    signIn(portal + "ai.xhtml", "mia");
    String endpoint = "chat-" + UUID.randomUUID().toString().substring(0, 6);
    byId("ai:name").sendKeys(endpoint);
    new Select(byId("ai:model")).selectByValue("mistral-7b-instruct");
    new Select(byId("ai:size")).selectByValue("gpu-h100");
    byId("ai:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ai:choices")));
    assertThat(text("ai:choices")).contains("Lutece Cloud");
    clickSettled("ai:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("ai-service.xhtml"));

    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.ignoring(StaleElementReferenceException.class); // the poll re-renders the status
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    slow.until(ExpectedConditions.textMatches(By.id("url"), Pattern.compile("/ai/v1$")));
    String gateway = text("url");
    String serviceUrl = browser.getCurrentUrl();
    assertThat(text("gpu")).isEqualTo("H100");
    assertThat(text("model-name")).contains(endpoint);
    // Its energy and CO2e a month, its running VM's, with the way to the method.
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("energy"), "kWh"));
    assertThat(byId("energy-method").getAttribute("href")).endsWith("/energy-method.xhtml");

    // A key for it, shown once, and a call through the gateway as a program would make it.
    byId("keys-link").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("key:name")));
    byId("key:name").sendKeys("notebook");
    // For this endpoint alone, not all of the organisation's.
    browser.findElement(By.cssSelector("[id='key:all'] .ui-chkbox-box")).click();
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//label[contains(., '" + endpoint + " (')]")))
        .click();
    clickSettled("key:create");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-secret")));
    String key = text("new-secret");
    assertThat(key).startsWith("fed-");
    assertThat(text("keys:list")).contains("notebook").contains(key.substring(0, 12));
    assertThat(texts(By.cssSelector("[id='keys:list'] .key-endpoint")))
        .as("its endpoints as tags, not a list's brackets")
        .containsExactly(endpoint);
    // The limits of each project's keys together are shown; only tenant admins change them.
    assertThat(text("limits:project-limits")).contains("Data platform").contains("ML research");
    assertThat(browser.findElements(By.id("limits:save-limits"))).isEmpty();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest call =
        HttpRequest.newBuilder(URI.create(gateway + "/chat/completions"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + endpoint
                        + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"))
            .build();
    // The model loads for a moment after its VM runs: 503 until it is ready.
    HttpResponse<String> answer =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> http.send(call, HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() != 503);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"completion_tokens\":5");
    // The node writes its token journal into the database a moment after the answer.
    wait.until(
        d -> {
          d.navigate().refresh();
          return d.findElement(By.id("keys:usage")).getText().contains(endpoint);
        });
    assertThat(browser.findElement(By.cssSelector(".usage-row .usage-out")).getText())
        .isEqualTo("5");

    // Revoked on the page: the next call is refused.
    clickSettled("keys:list:0:revoke");
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".key-status"), "Revoked"));
    assertThat(http.send(call, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

    browser.get(serviceUrl);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    clickSettled("service:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));
  }

  @Test
  void aMemberOrdersWithPlacementChoicesAndSeesThemKeptInPagesAndTheApi() {
    signIn(portal + "order.xhtml", "mia");
    String name = "near-" + UUID.randomUUID().toString().substring(0, 6);
    byId("order:name").sendKeys(name);
    new Select(byId("order:image")).selectByValue("ubuntu-24.04");
    new Select(byId("order:size")).selectByValue("s-2");
    // Collapsed at first: nothing to choose unless wanted.
    assertThat(byId("order:strategy").isDisplayed()).isFalse();
    browser.findElement(By.cssSelector("[id='order:placement-choices'] legend")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order:strategy")));
    new Select(byId("order:strategy")).selectByValue("LOWEST_LATENCY");
    byId("order:siteName").sendKeys("Helsinki office");
    byId("order:siteLatitude_input").sendKeys("60.1699");
    byId("order:siteLongitude_input").sendKeys("24.9384");
    byId("order:latencyBudgetMs_input").sendKeys("10");
    clickSettled("order:preview");
    wait.until(
        ExpectedConditions.or(
            ExpectedConditions.presenceOfElementLocated(By.id("placed-at")),
            ExpectedConditions.presenceOfElementLocated(By.id("shortfall")),
            ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error"))));
    // Only the Helsinki site is within 10 ms of Helsinki.
    assertThat(browser.findElements(By.id("placed-at")))
        .as(text("order"))
        .singleElement()
        .satisfies(e -> assertThat(e.getText()).contains("Helsinki"));
    clickSettled("order:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));
    assertThat(text("provider")).contains("Helsinki Edge");
    assertThat(text("placement-kept")).contains("Helsinki office").contains("10");
    String orderId = browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");

    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme = mia.tenantNamed("Acme Analytics SAS");
    String orders = "api/v1/tenants/" + acme + "/orders";
    assertThat(mia.get(orders + "/" + orderId).body())
        .contains("\"latencyBudgetMs\":10")
        .contains("\"strategy\":\"LOWEST_LATENCY\"");
    // The API takes the same choices: an HDS-certified provider only.
    Answer hds =
        mia.post(
            orders,
            "{\"name\":\"hds-"
                + orderId
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\","
                + "\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\",\"placement\":{\"certifications\":[\"HDS\"]}}");
    assertThat(hds.status()).as(hds.body()).isEqualTo(201);
    String hdsId = hds.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    assertThat(mia.get(orders + "/" + hdsId).body()).contains("Lutece Cloud");
    // Bad choices: 400 naming the field, nothing ordered.
    Answer bad =
        mia.post(
            orders,
            "{\"name\":\"bad-"
                + orderId
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\","
                + "\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\",\"placement\":{\"strategy\":\"FASTEST\",\"latencyBudgetMs\":5000}}");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("strategy").contains("latencyBudgetMs");
    assertThat(mia.get(orders).body()).doesNotContain("bad-" + orderId);
    // Both end, not to hold the demo sites' room (a VM ends once it runs).
    for (String id : List.of(orderId, hdsId)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> mia.get(orders + "/" + id).body(), b -> b.contains("\"state\":\"RUNNING\""));
      assertThat(mia.post(orders + "/" + id + "/terminate", "{}").status()).isEqualTo(202);
    }
  }

  @Test
  void platformAdminsAddSizesToTheCatalog() {
    signIn(portal + "admin/catalog.xhtml", "olivia");
    String code = "b-" + UUID.randomUUID().toString().substring(0, 6);
    byId("size:code").sendKeys(code);
    byId("size:name").sendKeys("Browser size");
    clickSettled("size:add-size");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("size"), code));
    // A bad one is refused field by field, nothing added.
    byId("size:code").sendKeys("BAD CODE");
    clickSettled("size:add-size");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='size'] .ui-message-error")));
  }
}
