package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The placement preview API for a tenant's members, and the platform admins' what-if page. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlacementApiBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private static JsonObject json(Answer answer) {
    return Json.createReader(new StringReader(answer.body())).readObject();
  }

  private static long tenant(SessionApi api, String name) {
    return Json.createReader(new StringReader(api.get("api/v1/tenants").body()))
        .readArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("name").equals(name))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  @Test
  void membersPreviewWhereTheirWorkloadWouldGoAndWhy() throws Exception {
    signIn(portal.toString(), "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    long acme = tenant(theo, "Acme Analytics SAS");

    Answer placed =
        theo.post(
            "api/placement/preview",
            "{\"tenantId\":"
                + acme
                + ",\"vcpu\":4,\"memoryMib\":8192,\"diskGib\":50,"
                + "\"gpus\":2,\"gpuClass\":\"0302\",\"gpuModel\":\"H100\",\"countries\":[\"FR\",\"DE\"]}");
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    assertThat(json(placed).getBoolean("placed")).isTrue();
    assertThat(json(placed).getJsonArray("choices").getJsonObject(0).getString("providerName"))
        .isEqualTo("Lutece Cloud");
    assertThat(json(placed).getJsonObject("explanation").getJsonArray("steps"))
        .hasSize(Filter.values().length);

    Answer tooMany =
        theo.post(
            "api/placement/preview",
            "{\"tenantId\":"
                + acme
                + ",\"vcpu\":4,\"memoryMib\":8192,\"gpus\":9,\"gpuModel\":\"H100\","
                + "\"countries\":[\"DE\"]}");
    assertThat(tooMany.status()).isEqualTo(200);
    assertThat(json(tooMany).getBoolean("placed")).isFalse();
    assertThat(json(tooMany).getString("message"))
        .startsWith("No host in DE has 9 free GPUs of the requested kind");

    Answer bad =
        theo.post(
            "api/placement/preview",
            "{\"tenantId\":" + acme + ",\"vcpu\":-1,\"countries\":[\"US\"]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("vcpu").contains("countries").contains("memoryMib");

    assertThat(theo.post("api/placement/preview", "{\"vcpu\":2,\"memoryMib\":1024}").status())
        .as("a what-if without tenant is for platform admins")
        .isEqualTo(403);
    long borealis = 987654321L;
    assertThat(
            theo.post(
                    "api/placement/preview",
                    "{\"tenantId\":" + borealis + ",\"vcpu\":2,\"memoryMib\":1024}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void platformAdminsRunAWhatIfAgainstTheLiveInventory() throws Exception {
    signIn(portal + "admin/placement.xhtml", "olivia");
    // A measured table with a bad line is refused as a whole ...
    Path csv = Files.createTempFile("latency", ".csv");
    Files.writeString(csv, "site,provider,ms\nLab,987654,3\n");
    byId("latency:file").sendKeys(csv.toString());
    byId("latency:upload").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("latency"), "Line 2: there is no provider 987654."));
    // Nothing of the bad file was kept (the table may hold other tests' measurements).
    assertThat(browser.findElements(By.id("latency:measurements")))
        .noneMatch(table -> table.getText().contains("Lab"));
    byId("whatif:gpus_input").clear();
    byId("whatif:gpus_input").sendKeys("2");
    byId("whatif:gpuModel").sendKeys("A100");
    byId("whatif:run").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whatif-outcome")));
    assertThat(text("whatif-outcome")).isEqualTo("Every instance has a host.");
    assertThat(text("choices")).contains("Rheinwerk Rechenzentrum");
    assertThat(text("steps")).contains("Free GPUs");
  }
}
