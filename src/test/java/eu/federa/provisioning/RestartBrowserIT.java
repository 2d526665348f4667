package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An order on its way when the portal restarts is carried on afterwards: its state is in the
 * database, not in the node's memory. The restart is a redeployment of the WAR in the running
 * WildFly (its worker stops, every bean and session is gone, and it starts again).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;
  @ArquillianResource ManagementClient management;

  @Test
  void anOrderOnItsWayWhenThePortalRestartsRunsAfterwards() throws Exception {
    signIn(portal + "catalog.xhtml", "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme = mia.tenantNamed("Acme Analytics SAS");
    String name = "restart-" + UUID.randomUUID().toString().substring(0, 6);
    String id;
    // At the demo's pace until the redeployment: the VM is still on its way when it happens.
    try (TestStack.DemoPace demoPace = TestStack.atDemoPace()) {
      id = mia.orderSmallVm(acme, name);
      // The demo providers take seconds to boot a VM: it is still on its way.
      assertThat(mia.get("api/v1/tenants/" + acme + "/orders/" + id).body())
          .doesNotContain("\"state\":\"RUNNING\"");

      ModelNode redeploy = new ModelNode();
      redeploy.get("operation").set("redeploy");
      redeploy.get("address").add("deployment", "federa.war");
      ModelNode outcome = management.getControllerClient().execute(redeploy);
      assertThat(outcome.get("outcome").asString()).as(outcome.toString()).isEqualTo("success");
    }

    // A new portal: the old session is gone with it.
    newBrowser();
    signIn(portal + "catalog.xhtml", "mia");
    browser.get(portal + "resource.xhtml?id=" + id);
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(120));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(text("ip")).isNotBlank();
  }
}
