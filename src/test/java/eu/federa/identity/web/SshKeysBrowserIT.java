package eu.federa.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import eu.federa.testsupport.TestSshKeys;
import java.net.URL;
import java.time.Duration;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #23: a member adds an SSH key to their profile (a private key pasted by mistake is refused
 * loudly), orders a VM with it and finds the command to sign in on the VM's page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SshKeysBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aMemberAddsAKeyOrdersAVmWithItAndSeesHowToSignIn() {
    signIn(portal + "dashboard.xhtml", "mia");
    byId("user-name").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("open-keys"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("keys:publicKey")));

    byId("keys:name").sendKeys("leaked");
    byId("keys:publicKey")
        .sendKeys(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----");
    clickSettled("keys:add");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys"), "PRIVATE key"));
    assertThat(browser.findElements(By.cssSelector(".key-row .key-name")))
        .noneMatch(e -> e.getText().equals("leaked"));

    String keyName = "journey-" + UUID.randomUUID().toString().substring(0, 6);
    byId("keys:name").clear();
    byId("keys:name").sendKeys(keyName);
    byId("keys:publicKey").clear();
    byId("keys:publicKey").sendKeys(TestSshKeys.randomEd25519() + " mia@laptop");
    clickSettled("keys:add");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys:list"), keyName));
    assertThat(row(keyName).findElement(By.cssSelector(".key-fingerprint")).getText())
        .startsWith("SHA256:");

    // The order form offers the key, chosen already.
    browser.get(portal + "catalog.xhtml");
    browser.findElement(By.cssSelector("a.order-image")).click();
    wait.until(ExpectedConditions.urlContains("order.xhtml"));
    WebElement box =
        browser.findElements(By.cssSelector("[id='order:ssh-keys'] label")).stream()
            .filter(l -> l.getText().startsWith(keyName))
            .findFirst()
            .orElseThrow()
            .findElement(By.xpath("preceding-sibling::input"));
    assertThat(box.isSelected()).isTrue();
    byId("order:name").sendKeys("ssh-" + UUID.randomUUID().toString().substring(0, 6));
    new Select(byId("order:size")).selectByValue("s-2");
    byId("order:preview").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("placed-at")));
    clickSettled("order:place");
    confirmYes();
    wait.until(ExpectedConditions.urlContains("resource.xhtml"));

    WebDriverWait slow = waitUpTo(Duration.ofSeconds(90));
    slow.ignoring(StaleElementReferenceException.class);
    slow.until(ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-RUNNING"));
    slow.until(ExpectedConditions.textMatches(By.id("ssh"), Pattern.compile("ssh root@10\\.")));
    assertThat(text("ssh")).isEqualTo("ssh root@" + text("ip"));
    clickSettled("resource:terminate");
    confirmYes();
    slow.until(
        ExpectedConditions.attributeContains(By.id("state"), "class", "fd-state-TERMINATED"));

    // Removed from the profile, after a confirmation.
    browser.get(portal + "keys.xhtml");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys:list"), keyName));
    row(keyName).findElement(By.cssSelector("button[id$='remove']")).click();
    confirmYes();
    wait.until(
        d ->
            d.findElements(By.cssSelector(".key-row .key-name")).stream()
                .noneMatch(e -> e.getText().equals(keyName)));
  }

  @Test
  void theApiAddsListsAndRemovesOnlyTheCallersKeys() throws Exception {
    signIn(portal + "dashboard.xhtml", "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    String name = "api-" + UUID.randomUUID().toString().substring(0, 6);
    Answer added =
        theo.post(
            "api/v1/me/ssh-keys",
            "{\"name\":\"" + name + "\",\"publicKey\":\"" + TestSshKeys.randomEd25519() + "\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.body()).contains("\"fingerprint\":\"SHA256:");
    String id = added.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    assertThat(theo.get("api/v1/me/ssh-keys").body()).contains(name);

    Answer leaked =
        theo.post(
            "api/v1/me/ssh-keys",
            "{\"name\":\"x\",\"publicKey\":\"-----BEGIN OPENSSH PRIVATE KEY-----\"}");
    assertThat(leaked.status()).isEqualTo(400);
    assertThat(leaked.body()).contains("PRIVATE key");

    // Another person neither sees nor removes it.
    newBrowser();
    signIn(portal + "dashboard.xhtml", "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    assertThat(mia.get("api/v1/me/ssh-keys").body()).doesNotContain(name);
    assertThat(mia.delete("api/v1/me/ssh-keys/" + id).status()).isEqualTo(404);

    assertThat(theo.delete("api/v1/me/ssh-keys/" + id).status()).isEqualTo(204);
    assertThat(theo.get("api/v1/me/ssh-keys").body()).doesNotContain(name);
  }

  @Test
  void anAdminGivesAProjectAKeyItsMembersSeeButCannotChange() throws Exception {
    signIn(portal + "team.xhtml", "theo");
    browser.findElement(By.cssSelector("a.project-link")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("projectKeys:publicKey")));
    String projectUrl = browser.getCurrentUrl();
    String projectId = projectUrl.replaceAll(".*[?&]id=(\\d+).*", "$1");

    String keyName = "team-" + UUID.randomUUID().toString().substring(0, 6);
    byId("projectKeys:name").sendKeys(keyName);
    byId("projectKeys:publicKey").sendKeys("ssh-dss AAAAB3NzaC1kc3M= old");
    clickSettled("projectKeys:add");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("projectKeys"), "is not a key type"));
    byId("projectKeys:publicKey").clear();
    byId("projectKeys:publicKey").sendKeys(TestSshKeys.randomEd25519() + " ci@team");
    clickSettled("projectKeys:add");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("projectKeys:list"), keyName));

    // A member sees the key, without the form; the API refuses them a change.
    newBrowser();
    signIn(portal + "dashboard.xhtml", "mia");
    browser.get(projectUrl);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("projectKeys:list"), keyName));
    assertThat(browser.findElements(By.id("projectKeys:publicKey"))).isEmpty();
    SessionApi mia = new SessionApi(portal.toString(), browser);
    String acme =
        mia.get("api/v1/tenants")
            .body()
            .replaceAll("(?s).*\"id\":(\\d+),\"name\":\"Acme Analytics SAS\".*", "$1");
    String keys = "api/v1/tenants/" + acme + "/projects/" + projectId + "/ssh-keys";
    assertThat(mia.get(keys).body()).contains(keyName);
    assertThat(
            mia.post(keys, "{\"name\":\"x\",\"publicKey\":\"" + TestSshKeys.ED25519 + "\"}")
                .status())
        .isEqualTo(403);

    // The admin removes it, after a confirmation.
    useBrowser(0);
    browser.findElements(By.cssSelector("[id='projectKeys:list'] .key-row")).stream()
        .filter(r -> r.getText().contains(keyName))
        .findFirst()
        .orElseThrow()
        .findElement(By.cssSelector("button[id$='remove']"))
        .click();
    confirmYes();
    wait.until(d -> !d.findElement(By.id("projectKeys:list")).getText().contains(keyName));
  }

  private WebElement row(String keyName) {
    return browser.findElements(By.cssSelector(".key-row")).stream()
        .filter(r -> r.findElement(By.cssSelector(".key-name")).getText().equals(keyName))
        .findFirst()
        .orElseThrow();
  }
}
