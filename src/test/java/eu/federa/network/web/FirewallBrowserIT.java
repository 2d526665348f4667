package eu.federa.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #23: a tenant admin opens the firewall, is told why a bad rule is refused, opens a port to
 * an office range, orders a VM with a public address and sees the rules up to date at its provider;
 * a member reads the rules but cannot change them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirewallBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void anAdminOpensAPortOrdersAVmAndTheProviderHasTheRules() throws Exception {
    signIn(portal + "dashboard.xhtml", "theo");
    byId("nav-firewall").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("firewall:rules")));
    assertThat(rows()).anyMatch(r -> r.getText().contains("TCP") && r.getText().contains("22"));

    // A range written from one of its addresses is refused with the range meant.
    byId("firewall:portFrom").sendKeys("8443");
    byId("firewall:source").clear();
    byId("firewall:source").sendKeys("192.0.2.77/24");
    clickSettled("firewall:add");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("firewall"), "did you mean 192.0.2.0/24?"));
    assertThat(rows()).noneMatch(r -> r.getText().contains("8443"));

    byId("firewall:source").clear();
    byId("firewall:source").sendKeys("192.0.2.0/24");
    clickSettled("firewall:add");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("firewall:rules"), "8443"));

    // A VM of the organisation, on its network behind these rules.
    browser.get(portal + "catalog.xhtml");
    browser.findElement(By.cssSelector("a.order-image")).click();
    wait.until(ExpectedConditions.urlContains("order.xhtml"));
    byId("order:name").sendKeys("fw-" + UUID.randomUUID().toString().substring(0, 6));
    new Select(byId("order:size")).selectByValue("s-2");
    // Reachable from outside too: only providers offering public addresses, priced by the hour.
    byId("order:public-address").findElement(By.cssSelector(".ui-chkbox-box")).click();
    // With an extra volume, made and attached once the VM runs.
    byId("order:volumeGib_input").sendKeys("20");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    assertThat(text("order:estimate-public-ip")).contains("public address");
    clickSettled("order:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));
    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    String vmPage = browser.getCurrentUrl();
    slow.until(
        ExpectedConditions.textMatches(By.id("public-ip"), Pattern.compile("203\\.0\\.113\\.")));

    // The VM's page says where it is and leads to the rules.
    slow.until(ExpectedConditions.presenceOfElementLocated(By.id("firewall-link")));
    byId("firewall-link").click();
    wait.until(ExpectedConditions.urlContains("firewall.xhtml"));
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("firewall:providers"), "Up to date"));

    // Removed after a confirmation.
    WebElement https =
        rows().stream().filter(r -> r.getText().contains("8443")).findFirst().orElseThrow();
    https.findElement(By.cssSelector("button[id$='remove']")).click();
    confirmYes();
    wait.until(d -> rows().stream().noneMatch(r -> r.getText().contains("8443")));

    browser.get(vmPage);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("state")));

    // The volume ordered with it is on it; a new one of a bad size is explained; detached.
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:volume-table"), "Attached"));
    assertThat(text("resource:volume-table")).contains("-data").contains("20 GiB");
    assertThat(text("resource:volume-price")).contains("per GiB and month");
    // The demo's providers expose no console: the page says so, and how to sign in instead.
    assertThat(text("console")).contains("offers no console");
    byId("resource:name").sendKeys("scratch");
    byId("resource:sizeGib_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
    clickSettled("resource:add-volume");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:messages"), "A volume is 1 to 16,384 GiB."));
    // A snapshot of the volume, on its VM: it stays with the volume once detached.
    byId("resource:snapshotName").sendKeys("data before");
    new Select(byId("resource:snapshotDisk")).selectByIndex(1);
    clickSettled("resource:take-snapshot");
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:snapshot-table"), "Ready"));
    assertThat(text("resource:snapshot-table")).contains("data before").contains("-data");
    browser.findElement(By.cssSelector("button.volume-detach")).click();
    confirmYes();
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:volume-table"), "No volume on this VM."));
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:snapshot-table"), "No snapshot of this VM's disks."));

    // A snapshot of its disk, taken running and restored once the VM is stopped.
    byId("resource:snapshotName").sendKeys("before upgrade");
    clickSettled("resource:take-snapshot");
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:snapshot-table"), "Ready"));
    clickSettled("resource:stop");
    confirmYes();
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-STOPPED"));
    slow.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.snapshot-restore")))
        .click();
    confirmYes();
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:snapshot-table"), "restored"));

    // A backup of the stopped VM, and daily ones: kept after the VM ends.
    byId("resource:backupName").sendKeys("before retirement");
    clickSettled("resource:take-backup");
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:backup-table"), "Ready"));
    assertThat(text("resource:backup-table"))
        .contains("before retirement")
        .contains("On demand")
        .containsPattern("\\d GiB");
    assertThat(text("resource:backup-price")).contains("per GiB of its size");
    byId("resource:backupKeep_input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "3");
    clickSettled("resource:schedule-backups");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("resource:messages"), "Daily backups are on."));
    // The next backup's moment as the reader's language writes it, in their zone (UTC), said so.
    assertThat(text("resource:backup-next"))
        .contains("the last 3 kept")
        .containsPattern("the next at [A-Z][a-z]{2} \\d{1,2}, \\d{4}, .* UTC")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");

    clickSettled("resource:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));
    assertThat(text("resource:snapshot-table")).contains("No snapshot of this VM's disks.");

    // Kept after its VM ended, until deleted from the organisation's volumes.
    byId("nav-volumes").click();
    wait.until(ExpectedConditions.urlContains("volumes.xhtml"));
    slow.until(ExpectedConditions.textToBePresentInElementLocated(By.id("volumes:list"), "-data"));
    assertThat(text("volumes:list")).contains("Available");
    // Its snapshot came along: the volume is put back to it here, through its image.
    clickSettled(By.cssSelector("button.volume-snapshots"));
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("volumes:volume-snapshot-table"), "data before"));
    browser.findElement(By.cssSelector("button.snapshot-restore")).click();
    confirmYes();
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("volumes:volume-snapshot-table"), "restored"));
    browser.findElement(By.cssSelector("button.volume-delete")).click();
    confirmYes();
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("volumes:list"), "No volume yet."));

    // The backup outlived its VM: restored into a new VM, which comes up at the same provider.
    byId("nav-backups").click();
    wait.until(ExpectedConditions.urlContains("backups.xhtml"));
    slow.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("backups:list"), "before retirement"));
    browser.findElement(By.cssSelector("button.backup-restore")).click();
    WebElement newName =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("backups:name")));
    newName.clear();
    newName.sendKeys("Bad Name!");
    clickSettled("backups:restore");
    // The dialog stays open with the reason beside the name.
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("backups:name-message"), "lower-case letters"));
    newName = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("backups:name")));
    newName.clear();
    newName.sendKeys("restored-" + UUID.randomUUID().toString().substring(0, 6));
    clickSettled("backups:restore");
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    assertThat(text("restored-from")).contains("a backup");
    clickSettled("resource:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));
  }

  @Test
  void membersReadTheRulesButOnlyAdminsChangeThemAndBadRulesAreExplained() throws Exception {
    signIn(portal + "dashboard.xhtml", "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String tenant = theo.get("api/v1/tenants").body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    String rules = "api/v1/tenants/" + tenant + "/firewall/rules";

    Answer bad =
        theo.post(rules, "{\"protocol\":\"TCP\",\"portFrom\":0,\"source\":\"10.0.0.0/33\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("ports go from 1 to 65535").contains("longer than 32 bits");
    Answer duplicate =
        theo.post(rules, "{\"protocol\":\"TCP\",\"portFrom\":22,\"source\":\"0.0.0.0/0\"}");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.body()).contains("overlaps the rule");

    Answer added =
        theo.post(rules, "{\"protocol\":\"UDP\",\"portFrom\":51820,\"source\":\"198.51.100.7\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).contains("\"source\":\"198.51.100.7/32\"");
    String id = added.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");

    newBrowser();
    signIn(portal + "dashboard.xhtml", "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    assertThat(mia.get("api/v1/tenants/" + tenant + "/firewall").body()).contains("51820");
    assertThat(mia.delete(rules + "/" + id).status()).isEqualTo(403);
    browser.get(portal + "firewall.xhtml");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("firewall:rules"), "51820"));
    assertThat(browser.findElements(By.id("firewall:add"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("button[id$='remove']"))).isEmpty();

    assertThat(theo.delete(rules + "/" + id).status()).isEqualTo(204);
    assertThat(theo.delete(rules + "/" + id).status()).isEqualTo(404);
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("[id='firewall:rules'] tr.rule-row"));
  }
}
