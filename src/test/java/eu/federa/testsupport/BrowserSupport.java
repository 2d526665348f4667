package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: a headless Chromium (Debian's package) per test and person, cleared of
 * every cookie and session of the test before ({@link ChromiumPool}), and sign-in helpers for
 * Keycloak's pages. A screenshot of the last page of every test lands in {@code
 * target/screenshots}, and the walks keep one of each page in {@code target/screenshots/pages}.
 */
public abstract class BrowserSupport {

  protected WebDriver browser;
  protected WebDriverWait wait;
  private final List<ChromeDriver> browsers = new ArrayList<>();
  private String testName;

  @BeforeEach
  void startBrowser(TestInfo info) throws IOException {
    testName = getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName();
    newBrowser();
  }

  /**
   * Starts another Chromium with its own profile (its own cookies: another person), makes it the
   * current one and returns its number for {@link #useBrowser}.
   */
  protected int newBrowser() throws IOException {
    browsers.add(ChromiumPool.take());
    int index = browsers.size() - 1;
    useBrowser(index);
    return index;
  }

  /** The Content-Security-Policy violations the current page met so far (then forgotten). */
  @SuppressWarnings("unchecked")
  protected List<String> cspViolations() {
    Object seen =
        ((JavascriptExecutor) browser)
            .executeScript(
                "var v = window.__fdCsp || []; window.__fdCsp = []; return v.map(String);");
    return seen instanceof List<?> list ? (List<String>) list : List.of();
  }

  /**
   * The forms of the page that post without the session's anti-forgery token (FormTokens), by id,
   * class or action. A form that only reads (method GET, such as the catalog's filters) carries no
   * token: it would put the token into the address, the server's log and the Referer header.
   */
  protected List<String> formsWithoutToken() {
    Object bare =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.forms).filter(function (f) {"
                    + " if (f.method.toLowerCase() !== 'post') { return false; }"
                    + " var t = f.querySelector('input[name=_csrf]');"
                    + " return !t || t.value.length < 32; })"
                    + ".map(function (f) { return f.id || f.className || f.action; });");
    return bare instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /** Makes browser {@code index} (0 is the first) the one the helpers drive. */
  protected void useBrowser(int index) {
    browser = browsers.get(index);
    // Look again every 50 ms, not Selenium's default 500: a test waits on dozens of conditions.
    wait = new PortalWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** A wait for slow work (provisioning, a billing run): longer, looking every 100 ms. */
  protected WebDriverWait waitUpTo(Duration timeout) {
    WebDriverWait slow = new PortalWait(browser, timeout, Duration.ofMillis(100));
    slow.ignoring(StaleElementReferenceException.class);
    return slow;
  }

  /**
   * A wait that takes an element of a replaced page for what it is, a stale element, and looks
   * again: Chromium 156 reports reading such an element as "Node with given id does not belong to
   * the document", a plain WebDriverException that the usual conditions (which expect a stale
   * element) let through, so a page answering between finding and reading failed a test.
   */
  private static final class PortalWait extends WebDriverWait {

    PortalWait(org.openqa.selenium.WebDriver driver, Duration timeout, Duration poll) {
      super(driver, timeout, poll);
    }

    @Override
    public <V> V until(
        java.util.function.Function<? super org.openqa.selenium.WebDriver, ? extends V> isTrue) {
      long started = System.nanoTime();
      try {
        return super.until(
            d -> {
              try {
                return isTrue.apply(d);
              } catch (StaleElementReferenceException stale) {
                throw stale;
              } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                  throw new StaleElementReferenceException("the page was replaced", e);
                }
                throw e;
              }
            });
      } finally {
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        if (tookMillis >= SLOW_WAIT_MILLIS) {
          // Where a browser test's time goes: its long waits, in the test's output.
          System.out.printf(
              java.util.Locale.ROOT, "slow wait: %.1f s at %s%n", tookMillis / 1000.0, caller());
        }
      }
    }

    private static final long SLOW_WAIT_MILLIS = 2000;

    /** The test's line that waited. */
    private static String caller() {
      return StackWalker.getInstance()
          .walk(
              frames ->
                  frames
                      .filter(f -> !f.getClassName().startsWith("eu.federa.testsupport."))
                      .filter(f -> f.getClassName().startsWith("eu.federa."))
                      .findFirst()
                      .map(f -> f.getClassName() + ":" + f.getLineNumber())
                      .orElse("?"));
    }
  }

