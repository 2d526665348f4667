package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.audit.ChainVerification.Kind;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Size;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.quota.QuotaLimits;
import eu.federa.quota.QuotaLimitsAdmin;
import eu.federa.tenancy.TenantActivity;
import eu.federa.tenancy.TenantNotFoundException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #24: the audit trail is append-only in the database, sealed into a hash chain whose check
 * finds an entry removed or altered behind the database's back, and exported as CSV or JSON with
 * filters, the export itself audited.
 */
class AuditTrailIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject AuditChain chain;
  @Inject AuditTrailExport export;
  @Inject AuditErasure erasure;
  @Inject TenantActivity activity;
  @Inject Catalog catalog;
  @Inject QuotaLimitsAdmin quotas;

  private record Tenant(long id, AuthenticatedUser admin) {}

  private Tenant tenant() {
    AuthenticatedUser admin =
        fixture.person("Ann", "audit-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    long id = fixture.tenantOf(admin, "Audit, \"Quoted\" " + UUID.randomUUID());
    return new Tenant(id, admin);
  }

  private long lastEventOf(long tenantId) {
    return (Long) fixture.single("SELECT MAX(id) FROM audit_event WHERE tenant_id = ?1", tenantId);
  }

  private void awaitSealed(long eventId) {
    eventually(Duration.ofSeconds(30))
        .until(
            () ->
                (Long)
                        fixture.single(
                            "SELECT COUNT(*) FROM audit_seal WHERE event_id = ?1", eventId)
                    == 1L);
  }

  private ChainVerification verify() {
    PlatformAdminCaller.reset();
    return chain.verify();
  }

  @Test
  void everyEntryIsSealedAndTheCheckFindsTheChainIntact() {
    Tenant acme = tenant();
    long last = lastEventOf(acme.id());
    awaitSealed(last);

    ChainVerification result = verify();

    assertThat(result.intact()).as("problems: %s", result.problems()).isTrue();
    assertThat(result.sealed()).isGreaterThanOrEqualTo(last > 0 ? 1 : 0);
    assertThat(result.headSeq()).isEqualTo(result.sealed());
    assertThat(result.headHash()).hasSize(64);
    assertThat(
            (Long)
                fixture.single(
                    "SELECT COUNT(*) FROM audit_event WHERE action = 'AUDIT_CHAIN_CHECKED'"))
        .isPositive();
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAnEntryOrItsSeal() {
    Tenant acme = tenant();
    long last = lastEventOf(acme.id());
    awaitSealed(last);

    for (String sql :
        List.of(
            "UPDATE audit_event SET action = 'SIGN_IN' WHERE id = ?1",
            "DELETE FROM audit_event WHERE id = ?1",
            "UPDATE audit_event_personal SET actor_name = 'Mallory' WHERE event_id = ?1",
            "DELETE FROM audit_event_personal WHERE event_id = ?1",
            "UPDATE audit_seal SET hash = REPEAT('1', 64) WHERE event_id = ?1",
            "DELETE FROM audit_seal WHERE event_id = ?1")) {
      assertThatThrownBy(() -> fixture.execute(sql, last)).as(sql).hasStackTraceContaining("audit");
    }
    assertThat(fixture.single("SELECT action FROM audit_event WHERE id = ?1", last))
        .isNotEqualTo("SIGN_IN");
    assertThat(verify().intact()).isTrue();
  }

  /** What someone who can drop the triggers (the database's owner) could do: the check finds it. */
  @Test
  void anEntryAlteredOrRemovedBehindTheDatabasesBackIsFound() {
    Tenant acme = tenant();
    long event = lastEventOf(acme.id());
    awaitSealed(event);
    fixture.execute("DROP TABLE IF EXISTS audit_it_event, audit_it_personal");
    fixture.execute("CREATE TABLE audit_it_event AS SELECT * FROM audit_event WHERE id = " + event);
    fixture.execute(
        "CREATE TABLE audit_it_personal AS SELECT * FROM audit_event_personal WHERE event_id = "
            + event);
    try {
      withoutTriggers(
          () -> {
            fixture.execute("UPDATE audit_event SET outcome = 'DENIED' WHERE id = ?1", event);
            fixture.execute(
                "UPDATE audit_event_personal SET actor_name = 'Someone else' WHERE event_id = ?1",
                event);
          });
      ChainVerification altered = verify();
      assertThat(altered.intact()).isFalse();
      assertThat(altered.problems())
          .extracting(ChainVerification.Problem::kind, ChainVerification.Problem::eventId)
          .contains(
              org.assertj.core.groups.Tuple.tuple(Kind.EVENT_ALTERED, event),
              org.assertj.core.groups.Tuple.tuple(Kind.PERSONAL_ALTERED, event));

      withoutTriggers(() -> fixture.execute("DELETE FROM audit_event WHERE id = ?1", event));
      ChainVerification removed = verify();
      assertThat(removed.problems())
          .extracting(ChainVerification.Problem::kind, ChainVerification.Problem::eventId)
          .contains(org.assertj.core.groups.Tuple.tuple(Kind.EVENT_MISSING, event));
    } finally {
      withoutTriggers(
          () -> {
            fixture.execute("DELETE FROM audit_event WHERE id = ?1", event);
            fixture.execute("INSERT INTO audit_event SELECT * FROM audit_it_event");
            fixture.execute("DELETE FROM audit_event_personal WHERE event_id = ?1", event);
            fixture.execute("INSERT INTO audit_event_personal SELECT * FROM audit_it_personal");
          });
      fixture.execute("DROP TABLE audit_it_event, audit_it_personal");
    }
    assertThat(verify().intact()).as("restored as sealed").isTrue();
  }

  private static final List<String> TRIGGERS =
      List.of(
          "audit_event_no_update",
          "audit_event_no_delete",
          "audit_personal_erase_only",
          "audit_personal_no_delete");

  /** Runs {@code tampering} with the audit tables' triggers dropped, then puts them back. */
  private void withoutTriggers(Runnable tampering) {
    List<String> definitions =
        TRIGGERS.stream()
            .map(t -> (String) fixture.rows("SHOW CREATE TRIGGER " + t).get(0)[2])
            .toList();
    TRIGGERS.forEach(t -> fixture.execute("DROP TRIGGER " + t));
    try {
      tampering.run();
    } finally {
      definitions.forEach(fixture::execute);
    }
  }

  @Test
  void anErasedTenantsEntriesStillCheckAndAreErasedOnce() {
    Tenant leaving = tenant();
    long last = lastEventOf(leaving.id());
    awaitSealed(last);

    erasure.erase(new ErasureContext(leaving.id(), Instant.now(), Set.of()));

    assertThat(
            (Long)
                fixture.single(
                    "SELECT COUNT(*) FROM audit_event_personal p JOIN audit_event e"
                        + " ON e.id = p.event_id WHERE e.tenant_id = ?1"
                        + " AND p.actor_subject = ?2",
                    leaving.id(),
                    leaving.admin().subject()))
        .isZero();
    ChainVerification result = verify();
    assertThat(result.intact()).as("problems: %s", result.problems()).isTrue();
    assertThat(result.erased()).isPositive();
    // An erased part is not rewritten again: a second erasure changes nothing, and the database
    // refuses a second rewrite.
    erasure.erase(new ErasureContext(leaving.id(), Instant.now(), Set.of()));
    assertThatThrownBy(
            () ->
                fixture.execute(
                    "UPDATE audit_event_personal SET actor_name = 'again', erased_at = UTC_TIMESTAMP(6)"
                        + " WHERE event_id = ?1",
                    last))
        .hasStackTraceContaining("erased");
  }

  private static AuditTrailExport.Request request(
      String format, String from, String to, String actor, String action, Long tenant) {
    return new AuditTrailExport.Request(
        format, from, to, actor, action, tenant == null ? null : tenant.toString());
  }

  private static String text(AuditTrailExport.Download download) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    download.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theExportHoldsWhatTheFilterSelectsAndIsItselfAudited() throws Exception {
    Tenant acme = tenant();
    Tenant other = tenant();
    PlatformAdminCaller.reset();

    String all = text(export.all(request("csv", null, null, null, null, acme.id())));
    List<String> lines = all.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "id,occurred_at,tenant_id,actor_subject,actor_name,action,outcome,target,detail,client_address");
    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(l -> assertThat(l).contains("," + acme.id() + ","));

    String approved =
        text(export.all(request(null, null, null, null, "onboarding_approved", acme.id())));
    assertThat(approved.lines().count()).isEqualTo(2);
    assertThat(approved).contains("ONBOARDING_APPROVED");

    JsonObject byActor =
        Json.createReader(
                new StringReader(
                    text(export.all(request("json", null, null, "olivia", null, acme.id())))))
            .readObject();
    assertThat(byActor.getJsonArray("entries")).isNotEmpty();
    assertThat(byActor.getJsonNumber("count").longValue())
        .isEqualTo(byActor.getJsonArray("entries").size());
    byActor
        .getJsonArray("entries")
        .forEach(
            e ->
                assertThat(e.asJsonObject().getString("actorName")).containsIgnoringCase("olivia"));

    String nothing =
        text(export.all(request("CSV", "2001-01-01", "2001-01-02", null, null, acme.id())));
    assertThat(nothing.lines().count()).isEqualTo(1);

    assertThat(
            (Long)
                fixture.single(
                    "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p"
                        + " ON p.event_id = e.id WHERE e.action = 'AUDIT_EXPORTED'"
                        + " AND e.tenant_id = ?1 AND p.detail LIKE 'CSV: action ONBOARDING_APPROVED%'",
                    acme.id()))
        .isEqualTo(1L);

    // A tenant admin exports their own tenant's trail; a member may not, nor may the admin
    // reach another tenant's.
    fixture.as(acme.admin());
    String own =
        text(activity.exportAudit(acme.id(), request("json", null, null, null, null, other.id())));
    assertThat(own)
        .contains("\"tenantId\":" + acme.id())
        .doesNotContain("\"tenantId\":" + other.id());
    assertThatThrownBy(
            () -> activity.exportAudit(other.id(), request(null, null, null, null, null, null)))
        .isInstanceOf(TenantNotFoundException.class);
    AuthenticatedUser member = fixture.memberOf(acme.id(), "Max", "audit-member.example");
    fixture.as(member);
    assertThatThrownBy(
            () -> activity.exportAudit(acme.id(), request(null, null, null, null, null, null)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> export.all(request(null, null, null, null, null, null)))
        .isInstanceOf(AccessDeniedException.class);
  }

  private String lastDetail(String action, String target) {
    return (String)
        fixture.single(
            "SELECT p.detail FROM audit_event e JOIN audit_event_personal p ON p.event_id = e.id"
                + " WHERE e.action = ?1 AND p.target = ?2 ORDER BY e.id DESC LIMIT 1",
            action,
            target);
  }

  @Test
  void aPlatformAdminsChangesAreAuditedWithTheirValuesBeforeAndAfter() {
    Tenant acme = tenant();
    PlatformAdminCaller.reset();
    String code = "audit-" + UUID.randomUUID().toString().substring(0, 6);
    catalog.addSize(new Size(code, "Audited size", 2, 4096, 20, 0, null, null, 0));
    assertThat(lastDetail("CATALOG_SIZE_ADDED", "size " + code))
        .contains("code: " + code)
        .contains("vcpu: 2")
        .contains("memoryMib: 4096");
    assertThat(
            Changes.read(
                AuditAction.CATALOG_SIZE_ADDED, lastDetail("CATALOG_SIZE_ADDED", "size " + code)))
        .as("read in each reader's words")
        .isPresent();

    quotas.setTenantLimits(acme.id(), new QuotaLimits(8, 16384L, 0, 4, 200, 1, null));
    quotas.setTenantLimits(acme.id(), new QuotaLimits(16, 16384L, 0, 4, 200, 1, null));
    assertThat(fixture.lastAuditDetail(acme.id(), "TENANT_QUOTA_CHANGED"))
        .isEqualTo("vcpu: 8 \u2192 16")
        .satisfies(
            kept -> assertThat(Changes.read(AuditAction.TENANT_QUOTA_CHANGED, kept)).isPresent());
  }
}
