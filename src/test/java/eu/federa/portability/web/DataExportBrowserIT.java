package eu.federa.portability.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Bytes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
 * Issue #15: a tenant admin exports everything the organisation holds, from the exports page; the
 * bundle is checked as a user (or the next provider) would: its manifest's sizes and checksums,
 * every JSON file against the schema it names (fetched without signing in), no secret in it, and a
 * download that resumes with a range.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataExportBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        files.put(e.getName(), out.toByteArray());
      }
    }
    return files;
  }

  /** A schema as anyone reads it: without signing in. */
  private String anonymously(String path) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(portal.toString() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/schema+json");
    return answer.body();
  }

  @Test
  void aTenantAdminExportsEverythingAndTheBundleFollowsItsPublishedSchemas() throws Exception {
    signIn(portal.toString(), "theo");
    byId("nav-exports").click();
    wait.until(ExpectedConditions.urlContains("exports.xhtml"));
    byId("exports:request-export").click();
    confirmYes();
    waitUpTo(Duration.ofSeconds(90))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("exports:list"), "Ready"));
    assertThat(text("exports:list")).contains("SHA-256");
    String link = browser.findElement(By.cssSelector("a.export-download")).getAttribute("href");
    assertThat(link).contains("/api/v1/tenants/").endsWith("/bundle");

    SessionApi theo = new SessionApi(portal.toString(), browser);
    String path = link.substring(link.indexOf("api/v1/"));
    String exportPath = path.substring(0, path.length() - "/bundle".length());
    JsonObject view = json(theo.get(exportPath).body());
    assertThat(view.getString("state")).isEqualTo("READY");

    Bytes whole = theo.download(path, null);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.header("Content-Disposition")).contains("federa-export-");
    assertThat(whole.body().length).isEqualTo(view.getJsonNumber("sizeBytes").longValue());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.body())))
        .isEqualTo(view.getString("sha256"));

    // An interrupted download resumes: the rest from where it stopped, byte for byte.
    Bytes rest = theo.download(path, "bytes=100-");
    assertThat(rest.status()).isEqualTo(206);
    assertThat(rest.header("Content-Range"))
        .isEqualTo("bytes 100-" + (whole.body().length - 1) + "/" + whole.body().length);
    assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, whole.body().length));
    assertThat(theo.download(path, "bytes=" + whole.body().length + "-").status()).isEqualTo(416);

    Map<String, byte[]> files = unzip(whole.body());
    JsonObject manifest = json(new String(files.get("manifest.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getString("tenantName")).isEqualTo("Acme Analytics SAS");
    List<JsonObject> listed = manifest.getJsonArray("files").getValuesAs(JsonObject.class);
    assertThat(listed)
        .extracting(f -> f.getString("path"))
        .contains(
            "organisation.json",
            "projects.json",
            "members.json",
            "invitations.json",
            "vms.json",
            "volumes.json",
            "firewall-rules.json",
            "quota-limits.json",
            "invoices.json",
            "usage-intervals.csv",
            "price-lists.json",
            "audit-log.json");
    assertThat(files).hasSize(listed.size() + 1);

    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema manifestSchema =
        registry.getSchema(anonymously("schemas/export/v1/manifest.schema.json"));
    assertThat(
            manifestSchema.validate(
                new String(files.get("manifest.json"), StandardCharsets.UTF_8), InputFormat.JSON))
        .isEmpty();
    for (JsonObject f : listed) {
      byte[] content = files.get(f.getString("path"));
      assertThat(content).as(f.getString("path")).isNotNull();
      assertThat(f.getJsonNumber("bytes").longValue()).isEqualTo(content.length);
      assertThat(f.getString("sha256"))
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
      if (f.containsKey("schema")) {
        String text = new String(content, StandardCharsets.UTF_8);
        String schemaPath = f.getString("schema");
        assertThat(json(text).getString("$schema")).isEqualTo(schemaPath);
        Schema schema = registry.getSchema(anonymously(schemaPath));
        List<Error> errors = schema.validate(text, InputFormat.JSON);
        assertThat(errors).as(f.getString("path")).isEmpty();
      }
    }
    String organisation = new String(files.get("organisation.json"), StandardCharsets.UTF_8);
    assertThat(json(organisation).getJsonArray("items").getJsonObject(0).getString("name"))
        .isEqualTo("Acme Analytics SAS");
    // Its settings for the platform's moves of its VMs go with it (schema-checked above).
    assertThat(json(organisation).getJsonArray("items").getJsonObject(0))
        .containsKeys("platformMovesAcross", "blackoutWindows");
    assertThat(new String(files.get("members.json"), StandardCharsets.UTF_8)).contains("theo");
    assertThat(new String(files.get("usage-intervals.csv"), StandardCharsets.UTF_8))
        .startsWith("id,resource,kind,state,");
    // The public switching page lists every file a bundle holds, and each provider's register.
    HttpResponse<String> switching =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(portal + "switching.xhtml"))
                    .header("Accept-Language", "en")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(switching.statusCode()).isEqualTo(200);
    for (JsonObject f : listed) {
      String p = f.getString("path");
      assertThat(switching.body())
          .as(p)
          .contains(
              p.startsWith("invoices/")
                  ? "invoices/*.csv"
                  : p.startsWith("disks/") ? "disks/*.qcow2" : p);
    }
    assertThat(switching.body())
        .contains("Lutece Cloud")
        .contains("The operator is established, owned and controlled in the EU")
        .contains("schemas/export/v1/vms.schema.json");
    // No secret leaves: invitations carry no token.
    assertThat(new String(files.get("invitations.json"), StandardCharsets.UTF_8))
        .doesNotContainIgnoringCase("token");
  }
}
