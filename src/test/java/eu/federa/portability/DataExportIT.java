package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: export bundles made in the background, one at a time per organisation, only for its
 * admins; one whose node stopped is made again; one whose retention is over is deleted.
 */
class DataExportIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject Exports exports;

  private record Tenant(AuthenticatedUser admin, long id) {}

  private Tenant tenant(String name) {
    AuthenticatedUser admin =
        fixture.person(name, "exp-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    return new Tenant(admin, fixture.tenantOf(admin, "Export Test " + UUID.randomUUID()));
  }

  private ExportView settled(Tenant t, long exportId) {
    fixture.as(t.admin());
    return eventually(Duration.ofSeconds(60))
        .until(() -> exports.export(t.id(), exportId), e -> !e.state().inProgress());
  }

  @Test
  void anExportIsMadeInTheBackgroundOneAtATimeForItsAdminsOnly() throws Exception {
    Tenant acme = tenant("Ines");
    Tenant globex = tenant("Jules");
    AuthenticatedUser member =
        fixture.memberOf(
            acme.id(), "Karl", "exp-" + UUID.randomUUID().toString().substring(0, 6) + ".example");

    fixture.as(acme.admin());
    ExportView asked = exports.request(acme.id());
    assertThat(asked.state()).isEqualTo(ExportState.QUEUED);
    ExportView ready = settled(acme, asked.id());
    assertThat(ready.state()).as("%s", ready.problem()).isEqualTo(ExportState.READY);
    assertThat(ready.percent()).isEqualTo(100);
    assertThat(ready.fileCount()).isGreaterThan(10);
    assertThat(ready.expiresAt()).isAfter(ready.readyAt().plus(Duration.ofDays(29)));
    assertThat(Files.size(ExportFiles.bundle(asked.id()))).isEqualTo(ready.sizeBytes());
    assertThat(fixture.countAudit(acme.id(), "EXPORT_READY", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.lastMessageTo(acme.admin().email())[0]).contains("export");

    // One at a time: while one is waiting, another is refused with the reason.
    fixture.execute(
        "INSERT INTO data_export (tenant_id, active_tenant_id, requested_by, state,"
            + " next_attempt_at, created_at, updated_at) VALUES (?1, ?1, 'x', 'QUEUED', ?2, ?3, ?3)",
        acme.id(),
        Instant.now().plus(Duration.ofDays(1)),
        Instant.now());
    assertThatThrownBy(() -> exports.request(acme.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("export.error.running");
    fixture.execute("DELETE FROM data_export WHERE tenant_id = ?1 AND state = 'QUEUED'", acme.id());

    // Downloads are the admins', and audited; a member may not, another tenant sees nothing.
    exports.download(acme.id(), asked.id(), "bytes=0-99");
    assertThat(fixture.countAudit(acme.id(), "EXPORT_DOWNLOADED", "SUCCESS")).isEqualTo(1);
    fixture.as(member);
    assertThatThrownBy(() -> exports.request(acme.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> exports.download(acme.id(), asked.id(), null))
        .isInstanceOf(AccessDeniedException.class);
    fixture.as(globex.admin());
    assertThatThrownBy(() -> exports.export(acme.id(), asked.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> exports.export(globex.id(), asked.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(exports.list(globex.id())).isEmpty();
  }

  @Test
  void anExportWhoseNodeStoppedIsMadeAgainAndOneWhoseRetentionIsOverIsDeleted() throws Exception {
    Tenant acme = tenant("Lou");
    // A node claimed it and stopped: its lease ran out, so another node makes it.
    fixture.execute(
        "INSERT INTO data_export (tenant_id, active_tenant_id, requested_by, state, attempts,"
            + " sections_total, sections_done, step_claim, step_lease_until, next_attempt_at,"
            + " created_at, updated_at) VALUES (?1, ?1, 'x', 'RUNNING', 1, 8, 3, 'gone', ?2, ?2,"
            + " ?2, ?2)",
        acme.id(),
        Instant.now().minus(Duration.ofMinutes(20)));
    long id =
        ((Number) fixture.single("SELECT id FROM data_export WHERE tenant_id = ?1", acme.id()))
            .longValue();
    fixture.execute("UPDATE data_export SET next_attempt_at = ?1 WHERE id = ?2", Instant.now(), id);
    ExportView again =
        eventually(Duration.ofSeconds(90))
            .until(
                () -> {
                  fixture.as(acme.admin());
                  return exports.export(acme.id(), id);
                },
                e -> e.state() == ExportState.READY || e.state() == ExportState.FAILED);
    assertThat(again.state()).as("%s", again.problem()).isEqualTo(ExportState.READY);
    assertThat(
            ((Number) fixture.single("SELECT attempts FROM data_export WHERE id = ?1", id))
                .intValue())
        .isEqualTo(2);

    // Its retention is over: the file is deleted, and it is no longer downloadable.
    Path file = ExportFiles.bundle(id);
    assertThat(file).exists();
    fixture.execute(
        "UPDATE data_export SET expires_at = ?1 WHERE id = ?2",
        Instant.now().minus(Duration.ofMinutes(1)),
        id);
    eventually(Duration.ofSeconds(30))
        .until(
            () -> fixture.single("SELECT state FROM data_export WHERE id = ?1", id),
            "EXPIRED"::equals);
    assertThat(file).doesNotExist();
    fixture.as(acme.admin());
    assertThatThrownBy(() -> exports.download(acme.id(), id, null))
        .isInstanceOf(ConflictException.class)
        .hasMessage("export.error.notReady");
  }

  @Test
  void anExportGivenUpSaysWhyInTheReadersLanguageAndItsProgressNamesItsSections() throws Exception {
    Tenant acme = tenant("Maren");
    // Its last attempt's node stopped: the export is given up, and says why.
    fixture.execute(
        "INSERT INTO data_export (tenant_id, active_tenant_id, requested_by, state, attempts,"
            + " sections_total, sections_done, step_claim, step_lease_until, next_attempt_at,"
            + " created_at, updated_at) VALUES (?1, ?1, 'x', 'RUNNING', ?3, 8, 3, 'gone', ?2,"
            + " ?2, ?2, ?2)",
        acme.id(),
        Instant.now().minus(Duration.ofMinutes(20)),
        DataExport.MAX_ATTEMPTS);
    long id =
        ((Number) fixture.single("SELECT id FROM data_export WHERE tenant_id = ?1", acme.id()))
            .longValue();
    ExportView failed =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> {
                  fixture.as(acme.admin());
                  return exports.export(acme.id(), id);
                },
                e -> e.state() == ExportState.FAILED);
    assertThat(failed.problem())
        .as("the API's English")
        .isEqualTo("The node writing it stopped before it was done.");
    assertThat(failed.problemReason().in(ResourceBundle.getBundle(BUNDLE, Locale.GERMAN)))
        .isEqualTo("Der Knoten, der es schrieb, hielt vor dem Ende an.");
    String audited = fixture.lastAuditDetail(acme.id(), "EXPORT_FAILED");
    assertThat(AuditDetail.read(AuditAction.EXPORT_FAILED, audited))
        .as("the trail reads it in each reader's language")
        .isPresent();

    // The texts kept before reasons were keys read as keys once migrated.
    String[][] legacy = {
      {"Waiting for a VM to finish its move to another provider.", "export.reason.waitingForMove"},
      {"The node writing it stopped before it was done.", "export.reason.nodeStopped"},
      {"The bundle could not be written: No space left on device", "export.reason.notWritten"}
    };
    String migration;
    try (var in = getClass().getResourceAsStream("/db/migration/V82__export_reasons_keyed.sql")) {
      migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String[] kept : legacy) {
      fixture.execute("UPDATE data_export SET reason = ?1 WHERE id = ?2", kept[0], id);
      for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          fixture.execute(statement);
        }
      }
      fixture.as(acme.admin());
      ExportView read = exports.export(acme.id(), id);
      assertThat(read.problemReason().key()).as(kept[0]).isEqualTo(kept[1]);
    }
    assertThat(exports.export(acme.id(), id).problem())
        .as("an exception's text stays the value it was")
        .isEqualTo("The bundle could not be written: No space left on device");

    // Every section the progress may name has words in every language.
    for (String section : sectionNames()) {
      for (Locale language : SupportedLanguages.ALL) {
        assertThat(
                ResourceBundle.getBundle(BUNDLE, language).getString("export.section." + section))
            .as("%s in %s", section, language)
            .isNotBlank();
      }
    }
  }

  @Inject ExportWorker worker;

  private java.util.List<String> sectionNames() {
    java.util.List<String> names =
        new java.util.ArrayList<>(java.util.List.of("disks", "manifest"));
    worker.sections().forEach(s -> names.add(s.name()));
    return names;
  }

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";
}
