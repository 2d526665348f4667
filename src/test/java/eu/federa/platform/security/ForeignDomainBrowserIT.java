package eu.federa.platform.security;

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
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #13, finding 3: the partner realm has a user, Mallory, whose verified address is in
 * acme-analytics.example. Acme's domain rule trusts only the portal's own accounts for that domain,
 * so Mallory, coming through the partner ("Nordlicht Research" on the login page), joins no
 * organisation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ForeignDomainBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void anAddressInAcmesDomainAssertedByAPartnerDoesNotMakeAnAcmeMember() throws Exception {
    signInThroughPartner(portal.toString(), "mallory");
    wait.until(ExpectedConditions.urlContains("/no-organisation.xhtml"));
    assertThat(text("unmatched")).contains("mallory@acme-analytics.example");
    browser.get(portal + "team.xhtml");
    assertThat(browser.getPageSource()).doesNotContain("Acme Analytics SAS");
  }
}
