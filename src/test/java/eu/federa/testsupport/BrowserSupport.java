package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: a fresh headless Chromium (Debian's package) per test, so that no
 * cookie or session leaks from one test into the next, and sign-in helpers for Keycloak's pages. A
 * screenshot of the last page of every test lands in {@code target/screenshots}.
 */
public abstract class BrowserSupport {

  protected WebDriver browser;
  protected WebDriverWait wait;
  private Path profile;
  private String testName;

  @BeforeEach
  void startBrowser(TestInfo info) throws IOException {
    testName = getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName();
    profile = Files.createTempDirectory("federa-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("federa.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-GB",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("federa.chromedriver", "/usr/bin/chromedriver"))
                    .toFile())
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (browser != null) {
      try {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(testName + ".png"), png);
      } finally {
        browser.quit();
      }
    }
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
   * Opens the portal and signs in through the brokered partner realm ("Log in with your
   * organisation").
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

  protected WebElement byId(String id) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  protected String text(String id) {
    return byId(id).getText();
  }
}
