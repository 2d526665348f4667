package eu.federa.portability.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue #15: a platform admin loads an organisation's bundle from the imports page: a file that is
 * not a bundle is refused with the reason, a bundle is checked, started, and followed until done.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** The smallest bundle: an organisation without people or VMs, with its manifest. */
  private static Path bundle(String name, String vat) throws Exception {
    String organisation =
        "{\"tenantId\":1,\"items\":[{\"name\":\""
            + name
            + "\",\"countryCode\":\"FR\",\"vatId\":\""
            + vat
            + "\",\"billingEmail\":\"billing@moved.example\",\"residencyCountries\":[\"FR\"]}]}";
    byte[] org = organisation.getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(org));
    String manifest =
        "{\"format\":\"federa-export\",\"formatVersion\":1,\"tenantId\":1,\"tenantName\":\""
            + name
            + "\",\"issuer\":\"https://sso.elsewhere.example/realms/federa\",\"createdAt\":\""
            + Instant.now()
            + "\",\"files\":[{\"path\":\"organisation.json\",\"bytes\":"
            + org.length
            + ",\"sha256\":\""
            + sha
            + "\"}]}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("organisation.json"));
      zip.write(org);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Path file = Files.createTempFile("federa-bundle-", ".zip");
    Files.write(file, out.toByteArray());
    file.toFile().deleteOnExit();
    return file;
  }

  @Test
  void aPlatformAdminUploadsABundleAndFollowsItsImport() throws Exception {
    signIn(portal.toString(), "olivia");
    browser.get(portal + "admin/index.xhtml");
    byId("admin-imports").click();
    wait.until(ExpectedConditions.urlContains("admin/imports.xhtml"));

    // Not a bundle: refused with the reason, nothing started.
    Path text = Files.createTempFile("not-a-bundle-", ".zip");
    Files.writeString(text, "hello");
    text.toFile().deleteOnExit();
    byId("upload:file").sendKeys(text.toAbsolutePath().toString());
    byId("upload:start").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("upload"), "This file is not a ZIP archive"));

    // A bundle: checked, started, and followed on the page until it is done.
    String name = "Moved In " + UUID.randomUUID().toString().substring(0, 6);
    String vat =
        String.format(
            "FR%02d%09d",
            ThreadLocalRandom.current().nextInt(100),
            ThreadLocalRandom.current().nextInt(1_000_000_000));
    byId("upload:file").sendKeys(bundle(name, vat).toAbsolutePath().toString());
    byId("upload:start").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("upload"), "complete and unaltered"));
    // The page looks again every few seconds while an import is on its way.
    String row =
        waitUpTo(Duration.ofSeconds(90))
            .until(
                d ->
                    d.findElements(By.cssSelector(".import-row")).stream()
                        .map(r -> r.getText())
                        .filter(t -> t.contains(vat) && t.contains("Done"))
                        .findFirst()
                        .orElse(null));
    assertThat(row).contains(name).contains("0 joined, 0 invited");
    assertThat(cspViolations()).isEmpty();
  }
}
