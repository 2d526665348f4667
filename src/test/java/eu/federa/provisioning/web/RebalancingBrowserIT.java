package eu.federa.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.UUID;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #20 in the browser: a platform admin applies the move the plan proposes for a VM on a host
 * predicted to saturate, sees it done and takes it back; the VM's organisation sees both moves and
 * keeps blackout windows on its moves page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RebalancingBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /**
   * The host the order's VM runs on and its provider: predicted at 99 % (every VM on it is planned
   * off), the others at 10 %.
   */
  private static void hotSpotUnder(String orderId) throws Exception {
    try (Connection db = TestStack.database();
        PreparedStatement host =
            db.prepareStatement("SELECT host_id, provider_id FROM vm_order WHERE id = ?")) {
      host.setLong(1, Long.parseLong(orderId));
      long hostId;
      long providerId;
      try (ResultSet r = host.executeQuery()) {
        r.next();
        hostId = r.getLong(1);
        providerId = r.getLong(2);
      }
      try (PreparedStatement peaks =
          db.prepareStatement(
              "UPDATE provider_host SET forecast_peak_cpu_percent = IF(id = ?, 99, 10)"
                  + " WHERE provider_id = ?")) {
        peaks.setLong(1, hostId);
        peaks.setLong(2, providerId);
        peaks.executeUpdate();
      }
    }
  }

  @Test
  void aPlatformAdminAppliesAMoveAndTakesItBackAndTheTenantSeesBoth() throws Exception {
    signIn(portal + "moves.xhtml", "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String acme = theo.tenantNamed("Acme Analytics SAS");
    String orders = "api/v1/tenants/" + acme + "/orders";
    String name = "rb-" + UUID.randomUUID().toString().substring(0, 6);
    Answer placed =
        theo.post(
            orders,
            "{\"name\":\""
                + name
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\",\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\"}");
    assertThat(placed.status()).as(placed.body()).isEqualTo(201);
    String orderId = placed.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> theo.get(orders + "/" + orderId).body(),
            b -> b.contains("\"state\":\"RUNNING\""));

    // The tenant admin keeps a blackout window: a bad time is refused beside its field. Its day is
    // three days ahead, so that the move below never falls inside it, whenever the test runs.
    DayOfWeek quiet = LocalDate.now(ZoneOffset.UTC).plusDays(3).getDayOfWeek();
    clickSettled(By.cssSelector("label[for='blackout:days:" + (quiet.getValue() - 1) + "']"));
    WebElement start = byId("blackout:start");
    start.clear();
    start.sendKeys("25:00");
    clickSettled("blackout:add-blackout");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("[id='blackout:start'].ui-state-error")));
    start = byId("blackout:start");
    start.clear();
    start.sendKeys("02:00");
    WebElement end = byId("blackout:end");
    end.clear();
    end.sendKeys("03:30");
    clickSettled("blackout:add-blackout");
    waitForText("[id='blackout:windows']", "02:00 UTC");
    assertThat(text("blackout:windows"))
        .contains(quiet.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
        .contains("03:30 UTC");

    // The tenant admin lets the platform move the organisation's VMs to another provider, and
    // takes it back (the stack's other tests see Acme as it was).
    clickSettled(By.cssSelector("[id='consent:allowed'] .ui-chkbox-box"));
    clickSettled("consent:save-consent");
    waitForText("[id='consent']", "may now move your VMs to another provider");
    clickSettled(By.cssSelector("[id='consent:allowed'] .ui-chkbox-box"));
    clickSettled("consent:save-consent");
    waitForText("[id='consent']", "keeps your VMs at their providers");

    // A platform admin sees the VM's move in the plan, applies it, and takes it back.
    hotSpotUnder(orderId);
    int admin = newBrowser();
    useBrowser(admin);
    signIn(portal + "admin/rebalancing.xhtml", "olivia");
    By ours =
        By.xpath(
            "//tbody[@id='rebalance:moves_data']/tr[.//span[@class='move-vm' and text()='"
                + name
                + "']]");
    wait.until(ExpectedConditions.presenceOfElementLocated(ours));
    browser.findElement(ours).findElement(By.cssSelector(".ui-chkbox-box")).click();
    clickSettled("rebalance:apply-chosen");
    confirmYes();
    madeMovesShow(name, "Done", 1);
    clickSettled(By.cssSelector("[id='made:made-moves_data'] tr.made-move .reverse-move"));
    confirmYes();
    madeMovesShow(name, "Done", 2);
    assertThat(text("made")).contains("Takes a move back").contains("taken back by move");

    // The tenant sees both moves on its moves page.
    useBrowser(0);
    browser.get(portal + "moves.xhtml");
    waitForPortal();
    assertThat(rowsShowing("platform-moves:host-moves_data", name, "Done")).isEqualTo(2);
    // The window goes again, after a confirmation.
    clickSettled(By.cssSelector("[id='blackout:windows_data'] .remove-blackout"));
    confirmYes();
    waitForText("[id='blackout']", "No blackout window");
    assertThat(theo.post(orders + "/" + orderId + "/terminate", "{}").status()).isEqualTo(202);
  }

  /**
   * The rows of a table's body that show both texts, read in one script: a poll that redraws the
   * table meanwhile cannot fail the reading.
   */
  private long rowsShowing(String tbodyId, String first, String second) {
    Object count =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var body = document.getElementById(arguments[0]); if (!body) return 0;"
                    + "var a = arguments[1], b = arguments[2];"
                    + "return Array.from(body.querySelectorAll('tr')).filter(function (r) {"
                    + " var t = r.textContent; return t.indexOf(a) >= 0 && t.indexOf(b) >= 0;"
                    + " }).length;",
                tbodyId,
                first,
                second);
    return ((Number) count).longValue();
  }

  /** Waits until the admin's table of moves made shows {@code count} of the VM's in a state. */
  private void madeMovesShow(String vm, String state, int count) {
    waitUpTo(Duration.ofSeconds(60))
        .until(d -> rowsShowing("made:made-moves_data", vm, state) == count);
  }
}
