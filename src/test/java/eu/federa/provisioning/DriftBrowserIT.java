package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.opennebula.RecoverOperation;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The drift in the browser: a VM made in an organisation's group behind the portal's back shows on
 * the usage page after the next comparison, its details name it, and the platform admin marks it
 * foreign there (confirmed): the difference is gone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DriftBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private static long single(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }

  private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }

  @Test
  void aVmMadeBehindThePortalsBackIsExplainedAndMarkedForeign() throws Exception {
    OpenNebulaSimulator lutece = TestStack.simulators().get(0);
    OpenNebulaClient oneadmin =
        OpenNebulaClient.create(
            new Endpoint(lutece.endpoint(), "oneadmin", TestStack.simulatorPassword()));
    try (Connection db = TestStack.database()) {
      long provider = single(db, "SELECT id FROM provider WHERE name = 'Lutece Cloud'");
      // An organisation without a group there yet: its group is made as the portal would.
      long tenant =
          single(
              db,
              "SELECT t.id FROM tenant t WHERE NOT EXISTS (SELECT 1 FROM provider_tenant_account"
                  + " a WHERE a.provider_id = ? AND a.tenant_id = t.id) ORDER BY t.id LIMIT 1",
              provider);
      assertThat(tenant).isPositive();
      int group = oneadmin.allocateGroup("drift-browser-" + tenant);
      execute(
          db,
          "INSERT INTO provider_tenant_account (provider_id, tenant_id, group_name, user_name,"
              + " user_secret, one_group_id, one_user_id, ready, created_at)"
              + " VALUES (?, ?, ?, 'drift-browser-agent', 'unused', ?, 0, TRUE, UTC_TIMESTAMP(6))",
          provider,
          tenant,
          "drift-browser-" + tenant,
          group);
      int vm =
          oneadmin.allocateVm(
              "NAME = \"hand-made\"\nCPU = \"1\"\nVCPU = \"1\"\nMEMORY = \"256\"\n", false);
      try {
        oneadmin.chownVm(vm, -1, group);
        // The next comparison with the provider, now rather than within the minute.
        execute(
            db,
            "UPDATE provider_reconciliation SET next_run_at = UTC_TIMESTAMP(6) WHERE provider_id"
                + " = ?",
            provider);

        signIn(portal + "usage.xhtml", "olivia");
        By details =
            By.cssSelector(
                "a.drift-details[href$='provider=" + provider + "&tenant=" + tenant + "']");
        waitUpTo(Duration.ofSeconds(60))
            .until(
                d -> {
                  if (!d.findElements(details).isEmpty()) {
                    return true;
                  }
                  d.navigate().refresh();
                  return false;
                });
        browser.findElement(details).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("driftDetail:vms")));
        assertThat(text("drift-totals")).isNotBlank();
        WebElement row = rowOf(vm);
        assertThat(row.getAttribute("class")).contains("drift-UNKNOWN");
        assertThat(row.findElements(By.cssSelector("select[id$=':project']"))).hasSize(1);

        // A reason is required: refused without one, nothing changes.
        row.findElement(By.cssSelector("button.drift-foreign")).click();
        confirmYes();
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[id='driftDetail:messages'] .ui-messages-error")));
        assertThat(single(db, "SELECT COUNT(*) FROM foreign_vm WHERE provider_id = ?", provider))
            .isZero();

        row = rowOf(vm);
        row.findElement(By.cssSelector("input[id$=':reason']"))
            .sendKeys("The provider's own <b>probe</b>");
        row.findElement(By.cssSelector("button.drift-foreign")).click();
        confirmYes();
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[id='driftDetail:messages'] .ui-messages-info")));
        wait.until(d -> vmRows(vm).isEmpty());
        assertThat(
                single(
                    db,
                    "SELECT COUNT(*) FROM foreign_vm WHERE provider_id = ? AND one_vm_id = ?"
                        + " AND reason = 'The provider''s own <b>probe</b>'",
                    provider,
                    vm))
            .isEqualTo(1);
        assertThat(
                single(
                    db,
                    "SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND action ="
                        + " 'DRIFT_VM_FOREIGN'",
                    tenant))
            .isEqualTo(1);
      } finally {
        oneadmin.recoverVm(vm, RecoverOperation.DELETE);
        for (String table :
            List.of(
                "foreign_vm",
                "drift_vm",
                "quota_drift_gpu",
                "quota_drift",
                "provider_tenant_account")) {
          execute(
              db,
              "DELETE FROM " + table + " WHERE provider_id = ? AND tenant_id = ?",
              provider,
              tenant);
        }
        oneadmin.deleteGroup(group);
      }
    }
  }

  private List<WebElement> vmRows(int vm) {
    return browser.findElements(By.cssSelector("[id='driftDetail:vms'] tr.drift-vm")).stream()
        .filter(r -> r.getText().contains(vm + " hand-made"))
        .toList();
  }

  private WebElement rowOf(int vm) {
    wait.until(d -> !vmRows(vm).isEmpty());
    return vmRows(vm).get(0);
  }
}