  @AfterEach
  void stopBrowser() throws IOException {
    Path dir = Path.of("target/screenshots");
    Files.createDirectories(dir);
    for (int i = 0; i < browsers.size(); i++) {
      ChromeDriver driver = browsers.get(i);
      try {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(testName + (i == 0 ? "" : "-" + i) + ".png"), png);
      } catch (RuntimeException e) {
        // a browser that died is not handed out again (the pool finds out)
      } finally {
        ChromiumPool.release(driver);
      }
    }
    browsers.clear();
  }

  /**
   * Keeps the whole current page, not only its window, as {@code target/screenshots/pages/NAME.png}
   * (the walks keep one of each page they open, for a reader to look at every page as each role
   * sees it). At most 6,000 pixels of a long page's height.
   */
  @SuppressWarnings("unchecked")
  protected void screenshotPage(String name) throws IOException {
    ChromeDriver chromium = (ChromeDriver) browser;
    Map<String, Object> metrics = chromium.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    // The window's width, scroll bar included: captured at its whole height the page has none, and
    // its content is laid out that much wider.
    long window = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    long width = Math.max(window, ((Number) content.get("width")).longValue());
    long height = Math.min(6000, ((Number) content.get("height")).longValue());
    Map<String, Object> shot =
        chromium.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Path dir = Path.of("target/screenshots/pages");
    Files.createDirectories(dir);
    String file = name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png";
    Files.write(dir.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
  }

  /** On Keycloak's login page of realm {@code federa} (or {@code partner}): signs in. */
  protected void enterCredentials(String username) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    browser.findElement(By.id("username")).sendKeys(username);
    browser.findElement(By.id("password")).sendKeys(TestStack.demoPassword());
    browser.findElement(By.id("kc-login")).click();
  }

  /** Opens a portal page, is sent to Keycloak, signs in, and waits to be back on the portal. */
  protected void signIn(String portalUrl, String username) {
    browser.get(portalUrl);
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    enterCredentials(username);
    waitForPortal();
  }

  /**
   * Opens the portal and signs in through the brokered partner realm (its button, "Nordlicht
   * Research", on the login page).
   */
  protected void signInThroughPartner(String portalUrl, String username) {
    browser.get(portalUrl);
    wait.until(ExpectedConditions.urlContains("/realms/federa/"));
    byId("social-partner").click();
    wait.until(ExpectedConditions.urlContains("/realms/partner/"));
    enterCredentials(username);
    waitForPortal();
  }

  protected void waitForPortal() {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.fd-header")));
  }

  /** Answers "Yes" in the portal's confirmation dialog and checks that the dialog closes. */
  protected void confirmYes() {
    answerConfirmation("confirm-form:confirm-yes");
  }

  /** Answers the confirmation dialog shown with No, and waits until it is gone. */
  protected void confirmNo() {
    answerConfirmation("confirm-form:confirm-no");
  }

  private void answerConfirmation(String button) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(button))).click();
    // One script reads the whole document at once: a poll that re-renders the page between
    // finding the dialog and asking whether it is shown cannot make the check itself fail.
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return Array.from(document.querySelectorAll('.ui-confirm-dialog'))"
                            + ".every(function (e) { return !(e.offsetWidth || e.offsetHeight"
                            + " || e.getClientRects().length); });")));
  }

  /** The newest invitation link in the "Sent messages" table of the page shown (team page). */
  protected String invitationLinkInOutbox() {
    String outbox =
        (String)
            ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('outbox').textContent;");
    Matcher link = Pattern.compile("https?://\\S+/join/[A-Za-z0-9_-]+").matcher(outbox);
    if (!link.find()) {
      throw new AssertionError("No invitation link among the sent messages: " + outbox);
    }
    return link.group();
  }

  /** Clicks a button that an AJAX update or poll may be replacing at that moment. */
  protected void clickSettled(String id) {
    clickSettled(By.id(id));
  }

  /** Clicks the first button found that an AJAX update or poll may be replacing at that moment. */
  protected void clickSettled(By button) {
    for (int attempt = 1; ; attempt++) {
      try {
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
        return;
      } catch (WebDriverException replaced) {
        if (attempt == 5) {
          throw replaced;
        }
      }
    }
  }

  /**
   * Waits until the first element matching {@code css} shows {@code text}, reading it in one
   * script: a page replaced between finding the element and reading it cannot fail the wait itself.
   */
  protected void waitForText(String css, String text) {
    wait.until(
        d ->
            String.valueOf(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var e = document.querySelector(arguments[0]);"
                                + " return e ? e.innerText : '';",
                            css))
                .contains(text));
  }

  /**
   * Switches the portal's language with the header's button and waits for the page in it: the click
   * answers before the new page has replaced the old one.
   */
  protected void switchLanguage(String language) {
    languageButton(language).click();
    wait.until(
        d ->
            language.equals(
                ((JavascriptExecutor) d).executeScript("return document.documentElement.lang;")));
    waitForPortal();
  }

  /** The header's button for {@code language}, its menu opened first. */
  protected WebElement languageButton(String language) {
    WebElement menu = byId("language-menu");
    if (menu.getAttribute("open") == null) {
      byId("language-current").click();
    }
    return wait.until(ExpectedConditions.elementToBeClickable(By.id("lang-" + language)));
  }

  /**
   * Sets the field {@code id}'s value as a script would, as an attacker or a careless page could:
   * no maxlength, any character.
   */
  protected void setValue(String id, String value) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "var e = document.getElementById(arguments[0]);"
                + " e.removeAttribute('maxlength'); e.value = arguments[1];",
            id,
            value);
  }

  protected WebElement byId(String id) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  /**
   * The visible text of the element {@code id}, found again when a poll or an AJAX update replaced
   * it between finding and reading (the wait ignores a stale element and tries once more).
   */
  protected String text(String id) {
    return wait.until(d -> d.findElement(By.id(id)).getText());
  }

  /**
   * The visible texts of the elements {@code by} finds, all read again when a poll or an AJAX
   * update replaced one of them while they were read.
   */
  protected List<String> texts(By by) {
    return wait.until(d -> d.findElements(by).stream().map(WebElement::getText).toList());
  }
}
