package eu.federa.tenancy;

import static eu.federa.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.BearerSecret;
import eu.federa.platform.security.NotFoundException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #18: scripts call the REST API with a service account's token, over HTTP, at {@code
 * /script-api/v1/...}; the account acts with its role and projects, in its tenant only, and is
 * refused from the call after its revocation or expiry.
 */
class ServiceAccountIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ServiceAccounts accounts;
  @Inject TeamProjects teamProjects;
  @Inject TeamMembers teamMembers;
  @Inject TeamFixture fixture;

  private final HttpClient http = HttpClient.newHttpClient();
  private AuthenticatedUser admin;
  private long tenantId;
  private long projectId;

  @BeforeEach
  void tenantWithAProject() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    admin = fixture.person("Sally", "sa-" + tag + ".example");
    tenantId = fixture.tenantOf(admin, "Scripts Test " + tag);
    fixture.as(admin);
    projectId = teamProjects.createProject(tenantId, "Deploys", "");
  }

  private static String api() {
    return "http://127.0.0.1:"
        + System.getProperty("jboss.http.port", "8080")
        + "/federa-it/script-api";
  }

  private HttpResponse<String> call(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject object(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static JsonArray array(String body) {
    return Json.createReader(new StringReader(body)).readArray();
  }

  private ServiceAccounts.Created account(String name, String role) {
    fixture.as(admin);
    return accounts.create(
        tenantId,
        new ServiceAccountForm(
            name, role, Set.of(projectId), Instant.now().plus(Duration.ofDays(30))));
  }

  @Test
  void aMemberAccountReadsAndOrdersInItsTenantAndNothingMore() throws Exception {
    ServiceAccounts.Created created = account("nightly-deploy", "MEMBER");
    assertThat(created.token()).startsWith("fsa-").hasSize(47);

    HttpResponse<String> tenants = call("GET", "/v1/tenants", created.token(), null);
    assertThat(tenants.statusCode()).isEqualTo(200);
    assertThat(array(tenants.body()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.asJsonObject().getJsonNumber("id").longValue()).isEqualTo(tenantId);
              assertThat(t.asJsonObject().getString("role")).isEqualTo("MEMBER");
            });
    HttpResponse<String> orders =
        call("GET", "/v1/tenants/" + tenantId + "/orders", created.token(), null);
    assertThat(orders.statusCode()).isEqualTo(200);
    assertThat(orders.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    // A member may order: an incomplete order is refused for its fields, not for the caller.
    HttpResponse<String> order =
        call("POST", "/v1/tenants/" + tenantId + "/orders", created.token(), "{}");
    assertThat(order.statusCode()).isEqualTo(400);
    assertThat(object(order.body()).getJsonArray("fields")).isNotEmpty();
    // Administration stays with people.
    assertThat(
            call("GET", "/v1/tenants/" + tenantId + "/service-accounts", created.token(), null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call(
                    "POST",
                    "/v1/tenants/" + tenantId + "/invitations",
                    created.token(),
                    "{\"email\":\"x@example.org\",\"role\":\"TENANT_ADMIN\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call("POST", "/v1/billing/runs", created.token(), "{\"month\":\"2026-10\"}")
                .statusCode())
        .isEqualTo(403);

    // Another organisation does not exist for it.
    AuthenticatedUser stranger = fixture.person("Stan", "elsewhere-sa.example");
    long otherTenant = fixture.tenantOf(stranger, "Elsewhere " + UUID.randomUUID());
    assertThat(
            call("GET", "/v1/tenants/" + otherTenant + "/orders", created.token(), null)
                .statusCode())
        .isEqualTo(404);

    // It is in the team, named, and its use is noted.
    fixture.as(admin);
    assertThat(teamMembers.members(tenantId))
        .filteredOn(TeamViews.Member::serviceAccount)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.displayName()).isEqualTo("nightly-deploy");
              assertThat(m.projects()).containsExactly("Deploys");
            });
    assertThat(accounts.page(tenantId, 0, 500).rows())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.status()).isEqualTo("ACTIVE");
              assertThat(v.lastUsedAt()).isNotNull();
              assertThat(v.role()).isEqualTo(TenantRole.MEMBER);
            });
  }

  @Test
  void aViewerAccountReadsButCannotOrder() throws Exception {
    ServiceAccounts.Created viewer = account("dashboard-export", "VIEWER");
    assertThat(call("GET", "/v1/tenants/" + tenantId + "/usage", viewer.token(), null).statusCode())
        .isEqualTo(200);
    assertThat(
            call("POST", "/v1/tenants/" + tenantId + "/orders", viewer.token(), "{}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void revokingRefusesTheVeryNextCallAndTheAccountLeavesTheTeam() throws Exception {
    ServiceAccounts.Created created = account("ci", "MEMBER");
    String path = "/v1/tenants/" + tenantId + "/orders";
    assertThat(call("GET", path, created.token(), null).statusCode()).isEqualTo(200);

    fixture.as(admin);
    accounts.revoke(tenantId, created.id());
    HttpResponse<String> refused = call("GET", path, created.token(), null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(object(refused.body()).getString("message")).contains("revoked");
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    assertThat(teamMembers.members(tenantId)).noneMatch(TeamViews.Member::serviceAccount);
    assertThat(accounts.page(tenantId, 0, 500).rows())
        .singleElement()
        .extracting(v -> v.status())
        .isEqualTo("REVOKED");
    assertThat(fixture.countAudit(tenantId, "SERVICE_ACCOUNT_REVOKED", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.countAudit(tenantId, "SERVICE_ACCOUNT_REFUSED", "DENIED")).isEqualTo(1);

    // Removing one from the team is revoking it too.
    ServiceAccounts.Created second = account("ci-2", "VIEWER");
    fixture.as(admin);
    long membership =
        teamMembers.members(tenantId).stream()
            .filter(TeamViews.Member::serviceAccount)
            .findFirst()
            .orElseThrow()
            .id();
    teamMembers.removeMember(tenantId, membership);
    assertThat(call("GET", path, second.token(), null).statusCode()).isEqualTo(401);
    assertThat(fixture.countAudit(tenantId, "SERVICE_ACCOUNT_REVOKED", "SUCCESS")).isEqualTo(2);
    assertThat(accounts.page(tenantId, 0, 500).rows()).allMatch(v -> v.status().equals("REVOKED"));

    // A page at a time, newest first, each with its role while it is in the team.
    account("ci-3", "MEMBER");
    fixture.as(admin);
    var newest = accounts.page(tenantId, 0, 2);
    assertThat(newest.total()).isEqualTo(3);
    assertThat(newest.rows()).extracting(v -> v.name()).containsExactly("ci-3", "ci-2");
    assertThat(newest.rows()).extracting(v -> v.role()).containsExactly(TenantRole.MEMBER, null);
    assertThat(accounts.page(tenantId, 2, 2).rows())
        .extracting(v -> v.name())
        .containsExactly("ci");
  }

  @Test
  void anExpiredAccountIsRefused() throws Exception {
    ServiceAccounts.Created created = account("old-script", "VIEWER");
    fixture.execute(
        "UPDATE service_account SET expires_at = created_at - INTERVAL 1 SECOND WHERE id = ?1",
        created.id());
    HttpResponse<String> refused =
        call("GET", "/v1/tenants/" + tenantId + "/orders", created.token(), null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(object(refused.body()).getString("message")).contains("expired");
    fixture.as(admin);
    assertThat(accounts.page(tenantId, 0, 500).rows())
        .singleElement()
        .extracting(v -> v.status())
        .isEqualTo("EXPIRED");
  }

  @Test
  void callsWithoutAWorkingTokenAreRefusedWithAClearMessage() throws Exception {
    String path = "/v1/tenants/" + tenantId + "/orders";
    HttpResponse<String> none = call("GET", path, null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(object(none.body()).getString("message")).contains("Authorization: Bearer fsa-");
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(call("GET", path, "fsa-nonsense", null).statusCode()).isEqualTo(401);
    assertThat(
            call("GET", path, BearerSecret.generate(BearerSecret.SERVICE_ACCOUNT).value(), null)
                .statusCode())
        .isEqualTo(401);
    // An AI gateway key is no service account's token.
    assertThat(
            call("GET", path, BearerSecret.generate(BearerSecret.API_KEY).value(), null)
                .statusCode())
        .isEqualTo(401);
    ServiceAccounts.Created created = account("paths", "VIEWER");
    assertThat(call("GET", "/v1/../tenants", created.token(), null).statusCode()).isIn(400, 404);
    assertThat(call("GET", "/v2/tenants", created.token(), null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/tenants/%2e%2e/x", created.token(), null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void badFormsAreRefusedAndNothingIsMade() {
    Instant in30Days = Instant.now().plus(Duration.ofDays(30));
    refused(
        () -> accounts.create(tenantId, new ServiceAccountForm(" ", "MEMBER", Set.of(), in30Days)),
        "name",
        "{federa.text.required}");
    refused(
        () ->
            accounts.create(
                tenantId, new ServiceAccountForm("boss", "TENANT_ADMIN", Set.of(), in30Days)),
        "role",
        "serviceAccount.error.role");
    refused(
        () ->
            accounts.create(
                tenantId,
                new ServiceAccountForm(
                    "forever", "VIEWER", Set.of(), Instant.now().plus(Duration.ofDays(400)))),
        "expires",
        "serviceAccount.error.expiry");
    refused(
        () -> accounts.create(tenantId, new ServiceAccountForm("nodate", "VIEWER", Set.of(), null)),
        "expires",
        "serviceAccount.error.expiryMissing");
    AuthenticatedUser stranger = fixture.person("Olga", "other-sa.example");
    long otherTenant = fixture.tenantOf(stranger, "Other " + UUID.randomUUID());
    fixture.as(stranger);
    long foreignProject = teamProjects.createProject(otherTenant, "Theirs", "");
    fixture.as(admin);
    assertThatThrownBy(
            () ->
                accounts.create(
                    tenantId,
                    new ServiceAccountForm("x", "MEMBER", Set.of(foreignProject), in30Days)))
        .isInstanceOf(NotFoundException.class);
    account("twin", "VIEWER");
    refused(() -> account("TWIN", "MEMBER"), "name", "serviceAccount.error.nameTaken");
    assertThat(accounts.page(tenantId, 0, 500).rows()).hasSize(1);
    // The role of an account cannot become an admin's through the team either.
    long membership =
        teamMembers.members(tenantId).stream()
            .filter(TeamViews.Member::serviceAccount)
            .findFirst()
            .orElseThrow()
            .id();
    refused(
        () -> teamMembers.changeRole(tenantId, membership, "TENANT_ADMIN"),
        "role",
        "serviceAccount.error.role");
    // Only tenant admins make them, and nobody of another organisation.
    fixture.as(fixture.memberOf(tenantId, "Mo", "sa-members.example"));
    assertThatThrownBy(
            () ->
                accounts.create(
                    tenantId, new ServiceAccountForm("mine", "VIEWER", Set.of(), in30Days)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> accounts.page(tenantId, 0, 500).rows())
        .isInstanceOf(AccessDeniedException.class);
    fixture.as(stranger);
    assertThatThrownBy(() -> accounts.page(tenantId, 0, 500).rows())
        .isInstanceOf(TenantNotFoundException.class);
  }
}
