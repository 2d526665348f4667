package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: a tenant's export bundle loaded into Federa (here the same deployment, as a second
 * organisation): checked before anything is made, then the organisation, its projects, rules and
 * people recreated, and its VM recreated from its disk on the provider placement chose, the disk
 * downloaded by the provider from Federa's signed link. A bundle from another deployment invites
 * its people instead; a disk that cannot be had fails its VM, saying why.
 */
class ImportIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject Catalog catalog;
  @Inject TeamFixture fixture;
  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;
  @Inject Exports exports;
  @Inject Imports imports;
  @Inject eu.federa.tenancy.TeamProjects teamProjects;
  @Inject eu.federa.tenancy.MoveConsent moveConsent;
  @Inject eu.federa.tenancy.BlackoutWindows blackouts;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private long providerId;
  private String image;

  private void provider() throws Exception {
    PlatformAdminCaller.reset();
    SimulatedSite site = SimulatedSite.start(registry, sync, catalog, "import", "10.78.0.10");
    cloud = site.cloud;
    simulator = site.simulator;
    providerId = site.providerId;
    image = site.image;
    // The VM's 20 GiB disk (its size's) stands for 1.25 MiB of bytes: it travels inline.
    cloud.setBytesPerMib(64);
  }

  @AfterEach
  void stop() {
    PlatformAdminCaller.reset();
    if (simulator != null) {
      fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", providerId);
      fixture.execute(
          "UPDATE bundle_import SET state = 'FAILED' WHERE state IN ('QUEUED', 'RUNNING')");
      simulator.close();
      registry.setEnabled(providerId, false);
    }
  }

  private record Tenant(
      AuthenticatedUser admin, AuthenticatedUser member, long id, String domain) {}

  /** A tenant with a project, a membership rule, a member and a VM running in the project. */
  private Tenant tenantWithVm(String name) {
    String domain = "imp-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
    AuthenticatedUser admin = fixture.person(name, domain);
    long id = fixture.tenantOf(admin, "Import Test " + UUID.randomUUID());
    AuthenticatedUser member = fixture.memberOf(id, "Mia", domain);
    fixture.execute(
        "INSERT INTO project (tenant_id, name, description, created_at)"
            + " VALUES (?1, 'web', 'The shop', UTC_TIMESTAMP(6))",
        id);
    long project =
        (Long) fixture.single("SELECT id FROM project WHERE tenant_id = ?1 AND name = 'web'", id);
    fixture.execute(
        "INSERT INTO membership_rule (tenant_id, kind, match_value, trusted_idps, role,"
            + " created_by, created_at) VALUES (?1, 'EMAIL_DOMAIN', ?2, 'local', 'VIEWER', 'it',"
            + " UTC_TIMESTAMP(6))",
        id,
        domain);
    fixture.as(admin);
    long order =
        placing.placeOrder(
            id,
            new OrderForm(
                "shop-1",
                image,
                "s-2",
                List.of(),
                project,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                List.of(),
                false,
                null));
    OrderView vm =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> orders.order(id, order),
                v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(vm.state()).as("%s", vm.failureReason()).isEqualTo(OrderState.RUNNING);
    return new Tenant(admin, member, id, domain);
  }

  private Path bundleOf(Tenant t) {
    fixture.as(t.admin());
    long id = exports.request(t.id()).id();
    ExportView done =
        eventually(Duration.ofSeconds(120))
            .until(
                () -> {
                  fixture.as(t.admin());
                  return exports.export(t.id(), id);
                },
                e -> !e.state().inProgress());
    assertThat(done.state()).as("%s", done.problem()).isEqualTo(ExportState.READY);
    return ExportFiles.bundle(id);
  }

  private static String newVat() {
    return String.format(
        "FR%02d%09d",
        ThreadLocalRandom.current().nextInt(100),
        ThreadLocalRandom.current().nextInt(1_000_000_000));
  }

  private static String linkBase() {
    return "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080") + "/federa-it";
  }

  private ImportView imported(long importId) {
    ImportView done =
        eventually(Duration.ofSeconds(120))
            .until(
                () -> {
                  PlatformAdminCaller.reset();
                  return imports.get(importId);
                },
                ImportView::over);
    assertThat(done.state()).as("%s", done.reason()).isEqualTo("DONE");
    return done;
  }

  @Test
  void aBundleLoadedIntoFederaRecreatesTheOrganisationAndItsVmFromItsDisk() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Nora");
    // Its settings for the platform's moves: allowed to another provider, never on weekday nights.
    fixture.as(acme.admin());
    moveConsent.set(acme.id(), true);
    blackouts.add(
        acme.id(),
        java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
        "22:00",
        "06:30");
    Path bundle = bundleOf(acme);

    PlatformAdminCaller.reset();
    String vat = newVat();
    long importId;
    try (InputStream in = Files.newInputStream(bundle)) {
      importId = imports.upload(in, "Acme Again", vat, linkBase());
    }
    ImportView done = imported(importId);
    assertThat(done.sameIssuer()).as("exported by this deployment").isTrue();
    long tenant = done.tenantId();
    assertThat(fixture.single("SELECT name FROM tenant WHERE id = ?1", tenant))
        .isEqualTo("Acme Again");
    assertThat(fixture.single("SELECT vat_id FROM tenant WHERE id = ?1", tenant)).isEqualTo(vat);
    // Its people keep their roles: the subjects were named by this deployment's identity provider.
    assertThat(done.membersJoined()).isEqualTo(2);
    assertThat(done.membersInvited()).isZero();
    assertThat(
            fixture.single(
                "SELECT role FROM tenant_membership WHERE tenant_id = ?1 AND user_subject = ?2",
                tenant,
                acme.admin().subject()))
        .isEqualTo("TENANT_ADMIN");
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM membership_rule WHERE tenant_id = ?1 AND match_value = ?2",
                tenant,
                acme.domain()))
        .isEqualTo(1L);
    assertThat(
            fixture.single(
                "SELECT description FROM project WHERE tenant_id = ?1 AND name = 'web'", tenant))
        .isEqualTo("The shop");
    // The platform may still move its VMs to another provider, and not in its blackout window.
    assertThat(moveConsent.givenBy(List.of(tenant))).containsExactly(tenant);
    assertThat(blackouts.ofTenant(tenant))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.weekdays())
                  .containsExactly(
                      java.time.DayOfWeek.MONDAY,
                      java.time.DayOfWeek.TUESDAY,
                      java.time.DayOfWeek.WEDNESDAY,
                      java.time.DayOfWeek.THURSDAY,
                      java.time.DayOfWeek.FRIDAY);
              assertThat(w.startText()).isEqualTo("22:00");
              assertThat(w.endText()).isEqualTo("06:30");
            });

    // The VM runs again, in its project, from its own disk: the provider downloaded it from
    // Federa's signed link into an image of the organisation.
    assertThat(done.vms()).hasSize(1);
    ImportView.Vm vm = done.vms().get(0);
    assertThat(vm.state()).as("%s", vm.reason()).isEqualTo("RUNNING");
    assertThat(vm.project()).isEqualTo("web");
    assertThat(vm.diskInBundle()).isTrue();
    assertThat(vm.providerName()).startsWith("import");
    assertThat(cloud.importedBytes.get()).isEqualTo(20L * 1024 * 64);
    fixture.as(acme.admin());
    OrderView recreated = orders.order(tenant, vm.orderId());
    assertThat(recreated.state()).isEqualTo(OrderState.RUNNING);
    assertThat(recreated.name()).isEqualTo("shop-1");
    assertThat(recreated.projectId())
        .isEqualTo(
            fixture.single("SELECT id FROM project WHERE tenant_id = ?1 AND name = 'web'", tenant));
    assertThat(
            fixture
                .single("SELECT import_disk_url FROM vm_order WHERE id = ?1", vm.orderId())
                .toString())
        .startsWith(linkBase() + "/disks/imports/");

    // Nothing stays behind: the uploaded bundle and the disk copy are deleted once done.
    assertThat(Files.exists(ExportFiles.staged(vm.id()))).isFalse();
    assertThat(
            fixture
                .single("SELECT file_name FROM bundle_import WHERE id = ?1", importId)
                .toString())
        .satisfies(name -> assertThat(Files.exists(ExportFiles.upload(name))).isFalse());
    assertThat(fixture.countAudit(tenant, "TENANT_IMPORTED", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.countAudit(tenant, "IMPORT_FINISHED", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.countAudit(tenant, "ORDER_PLACED", "SUCCESS")).isEqualTo(1);
  }

  @Test
  void theImportsAreListedAPageAtATimeNewestFirstWithTheirVms() {
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "Paged " + UUID.randomUUID();
      fixture.execute(
          "INSERT INTO bundle_import (file_name, bundle_sha256, source_tenant_id,"
              + " source_created_at, same_issuer, name, country_code, vat_id, state, step,"
              + " next_attempt_at, imported_by, link_base, created_at, updated_at, finished_at)"
              + " VALUES ('gone.zip', REPEAT('0', 64), 1, UTC_TIMESTAMP(6), TRUE, ?1, 'FR',"
              + " 'FR00000000000', 'DONE', 'DONE', UTC_TIMESTAMP(6), 'test', 'http://x',"
              + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
          name);
      long id =
          ((Number) fixture.single("SELECT id FROM bundle_import WHERE name = ?1", name))
              .longValue();
      ids.add(id);
      for (int v = 0; v <= i; v++) {
        fixture.execute(
            "INSERT INTO bundle_import_vm (import_id, source_order_id, vm_name, image_code,"
                + " size_code, public_address, state, updated_at)"
                + " VALUES (?1, ?2, ?3, 'debian-12', 'small', FALSE, 'SKIPPED', UTC_TIMESTAMP(6))",
            id,
            v,
            "vm-" + v);
      }
    }
    PlatformAdminCaller.reset();

    ResultPage<ImportView> first = imports.page(0, 2);
    assertThat(first.rows()).extracting(ImportView::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(first.rows()).extracting(i -> i.vms().size()).containsExactly(3, 2);
    assertThat(first.rows().get(0).vms())
        .extracting(ImportView.Vm::name)
        .containsExactly("vm-0", "vm-1", "vm-2");
    assertThat(first.total()).isGreaterThanOrEqualTo(3);
    ResultPage<ImportView> second = imports.page(2, 2);
    assertThat(second.rows()).first().extracting(ImportView::id).isEqualTo(ids.get(0));
    assertThat(second.rows().get(0).vms()).hasSize(1);
    assertThat(imports.page(0, 0).rows()).isEmpty();

    // One not due for an hour is still on its way: the page keeps polling.
    String waiting = "Waiting " + UUID.randomUUID();
    fixture.execute(
        "INSERT INTO bundle_import (file_name, bundle_sha256, source_tenant_id,"
            + " source_created_at, same_issuer, name, country_code, vat_id, state, step,"
            + " next_attempt_at, imported_by, link_base, created_at, updated_at)"
            + " VALUES ('gone.zip', REPEAT('0', 64), 1, UTC_TIMESTAMP(6), TRUE, ?1, 'FR',"
            + " 'FR00000000000', 'QUEUED', 'ORGANISATION', UTC_TIMESTAMP(6) + INTERVAL 1 HOUR,"
            + " 'test', 'http://x', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
        waiting);
    try {
      assertThat(imports.anyInProgress()).isTrue();
    } finally {
      fixture.execute("DELETE FROM bundle_import WHERE name = ?1", waiting);
    }
  }

  @Test
  void aBadBundleIsRefusedWithTheReasonAndLeavesNothing() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Olga");
    Path bundle = bundleOf(acme);
    byte[] good = Files.readAllBytes(bundle);
    long before = (Long) fixture.single("SELECT COUNT(*) FROM bundle_import");
    long files = uploads();

    PlatformAdminCaller.reset();
    assertRefused(() -> upload("not a zip".getBytes(StandardCharsets.UTF_8), null, newVat()))
        .isEqualTo("import.error.notZip");
    // One byte of vms.json changed: its SHA-256 no longer matches the manifest's.
    byte[] altered =
        rewrite(
            good,
            Map.of(
                "vms.json",
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replace("shop-1", "shop-2")
                        .getBytes(StandardCharsets.UTF_8)),
            false);
    assertRefused(() -> upload(altered, null, newVat())).isEqualTo("import.error.altered");
    // A file the manifest does not list.
    byte[] extra = rewrite(good, Map.of("extra.txt", b -> new byte[] {1}), false);
    assertRefused(() -> upload(extra, null, newVat())).isEqualTo("import.error.unlisted");
    assertRefused(() -> upload(good, null, "FR12")).isEqualTo("import.error.vat");
    // The bundle's own VAT id is the open organisation's: it may come back only once it left.
    assertThatThrownBy(() -> upload(good, null, null))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.messageKey()).isEqualTo("import.error.vatTaken"));
    // Only platform admins load bundles.
    fixture.as(acme.admin());
    assertThatThrownBy(() -> upload(good, null, newVat()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> imports.page(0, 25)).isInstanceOf(AccessDeniedException.class);

    assertThat(fixture.single("SELECT COUNT(*) FROM bundle_import")).isEqualTo(before);
    assertThat(uploads()).as("no refused upload is kept").isEqualTo(files);
  }

  @Test
  void anotherDeploymentsBundleInvitesItsPeopleAndAVmWhoseDiskCannotBeHadFails() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Pia");
    byte[] good = Files.readAllBytes(bundleOf(acme));
    // As another Federa would have made it: another identity provider named its people, and its
    // disk is listed at a link that no longer answers. Of its four blackout windows, one is one the
    // form would take.
    byte[] foreign =
        rewrite(
            good,
            Map.of(
                "disks.json",
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replaceAll(
                            "\"path\":\"[^\"]+\"",
                            "\"url\":\"http://127.0.0.1:9/disks/1/1?s=gone\"")
                        .getBytes(StandardCharsets.UTF_8),
                "organisation.json",
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replaceFirst(
                            "\"blackoutWindows\":\\[[^\\]]*\\]",
                            "\"blackoutWindows\":["
                                + "{\"days\":[\"MONDAY\"],\"from\":\"22:00\",\"to\":\"23:00\"},"
                                + "{\"days\":[\"FUNDAY\"],\"from\":\"22:00\",\"to\":\"23:00\"},"
                                + "{\"days\":[\"MONDAY\"],\"from\":\"25:00\",\"to\":\"06:00\"},"
                                + "\"nonsense\"]")
                        .getBytes(StandardCharsets.UTF_8)),
            true);
    PlatformAdminCaller.reset();
    long importId = upload(foreign, "Acme Elsewhere", newVat());
    ImportView done = imported(importId);
    assertThat(done.sameIssuer()).isFalse();
    assertThat(done.membersJoined()).isZero();
    assertThat(done.membersInvited()).isEqualTo(2);
    assertThat(blackouts.ofTenant(done.tenantId())).hasSize(1);
    assertThat(done.blackoutWindowsLeftOut()).isEqualTo(3);
    assertThat(fixture.lastMessageTo(acme.member().email())[1]).contains("/join/");
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM tenant_membership WHERE tenant_id = ?1", done.tenantId()))
        .isEqualTo(0L);
    ImportView.Vm vm = done.vms().get(0);
    assertThat(vm.state()).isEqualTo("FAILED");
    assertThat(vm.reason()).startsWith("The disk of shop-1 could not be downloaded");
    assertThat(vm.orderId()).isNull();
  }

  @Test
  void aProjectsAdminExportsThatProjectOnly() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Quinn"); // shop-1 runs in project "web"
    long web =
        (Long)
            fixture.single(
                "SELECT id FROM project WHERE tenant_id = ?1 AND name = 'web'", acme.id());
    fixture.execute(
        "INSERT INTO project (tenant_id, name, created_at) VALUES (?1, 'db', UTC_TIMESTAMP(6))",
        acme.id());
    long db =
        (Long)
            fixture.single(
                "SELECT id FROM project WHERE tenant_id = ?1 AND name = 'db'", acme.id());
    fixture.as(acme.admin());
    long other =
        placing.placeOrder(
            acme.id(),
            new OrderForm(
                "db-1",
                image,
                "s-2",
                List.of(),
                db,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                List.of(),
                false,
                null));
    eventually(Duration.ofSeconds(60))
        .until(() -> orders.order(acme.id(), other).state(), OrderState.RUNNING::equals);
    long mia =
        (Long)
            fixture.single(
                "SELECT id FROM tenant_membership WHERE tenant_id = ?1 AND user_subject = ?2",
                acme.id(),
                acme.member().subject());
    teamProjects.setProjectMembers(acme.id(), web, List.of(mia));

    // A member of the project is not its admin yet: no export, no list.
    fixture.as(acme.member());
    assertThatThrownBy(() -> exports.request(acme.id(), web))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> exports.list(acme.id())).isInstanceOf(AccessDeniedException.class);
    // Only a member of a project can be its admin.
    fixture.as(acme.admin());
    assertThatThrownBy(() -> teamProjects.setProjectAdmins(acme.id(), db, List.of(mia)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors().get(0).messageKey())
                    .isEqualTo("team.error.adminNotInProject"));
    teamProjects.setProjectAdmins(acme.id(), web, List.of(mia));
    assertThat(teamProjects.project(acme.id(), web).adminIds()).containsExactly(mia);

    // Mia exports "web", and nothing else.
    fixture.as(acme.member());
    assertThatThrownBy(() -> exports.request(acme.id(), null))
        .as("the whole organisation: tenant admins only")
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> exports.request(acme.id(), db))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> exports.request(acme.id(), 999_999L))
        .isInstanceOf(eu.federa.platform.security.NotFoundException.class);
    long exportId = exports.request(acme.id(), web).id();
    ExportView ready =
        eventually(Duration.ofSeconds(120))
            .until(
                () -> {
                  fixture.as(acme.member());
                  return exports.export(acme.id(), exportId);
                },
                e -> !e.state().inProgress());
    assertThat(ready.state()).as("%s", ready.problem()).isEqualTo(ExportState.READY);
    assertThat(ready.projectId()).isEqualTo(web);
    assertThat(exports.list(acme.id())).extracting(ExportView::id).containsExactly(exportId);
    // The page reads only her projects' bundles, in the database, and stops polling when done.
    assertThat(exports.page(acme.id(), 0, 25).total()).isEqualTo(1);
    assertThat(exports.page(acme.id(), 0, 25).rows())
        .extracting(ExportView::id)
        .containsExactly(exportId);
    assertThat(exports.anyInProgress(acme.id())).isFalse();
    Map<String, jakarta.json.JsonObject> files = new java.util.HashMap<>();
    try (ZipInputStream in =
        new ZipInputStream(Files.newInputStream(ExportFiles.bundle(exportId)))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().endsWith(".json")) {
          files.put(
              e.getName(),
              jakarta.json.Json.createReader(new ByteArrayInputStream(bytes)).readObject());
        }
      }
    }
    assertThat(files.get("manifest.json").getJsonNumber("projectId").longValue()).isEqualTo(web);
    assertThat(names(files.get("vms.json"), "name")).containsExactly("shop-1");
    assertThat(names(files.get("disks.json"), "vmName")).containsExactly("shop-1");
    assertThat(names(files.get("projects.json"), "name")).containsExactly("web");
    assertThat(names(files.get("members.json"), "subject"))
        .containsExactly(acme.member().subject());
    assertThat(
            files
                .get("members.json")
                .getJsonArray("items")
                .getJsonObject(0)
                .getJsonArray("adminOf"))
        .hasSize(1);
    assertThat(files.get("invoices.json").getJsonArray("items")).isEmpty();
    assertThat(files.get("membership-rules.json").getJsonArray("items")).isEmpty();
    assertThat(files).doesNotContainKey("audit-log.json");

    // Out of the project, out of its admins: her exports are no longer hers to see.
    fixture.as(acme.admin());
    assertThat(exports.list(acme.id())).extracting(ExportView::id).contains(exportId);
    teamProjects.setProjectMembers(acme.id(), web, List.of());
    fixture.as(acme.member());
    assertThatThrownBy(() -> exports.export(acme.id(), exportId))
        .isInstanceOf(AccessDeniedException.class);
  }

  private static List<String> names(jakarta.json.JsonObject file, String field) {
    return file.getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class).stream()
        .map(o -> o.getString(field))
        .toList();
  }

  @Test
  void aReplicaOfAnAiServiceIsNotRebuiltFromItsDisk() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Rhea");
    byte[] good = Files.readAllBytes(bundleOf(acme));
    long orderId =
        (Long)
            fixture.single(
                "SELECT id FROM vm_order WHERE tenant_id = ?1 AND name = 'shop-1'", acme.id());
    // As if shop-1 were a replica of the organisation's AI service.
    byte[] withService =
        rewrite(
            good,
            Map.of(
                "ai-services.json",
                b ->
                    ("{\"tenantId\":1,\"items\":[{\"id\":7,\"vms\":[{\"id\":" + orderId + "}]}]}")
                        .getBytes(StandardCharsets.UTF_8)),
            true);
    PlatformAdminCaller.reset();
    ImportView done = imported(upload(withService, "Acme Served", newVat()));
    ImportView.Vm vm = done.vms().get(0);
    assertThat(vm.state()).isEqualTo("SKIPPED");
    assertThat(vm.reason()).contains("AI service");
    assertThat(vm.orderId()).isNull();
  }

  @Test
  void aBundleThatOnlyClaimsToBeThisDeploymentsInvitesItsPeople() throws Exception {
    provider();
    Tenant acme = tenantWithVm("Sara");
    byte[] good = Files.readAllBytes(bundleOf(acme));
    // Its issuer is this deployment's, but a file was changed and the manifest rewritten to match:
    // only this deployment's signature would have made its subjects mean people here.
    byte[] forged =
        rewrite(
            good,
            Map.of(
                "projects.json",
                b ->
                    new String(b, StandardCharsets.UTF_8)
                        .replace("The shop", "The stall")
                        .getBytes(StandardCharsets.UTF_8)),
            null,
            true);
    PlatformAdminCaller.reset();
    ImportView done = imported(upload(forged, "Acme Claimed", newVat()));
    assertThat(done.sameIssuer()).isFalse();
    assertThat(done.membersJoined()).isZero();
    assertThat(done.membersInvited()).isEqualTo(2);
  }

  private long upload(byte[] bundle, String name, String vat) throws Exception {
    return imports.upload(new ByteArrayInputStream(bundle), name, vat, linkBase());
  }

  private interface Upload {
    void run() throws Exception;
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(Upload upload) {
    try {
      upload.run();
    } catch (InvalidInputException e) {
      return assertThat(e.errors().get(0).messageKey());
    } catch (Exception e) {
      throw new AssertionError("refused otherwise: " + e, e);
    }
    throw new AssertionError("accepted");
  }

  private static long uploads() throws Exception {
    try (Stream<Path> all = Files.list(ExportFiles.directory())) {
      return all.filter(p -> p.getFileName().toString().matches("import-[0-9a-f-]{36}\\.zip"))
          .count();
    }
  }

  private static final String ELSEWHERE = "https://sso.elsewhere.example/realms/federa";

  /**
   * The bundle with some files changed (or added); with {@code remanifest}, its manifest says what
   * the files are now and names another identity provider, as another deployment's would.
   */
  private static byte[] rewrite(
      byte[] bundle, Map<String, UnaryOperator<byte[]>> changes, boolean remanifest)
      throws Exception {
    return rewrite(bundle, changes, remanifest ? ELSEWHERE : null, remanifest);
  }

  /** As above; {@code issuer} null keeps the manifest's own. */
  private static byte[] rewrite(
      byte[] bundle, Map<String, UnaryOperator<byte[]>> changes, String issuer, boolean remanifest)
      throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    changes.forEach((path, change) -> files.put(path, change.apply(files.get(path))));
    if (remanifest) {
      jakarta.json.JsonObject manifest =
          jakarta.json.Json.createReader(new ByteArrayInputStream(files.get("manifest.json")))
              .readObject();
      jakarta.json.JsonArrayBuilder listed = jakarta.json.Json.createArrayBuilder();
      for (jakarta.json.JsonObject f :
          manifest.getJsonArray("files").getValuesAs(jakarta.json.JsonObject.class)) {
        byte[] content = files.get(f.getString("path"));
        listed.add(
            jakarta.json.Json.createObjectBuilder(f)
                .add("bytes", content.length)
                .add(
                    "sha256",
                    HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content))));
      }
      files.put(
          "manifest.json",
          jakarta.json.Json.createObjectBuilder(manifest)
              .add("issuer", issuer == null ? manifest.getString("issuer") : issuer)
              .add("files", listed)
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
