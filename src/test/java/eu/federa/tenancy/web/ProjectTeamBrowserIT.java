package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
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
 * Issue #19: a project's members are managed on its own page, one at a time, so that the team page
 * lists projects with their counts and stays light with many projects and members. Theo, Acme's
 * admin, adds a colleague to a project, makes them its admin, and takes them out again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProjectTeamBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void anAdminAddsAColleagueToAProjectMakesThemItsAdminAndTakesThemOut() throws Exception {
    newBrowser();
    signIn(portal + "team.xhtml", "theo");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.manage-project")));
    WebElement projectRow =
        browser.findElements(By.cssSelector("#team\\:projects tbody tr")).get(0);
    String members = projectRow.findElement(By.cssSelector(".project-member-count")).getText();
    projectRow.findElement(By.cssSelector("a.manage-project")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("project-team:add")));

    // The first colleague who does not work in the project yet: the search's button offers the
    // first ones by name, as typing part of a name would.
    browser
        .findElement(By.cssSelector("[id='project-team:candidate'] .ui-autocomplete-dropdown"))
        .click();
    WebElement first =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='project-team:candidate_panel'] li.ui-autocomplete-item")));
    String name = first.getAttribute("data-item-label").replaceAll(" \\(.*", "");
    first.click();
    wait.until(
        d ->
            !d.findElement(By.id("project-team:candidate_hinput")).getAttribute("value").isEmpty());
    byId("project-team:add").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("project-team:messages"), "works in the project now"));
    assertThat(rowOf(name)).isNotNull();

    rowOf(name).findElement(By.cssSelector(".make-admin")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("project-team:messages"), "admins of the project are saved"));
    assertThat(rowOf(name).findElements(By.cssSelector(".project-admin-tag"))).hasSize(1);

    rowOf(name).findElement(By.cssSelector(".remove-project-member")).click();
    confirmYes();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("project-team:messages"), "no longer works in the project"));
    assertThat(rowOf(name)).isNull();

    // Back on the team page, the project counts as many members as before.
    browser.get(portal + "team.xhtml");
    waitForPortal();
    assertThat(
            browser
                .findElements(By.cssSelector("#team\\:projects tbody tr"))
                .get(0)
                .findElement(By.cssSelector(".project-member-count"))
                .getText())
        .isEqualTo(members);
  }

  private WebElement rowOf(String name) {
    return browser.findElements(By.cssSelector(".project-member-row")).stream()
        .filter(r -> r.findElement(By.cssSelector(".project-member-name")).getText().equals(name))
        .findFirst()
        .orElse(null);
  }
}
