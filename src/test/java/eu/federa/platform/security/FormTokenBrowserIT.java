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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #13 (ASVS V3.5.1): every form carries its session's anti-forgery token, and a postback
 * whose token is missing, altered or taken from another session changes nothing and tells the user
 * to reload the page, for full postbacks, Ajax postbacks and the sign-out button alike.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormTokenBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** Sets the token field of the form matching {@code selector} to {@code value}. */
  private void setToken(String selector, String value) {
    js(
        "document.querySelector(arguments[0]).querySelector('input[name=_csrf]').value ="
            + " arguments[1];",
        selector,
        value);
  }

  private String token(String selector) {
    return (String)
        js(
            "return document.querySelector(arguments[0])"
                + ".querySelector('input[name=_csrf]').value;",
            selector);
  }

  private void assertRefusedAsStale() {
    wait.until(ExpectedConditions.titleContains("This form is out of date"));
    assertThat(text("error-text")).contains("Nothing was changed");
  }

  private boolean languageIs(String language) {
    return byId("lang-" + language).getAttribute("class").contains("fd-active");
  }

  @Test
  void aPostbackWithoutItsSessionsTokenChangesNothing() throws Exception {
    signIn(portal + "dashboard.xhtml", "theo");
    // Every form of the page carries the token, the sign-out form too.
    Object formsWithoutToken =
        js(
            "return Array.from(document.forms).filter(function (f) {"
                + " var t = f.querySelector('input[name=_csrf]');"
                + " return !t || t.value.length < 32; }).length;");
    assertThat(formsWithoutToken).isEqualTo(0L);
    String theosToken = token("#language-form");
    assertThat(token("form.fd-logout")).isEqualTo(theosToken);

    // A full postback with an altered token: refused, the language is unchanged.
    setToken("#language-form", "wapiti");
    languageButton("fr").click();
    assertRefusedAsStale();
    browser.get(portal + "dashboard.xhtml");
    waitForPortal();
    assertThat(languageIs("en")).isTrue();

    // A form without the field at all: refused as well.
    js(
        "var t = document.querySelector('#language-form input[name=_csrf]');"
            + " t.parentNode.removeChild(t);");
    languageButton("fr").click();
    assertRefusedAsStale();

    // The same form with the token as rendered works.
    browser.get(portal + "dashboard.xhtml");
    waitForPortal();
    switchLanguage("fr");
    assertThat(languageIs("fr")).isTrue();
    switchLanguage("en");
    assertThat(languageIs("en")).isTrue();

    // An Ajax postback (the order form's placement preview) with an altered token: the user lands
    // on the same message instead of a page that silently does nothing.
    browser.get(portal + "catalog.xhtml");
    waitForPortal();
    browser.get(browser.findElement(By.cssSelector("a.order-image")).getAttribute("href"));
    waitForPortal();
    byId("order:name").sendKeys("forged-preview");
    new Select(byId("order:size")).selectByValue("s-2");
    setToken("#order", "wapiti");
    byId("order:preview").click();
    assertRefusedAsStale();

    // Sign-out with an altered token: refused, still signed in.
    browser.get(portal + "dashboard.xhtml");
    waitForPortal();
    setToken("form.fd-logout", "wapiti");
    byId("logout").click();
    assertRefusedAsStale();
    browser.get(portal + "dashboard.xhtml");
    waitForPortal();
    assertThat(text("user-name")).isNotBlank();

    // Another person's session has its own token: theo's is refused there.
    newBrowser();
    signIn(portal + "dashboard.xhtml", "olivia");
    assertThat(token("#language-form")).isNotEqualTo(theosToken);
    setToken("#language-form", theosToken);
    languageButton("fr").click();
    assertRefusedAsStale();
  }
}
