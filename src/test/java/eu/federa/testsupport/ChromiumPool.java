package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromiums (Debian's package) for the browser tests, started once and handed out again:
 * starting one costs two seconds, and the suite asks for one about sixty times. A browser comes
 * back as a new person would see it: every cookie of every site deleted (so no portal or Keycloak
 * session survives), the storage of the portal's and Keycloak's origins cleared, one fresh tab on a
 * blank page, the usual window size. A browser that no longer answers is quit, not reused.
 */
final class ChromiumPool {

  private static final Logger LOG = Logger.getLogger(ChromiumPool.class.getName());

  private static final Deque<ChromeDriver> IDLE = new ArrayDeque<>();
  private static final List<Path> PROFILES = new ArrayList<>();
  private static final Dimension WINDOW = new Dimension(1280, 900);
  private static int started;
  private static int reused;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChromiumPool::quitAll, "chromium-pool"));
  }

  private ChromiumPool() {}

  /** A browser with nobody signed in anywhere. */
  static synchronized ChromeDriver take() throws IOException {
    ChromeDriver idle = IDLE.poll();
    if (idle != null) {
      reused++;
      return idle;
    }
    started++;
    return launch();
  }

  /** Gives a browser back: cleared for the next test, or quit when it cannot be cleared. */
  static void release(ChromeDriver driver) {
    try {
      clear(driver);
    } catch (WebDriverException broken) {
      quietlyQuit(driver);
      return;
    }
    synchronized (ChromiumPool.class) {
      IDLE.push(driver);
    }
  }

  private static void clear(ChromeDriver driver) {
    String old = driver.getWindowHandle();
    Set<String> handles = new LinkedHashSet<>(driver.getWindowHandles());
    driver.switchTo().newWindow(WindowType.TAB);
    String fresh = driver.getWindowHandle();
    for (String handle : handles) {
      driver.switchTo().window(handle);
      driver.close();
    }
    driver.switchTo().window(fresh);
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    for (String url : List.of(TestStack.portalUrl(), TestStack.keycloakUrl())) {
      URI uri = URI.create(url);
      String origin =
          uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      driver.executeCdpCommand(
          "Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }
    driver.manage().window().setSize(WINDOW);
    if (handles.contains(fresh) || old.equals(fresh)) {
      throw new WebDriverException("the browser did not open a new tab");
    }
    watchContentSecurityPolicy(driver);
  }

  private static ChromeDriver launch() throws IOException {
    Path profile = Files.createTempDirectory("federa-chromium");
    PROFILES.add(profile);
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
        "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(),
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("federa.chromedriver", "/usr/bin/chromedriver"))
                    .toFile())
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    watchContentSecurityPolicy(driver);
    return driver;
  }

  /**
   * Makes every page of the current tab record the Content-Security-Policy violations it meets (the
   * watcher is the browser's own, not the page's, so the policy does not apply to it): see {@code
   * BrowserSupport.cspViolations()}.
   */
  private static void watchContentSecurityPolicy(ChromeDriver driver) {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.__fdCsp = [];"
                + "document.addEventListener('securitypolicyviolation', function (e) {"
                + " window.__fdCsp.push(e.effectiveDirective + ' blocked ' + e.blockedURI"
                + " + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || ''));"
                + "});"));
  }

  private static synchronized void quitAll() {
    IDLE.forEach(ChromiumPool::quietlyQuit);
    IDLE.clear();
    for (Path profile : PROFILES) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // the system cleans its temporary folder
      }
    }
    LOG.info(() -> "Chromium: " + started + " started, " + reused + " times reused");
  }

  private static void quietlyQuit(ChromeDriver driver) {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
