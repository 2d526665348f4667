package eu.federa.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.SessionApi;
import eu.federa.testsupport.SessionApi.Answer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The isolation suite: as members of tenant A (Acme: its admin theo, its member mia), every page
 * and API endpoint that takes an id is tried with the ids of tenant B's (Borealis) objects. Nothing
 * of B is returned or changed, and the answer is "not found".
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantIsolationBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  private static JsonArray array(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return Json.createReader(new StringReader(answer.body())).readArray();
  }

  private static JsonObject object(Answer answer) {
    return Json.createReader(new StringReader(answer.body())).readObject();
  }

  private static long tenantNamed(SessionApi api, String name) {
    return array(api.get("api/v1/tenants")).getValuesAs(JsonObject.class).stream()
        .filter(t -> t.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not a member of " + name))
        .getJsonNumber("id")
        .longValue();
  }

  @Test
  void membersOfOneTenantFindNothingOfAnotherThroughPagesOrApi() throws Exception {
    // Tenant B: Lena (Borealis admin by her e-mail domain) and her objects.
    signIn(portal.toString(), "lena");
    SessionApi lena = new SessionApi(portal.toString(), browser);
    long b = tenantNamed(lena, "Borealis Systems Oy");
    long projectB =
        array(lena.get("api/v1/tenants/" + b + "/projects"))
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    Answer invited =
        lena.post(
            "api/v1/tenants/" + b + "/invitations",
            "{\"email\":\"isolation-"
                + System.nanoTime()
                + "@borealis.example\",\"role\":\"MEMBER\",\"projectIds\":[]}");
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    long invitationB = object(invited).getJsonNumber("id").longValue();
    long lenaMembership =
        array(lena.get("api/v1/tenants/" + b + "/members"))
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    String before =
        lena.get("api/v1/tenants/" + b + "/members").body()
            + lena.get("api/v1/tenants/" + b + "/projects").body()
            + lena.get("api/v1/tenants/" + b + "/invitations").body();

    // Tenant A's admin and member.
    newBrowser();
    signIn(portal.toString(), "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    long a = tenantNamed(theo, "Acme Analytics SAS");
    int miasBrowser = newBrowser();
    signIn(portal.toString(), "mia");
    SessionApi mia = new SessionApi(portal.toString(), browser);
    assertThat(tenantNamed(mia, "Acme Analytics SAS")).isEqualTo(a);

    Map<String, Answer> attempts = new LinkedHashMap<>();
    for (SessionApi attacker : new SessionApi[] {theo, mia}) {
      String who = attacker == theo ? "theo " : "mia ";
      // B's tenant id.
      attempts.put(who + "GET members of B", attacker.get("api/v1/tenants/" + b + "/members"));
      attempts.put(who + "GET projects of B", attacker.get("api/v1/tenants/" + b + "/projects"));
      attempts.put(
          who + "GET project of B", attacker.get("api/v1/tenants/" + b + "/projects/" + projectB));
      attempts.put(
          who + "GET invitations of B", attacker.get("api/v1/tenants/" + b + "/invitations"));
      attempts.put(who + "GET audit of B", attacker.get("api/v1/tenants/" + b + "/audit"));
      attempts.put(
          who + "POST project in B",
          attacker.post("api/v1/tenants/" + b + "/projects", "{\"name\":\"Intruder\"}"));
      attempts.put(
          who + "POST invitation in B",
          attacker.post(
              "api/v1/tenants/" + b + "/invitations",
              "{\"email\":\"x@evil.example\",\"role\":\"TENANT_ADMIN\"}"));
      attempts.put(
          who + "PUT role in B",
          attacker.put(
              "api/v1/tenants/" + b + "/members/" + lenaMembership + "/role",
              "{\"role\":\"VIEWER\"}"));
      attempts.put(
          who + "DELETE member of B",
          attacker.delete("api/v1/tenants/" + b + "/members/" + lenaMembership));
      attempts.put(
          who + "DELETE invitation of B",
          attacker.delete("api/v1/tenants/" + b + "/invitations/" + invitationB));
      attempts.put(
          who + "PUT project members in B",
          attacker.put(
              "api/v1/tenants/" + b + "/projects/" + projectB + "/members", "{\"memberIds\":[]}"));
      attempts.put(who + "leave B", attacker.delete("api/v1/tenants/" + b + "/membership"));
      // B's object ids through A's tenant id.
      attempts.put(
          who + "GET B's project via A",
          attacker.get("api/v1/tenants/" + a + "/projects/" + projectB));
    }
    // Through A's tenant id, the admin passes the role check and meets B's ids.
    attempts.put(
        "theo PUT role of B's member via A",
        theo.put(
            "api/v1/tenants/" + a + "/members/" + lenaMembership + "/role",
            "{\"role\":\"VIEWER\"}"));
    attempts.put(
        "theo DELETE B's member via A",
        theo.delete("api/v1/tenants/" + a + "/members/" + lenaMembership));
    attempts.put(
        "theo DELETE B's invitation via A",
        theo.delete("api/v1/tenants/" + a + "/invitations/" + invitationB));
    attempts.put(
        "theo PUT B's project members via A",
        theo.put(
            "api/v1/tenants/" + a + "/projects/" + projectB + "/members", "{\"memberIds\":[]}"));
    attempts.put(
        "theo PUT B's member into A's project",
        theo.put(
            "api/v1/tenants/" + a + "/projects/" + projectIdOf(theo, a) + "/members",
            "{\"memberIds\":[" + lenaMembership + "]}"));

    assertThat(attempts)
        .allSatisfy(
            (what, answer) -> {
              assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(404);
              assertThat(answer.body())
                  .as(what)
                  .doesNotContain("Borealis")
                  .doesNotContain("Edge inference")
                  .doesNotContain("Lena");
            });

    // An invitation into A's project list with B's project is bad input, and sends nothing.
    Answer crossProject =
        theo.post(
            "api/v1/tenants/" + a + "/invitations",
            "{\"email\":\"cross@acme-analytics.example\",\"role\":\"MEMBER\",\"projectIds\":["
                + projectB
                + "]}");
    assertThat(crossProject.status()).isEqualTo(400);
    assertThat(crossProject.body()).contains("One of the chosen projects does not exist");

    // Pages: B's project by id, as A's admin and member.
    for (int index : new int[] {1, miasBrowser}) {
      useBrowser(index);
      browser.get(portal + "project.xhtml?id=" + projectB);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
      assertThat(browser.getPageSource()).doesNotContain("Edge inference");
      browser.get(portal + "team.xhtml");
      assertThat(browser.findElement(By.tagName("main")).getText())
          .doesNotContain("Borealis")
          .doesNotContain("Lena");
    }

    // B is unchanged.
    String after =
        lena.get("api/v1/tenants/" + b + "/members").body()
            + lena.get("api/v1/tenants/" + b + "/projects").body()
            + lena.get("api/v1/tenants/" + b + "/invitations").body();
    assertThat(after).isEqualTo(before);
  }

  private static long projectIdOf(SessionApi api, long tenant) {
    return array(api.get("api/v1/tenants/" + tenant + "/projects"))
        .getJsonObject(0)
        .getJsonNumber("id")
        .longValue();
  }

  @Test
  void badApiInputIsAClearClientErrorAndWritesNothing() {
    signIn(portal.toString(), "theo");
    SessionApi theo = new SessionApi(portal.toString(), browser);
    long a = tenantNamed(theo, "Acme Analytics SAS");
    int projectsBefore = array(theo.get("api/v1/tenants/" + a + "/projects")).size();

    Answer empty = theo.post("api/v1/tenants/" + a + "/projects", "{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(object(empty).getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("name");
    assertThat(object(empty).getJsonArray("fields").getJsonObject(0).getString("message"))
        .isEqualTo("This field is required.");

    Answer overlong =
        theo.post("api/v1/tenants/" + a + "/projects", "{\"name\":\"" + "x".repeat(101) + "\"}");
    assertThat(overlong.status()).isEqualTo(400);

    Answer malformed = theo.post("api/v1/tenants/" + a + "/projects", "{\"name\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at org.");

    Answer badRole = theo.put("api/v1/tenants/" + a + "/members/1/role", "{\"role\":\"OWNER\"}");
    assertThat(badRole.status()).isIn(400, 404);

    Answer notANumber = theo.get("api/v1/tenants/abc/members");
    assertThat(notANumber.status()).isEqualTo(404);

    Answer forged = theo.post("api/v1/invitations/accept", "{\"token\":\"forged\"}");
    assertThat(forged.status()).isEqualTo(404);

    assertThat(array(theo.get("api/v1/tenants/" + a + "/projects"))).hasSize(projectsBefore);
  }
}
