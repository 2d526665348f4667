package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.KeycloakAdmin;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #13, finding 4, end to end: the partner organisation's groups reach Federa's token through
 * the broker's group mapper, Borealis' group rule lets Pia in while she is in the partner's group
 * {@code engineers}, and once the partner takes her out of it her next sign-in ends the membership
 * (and Borealis' administrator reads why in the audit log).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PartnerGroupBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void aMemberTheirOrganisationTookOutOfTheGroupIsNoLongerAMemberAtTheNextSignIn()
      throws Exception {
    KeycloakAdmin partner = new KeycloakAdmin("partner");
    try {
      signInThroughPartner(portal.toString(), "pia");
      assertThat(text("tenant-name")).isEqualTo("Borealis Systems Oy");

      partner.removeFromGroup("pia", "engineers");
      newBrowser();
      signInThroughPartner(portal.toString(), "pia");
      wait.until(ExpectedConditions.urlContains("/no-organisation.xhtml"));
      browser.get(portal + "team.xhtml");
      assertThat(browser.getPageSource()).doesNotContain("Borealis Systems Oy");

      newBrowser();
      signIn(portal + "audit.xhtml", "lena");
      assertThat(text("audit:entries"))
          .contains("Joined through a membership rule")
          .contains("Membership ended: its rule no longer matches");
    } finally {
      partner.addToGroup("pia", "engineers");
    }
  }
}
