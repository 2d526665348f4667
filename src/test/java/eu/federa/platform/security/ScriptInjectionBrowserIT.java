package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Issue #13, finding 1: a tenant admin names a project {@code </script><script>alert(1)</script>}
 * and orders a VM in it; billing members who open Costs &amp; invoices must see the name as text in
 * the chart, and no script of it may run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScriptInjectionBrowserIT extends BrowserSupport {

  private static final String ATTACK = "</script><script>alert(1)</script>";

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aProjectNamedLikeAScriptIsShownInTheCostChartsAndNeverRuns() throws Exception {
    signIn(portal.toString(), "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String acme =
        theo.get("api/v1/tenants")
            .body()
            .replaceAll("(?s).*\"id\":(\\d+),\"name\":\"Acme Analytics SAS\".*", "$1");
    String suffix = UUID.randomUUID().toString().substring(0, 4);
    Answer project =
        theo.post(
            "api/v1/tenants/" + acme + "/projects",
            "{\"name\":\"" + ATTACK.replace("/", "\\/") + suffix + "\",\"description\":\"x\"}");
    assertThat(project.status()).as(project.body()).isEqualTo(201);
    String projectId = project.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    Answer order =
        theo.post(
            "api/v1/tenants/" + acme + "/orders",
            "{\"name\":\"xss-"
                + suffix
                + "\",\"imageCode\":\"ubuntu-24.04\",\"sizeCode\":\"s-2\",\"countries\":[],"
                + "\"projectId\":"
                + projectId
                + ",\"idempotencyKey\":\""
                + UUID.randomUUID()
                + "\"}");
    assertThat(order.status()).as(order.body()).isEqualTo(201);
    String orderId = order.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    waitUpTo(Duration.ofSeconds(90))
        .until(
            d ->
                theo.get("api/v1/tenants/" + acme + "/orders/" + orderId)
                    .body()
                    .contains("\"state\":\"RUNNING\""));

    // As if it had run since ten hours ago: the project then has a spend, and a label in the chart.
    try (Connection db = TestStack.database();
        PreparedStatement backdate =
            db.prepareStatement(
                "UPDATE usage_interval SET started_at = GREATEST(TIMESTAMP(month_start),"
                    + " started_at - INTERVAL 10 HOUR) WHERE order_id = ?")) {
      backdate.setLong(1, Long.parseLong(orderId));
      assertThat(backdate.executeUpdate()).isPositive();
    }

    browser.get(portal + "billing.xhtml");
    waitForPortal();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    // The page is whole: the spend charts and, the VM running, the CO2e chart drawn; the name is
    // plain data of the project chart and of the CO2e chart.
    for (String chart : List.of("chartProvider", "chartItem", "chartProject", "chartEnergy")) {
      assertThat(browser.findElements(By.id(chart + "_canvas"))).as(chart).hasSize(1);
    }
    for (String chart : List.of("chartProject", "chartEnergy")) {
      Object labels =
          ((JavascriptExecutor) browser)
              .executeScript(
                  "return Chart.getChart(document.getElementById(arguments[0] + '_canvas'))"
                      + ".data.labels.join('|')",
                  chart);
      assertThat(String.valueOf(labels)).as(chart).contains(ATTACK + suffix);
    }

    theo.post("api/v1/tenants/" + acme + "/orders/" + orderId + "/terminate", "{}");
  }
}
