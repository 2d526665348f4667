package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.billing.PriceListForm;
import eu.federa.billing.PriceService;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.VmVolumes;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: a tenant's whole exit (Data Act Art. 25), its timeline moved through by passing the
 * worker later times: request, transition (extended by the tenant, made longer by a platform
 * admin), its end acted on once by two racing nodes, the final bundle (loaded into a new Federa
 * organisation, its VM running again from its disk), its services ended, the erasure at the
 * provider and in Federa, the final invoice, and the signed record its former admin keeps. Also:
 * bad inputs, other tenants and members, frozen orders, a cancelled request.
 */
class ExitIT extends InContainerTest {

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
  @Inject Exits exits;
  @Inject ExitWorker worker;
  @Inject RecordSigner signer;
  @Inject Exports exports;
  @Inject PriceService prices;
  @Inject VmVolumes volumes;
  @Inject Imports imports;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private long providerId;
  private String image;

  private void provider() throws Exception {
    PlatformAdminCaller.reset();
    cloud = new SimulatedCloud(0, "exit-zone", "it-secret", Clock.systemUTC());
    cloud.setStepDelay(Duration.ofMillis(50));
    int cluster = cloud.addCluster("exit");
    cloud.addHost("exit-01", cluster, 16, 65536, 1_000_000);
    cloud.addImage("exit-os", 2048);
    cloud.addNetwork("shared", "10.78.0.10", 50);
    int template =
        cloud.addTemplate(
            "exit-os",
            "CPU = \"1\"\nMEMORY = \"1024\"\nDISK = [ IMAGE_ID = \"0\" ]\n"
                + "NIC = [ NETWORK = \"shared\", NETWORK_UNAME = \"oneadmin\" ]\n");
    cloud.addNetwork("internet", "203.0.113.60", 20);
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId =
        SimulatedProviders.register(
            registry, simulator.endpoint(), "oneadmin", "Exit", "it-secret", "internet");
    sync.syncNow(providerId);
    prices.add(
        new PriceListForm(
            providerId,
            Instant.now().minus(Duration.ofDays(1)),
            null,
            new BigDecimal("0.01"),
            new BigDecimal("0.002"),
            new BigDecimal("0.04"),
            null,
            null,
            null,
            new BigDecimal("0.005")));
    image = "exit-os-" + UUID.randomUUID().toString().substring(0, 8);
    catalog.addImage(new Image(image, "Exit OS", "1", "x86_64"));
    catalog.offer(image, providerId, template);
  }

  @AfterEach
  void stop() {
    PlatformAdminCaller.reset();
    if (simulator != null) {
      fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", providerId);
      simulator.close();
      registry.setEnabled(providerId, false);
    }
  }

  private record Tenant(AuthenticatedUser admin, long id) {}

  private Tenant tenant(String name) {
    AuthenticatedUser admin =
        fixture.person(name, "exit-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    return new Tenant(admin, fixture.tenantOf(admin, "Exit Test " + UUID.randomUUID()));
  }

  private long placeOrder(Tenant t, String name) {
    fixture.as(t.admin());
    return placing.placeOrder(
        t.id(),
        new OrderForm(
            name,
            image,
            "s-2",
            List.of(),
            null,
            UUID.randomUUID().toString(),
            false,
            List.of(),
            List.of(),
            true,
            null));
  }

  private OrderView running(Tenant t, String name) {
    long id = placeOrder(t, name);
    OrderView view =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> orders.order(t.id(), id),
                v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(view.state()).as("%s", view.failureReason()).isEqualTo(OrderState.RUNNING);
    return view;
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  private ExitView view(Tenant t, long exitId) {
    fixture.as(t.admin());
    return exits.exit(t.id(), exitId);
  }

  /** Runs the worker at later and later times until the exit is where it should be. */
  private ExitView until(
      Tenant t, long exitId, Instant from, java.util.function.Predicate<ExitView> done) {
    Instant[] at = {from};
    return eventually(Duration.ofSeconds(120))
        .until(
            () -> {
              worker.runDue(at[0]);
              at[0] = at[0].plus(Duration.ofMinutes(1));
              return view(t, exitId);
            },
            done::test);
  }

  @Test
  void aTenantLeavesWithItsDataAndItsFormerAdminKeepsTheSignedErasureRecord() throws Exception {
    provider();
    Tenant acme = tenant("Rosa");
    Tenant globex = tenant("Sven");
    AuthenticatedUser member =
        fixture.memberOf(
            acme.id(), "Tom", "exit-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    OrderView vm = running(acme, "leaving-1");
    int group = cloud.accountNamed("federa-tenant-" + acme.id());
    int agent = cloud.accountNamed("federa-tenant-" + acme.id() + "-agent");
    assertThat(group).isPositive();
    // Something the tenant left at the provider besides its VMs: an image of its own.
    int leftover = cloud.addImage("acme-leftover", 512);
    cloud.chownImage(leftover, agent, group);
    long before = cloud.objectsOfGroup(group);
    assertThat(before).as("VM, reservations, firewall, the image").isGreaterThanOrEqualTo(3);

    // Bad requests: a clear refusal, nothing filed.
    fixture.as(acme.admin());
    assertThatThrownBy(
            () ->
                exits.request(
                    acme.id(),
                    new ExitForm(ExitDestination.OTHER_CLOUD, null, today().plusMonths(3), false)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> exits.request(acme.id(), new ExitForm(null, null, today(), false)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(exits.current(acme.id())).isEmpty();
    fixture.as(member);
    assertThatThrownBy(
            () ->
                exits.request(
                    acme.id(), new ExitForm(ExitDestination.OTHER_CLOUD, null, today(), false)))
        .isInstanceOf(AccessDeniedException.class);

    // The admin reviews the timeline and charge, then files it, starting today.
    fixture.as(acme.admin());
    Exits.Quote quote = exits.quote(acme.id(), "OTHER_CLOUD", today().toString());
    assertThat(quote.switchingChargeEur()).isEqualByComparingTo("0");
    assertThat(quote.transitionEndsAt())
        .isAfter(quote.transitionStartsAt().plus(Duration.ofDays(29)));
    ExitView filed =
        exits.request(
            acme.id(),
            new ExitForm(ExitDestination.OTHER_CLOUD, "Moving to Example Cloud", today(), false));
    long exitId = filed.id();
    assertThat(filed.phase()).isEqualTo(ExitPhase.NOTICE);
    assertThat(fixture.lastMessageTo(acme.admin().email())[0]).contains("asked to leave");
    assertThatThrownBy(
            () ->
                exits.request(
                    acme.id(), new ExitForm(ExitDestination.ON_PREMISES, null, today(), false)))
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.open");
    fixture.as(globex.admin());
    assertThatThrownBy(() -> exits.exit(acme.id(), exitId)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> exits.exit(globex.id(), exitId)).isInstanceOf(NotFoundException.class);

    // Its start has come: the transition runs; services keep running.
    ExitView transition =
        until(acme, exitId, Instant.now(), v -> v.phase() == ExitPhase.TRANSITION);
    assertThat(fixture.lastMessageTo(acme.admin().email())[0]).contains("transition");
    assertThat(orders.order(acme.id(), vm.id()).state()).isEqualTo(OrderState.RUNNING);

    // The tenant extends it once; a platform admin makes it longer with a justification.
    LocalDate end = transition.transitionEndsAt().atOffset(ZoneOffset.UTC).toLocalDate();
    fixture.as(acme.admin());
    exits.extend(acme.id(), exitId, end.plusDays(10).toString());
    assertThatThrownBy(() -> exits.extend(acme.id(), exitId, end.plusDays(12).toString()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.extendedAlready");
    assertThatThrownBy(
            () -> exits.justify(exitId, end.plusDays(40).toString(), "A reason long enough here."))
        .as("a tenant admin is no platform admin")
        .isInstanceOf(AccessDeniedException.class);
    PlatformAdminCaller.reset();
    assertThatThrownBy(() -> exits.justify(exitId, end.plusDays(40).toString(), "short"))
        .isInstanceOf(InvalidInputException.class);
    ExitView justified =
        exits.justify(
            exitId,
            end.plusDays(40).toString(),
            "The new provider needs more time to take 2 TB in.");
    assertThat(justified.transitionEndsAt().atOffset(ZoneOffset.UTC).toLocalDate())
        .isEqualTo(end.plusDays(40));
    // The federation's open requests, a page at a time: every one is on some page, once.
    long open = exits.open(0, 1).total();
    assertThat(open).isPositive();
    List<Long> listed = new java.util.ArrayList<>();
    for (int first = 0; first < open; first += 2) {
      listed.addAll(exits.open(first, 2).rows().stream().map(ExitView::id).toList());
    }
    assertThat(listed).contains(exitId).doesNotHaveDuplicates().hasSize((int) open);

    // Orders frozen on request: a new one is refused with the reason.
    fixture.as(acme.admin());
    exits.freezeOrders(acme.id(), exitId, true);
    assertThatThrownBy(() -> placeOrder(acme, "late-1"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("order.error.frozen");
    assertThatThrownBy(() -> volumes.add(acme.id(), vm.id(), "late-data", 10))
        .as("a new volume is an order too")
        .isInstanceOf(ConflictException.class)
        .hasMessage("order.error.frozen");

    // The transition's end, seen by two nodes at once: acted on once.
    Instant transitionEnd = justified.transitionEndsAt().plusSeconds(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> runs =
          List.of(
              pool.submit(
                  () -> {
                    go.await();
                    return worker.runDue(transitionEnd);
                  }),
              pool.submit(
                  () -> {
                    go.await();
                    return worker.runDue(transitionEnd);
                  }));
      go.countDown();
      for (Future<Integer> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p"
                            + " ON p.event_id = e.id WHERE e.tenant_id = ?1 AND e.action ="
                            + " 'EXIT_PHASE' AND p.detail LIKE 'transition ended%'",
                        acme.id()))
                .longValue())
        .isEqualTo(1);
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM outbox_message WHERE recipient = ?1 AND subject LIKE"
                            + " '%can be retrieved%'",
                        acme.admin().email().toLowerCase()))
                .longValue())
        .isEqualTo(1);

    // The retrieval window: the final bundle is made, the services are ended.
    ExitView window = until(acme, exitId, transitionEnd, v -> v.step() == ExitStep.WINDOW);
    assertThat(window.phase()).isEqualTo(ExitPhase.RETRIEVAL);
    assertThat(window.finalExportId()).isNotNull();
    ExportView bundle = exports.export(acme.id(), window.finalExportId());
    assertThat(bundle.state()).isEqualTo(ExportState.READY);
    assertThat(bundle.expiresAt()).isAfterOrEqualTo(window.retrievalEndsAt());
    assertThat(orders.order(acme.id(), vm.id()).state()).isEqualTo(OrderState.TERMINATED);
    assertThatThrownBy(() -> exits.cancel(acme.id(), exitId))
        .isInstanceOf(ConflictException.class)
        .hasMessage("exit.error.transitionOver");

    // The organisation takes its bundle to another Federa (here this one, as a new organisation
    // under another VAT id): the bundle is complete, its people are in, its VM runs from its disk.
    PlatformAdminCaller.reset();
    long importId;
    try (java.io.InputStream in =
        java.nio.file.Files.newInputStream(ExportFiles.bundle(window.finalExportId()))) {
      importId =
          imports.upload(
              in,
              "Acme Elsewhere",
              String.format(
                  "FR%02d%09d",
                  java.util.concurrent.ThreadLocalRandom.current().nextInt(100),
                  java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000)),
              "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080") + "/federa-it");
    }
    ImportView moved =
        eventually(Duration.ofSeconds(120))
            .until(
                () -> {
                  PlatformAdminCaller.reset();
                  return imports.get(importId);
                },
                ImportView::over);
    assertThat(moved.state()).as("%s", moved.reason()).isEqualTo("DONE");
    assertThat(moved.vms())
        .extracting(v -> v.name() + " " + v.state())
        .containsExactly("leaving-1 RUNNING");
    assertThat(moved.membersJoined()).as("Rosa and Tom").isEqualTo(2);
    long newHome = moved.tenantId();
    long movedOrder = moved.vms().get(0).orderId();

    // The window closes: the erasure, at the provider and in Federa, then the signed record. The
    // admin is a member of nothing any more: the exit is followed in the database.
    Instant[] at = {window.retrievalEndsAt().plusSeconds(1)};
    eventually(Duration.ofSeconds(120))
        .until(
            () -> {
              worker.runDue(at[0]);
              at[0] = at[0].plus(Duration.ofMinutes(1));
              return fixture.single(
                  "SELECT CONCAT(phase, ' ', COALESCE(reason, '')) FROM exit_request WHERE id = ?1",
                  exitId);
            },
            "ERASED "::equals);
    fixture.as(acme.admin());
    assertThatThrownBy(() -> exits.exit(acme.id(), exitId))
        .as("no longer a member")
        .isInstanceOf(RuntimeException.class);
    ExitView erased = exits.erasedExit(exitId);
    assertThat(erased.phase()).isEqualTo(ExitPhase.ERASED);
    assertThat(erased.recorded()).isTrue();
    assertThat(cloud.accountNamed("federa-tenant-" + acme.id())).as("group").isEqualTo(-1);
    assertThat(cloud.accountNamed("federa-tenant-" + acme.id() + "-agent"))
        .as("user")
        .isEqualTo(-1);
    assertThat(cloud.objectsOfGroup(group)).isZero();
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM tenant_membership WHERE tenant_id = ?1", acme.id()))
        .satisfies(n -> assertThat(((Number) n).longValue()).isZero());
    assertThat(fixture.single("SELECT closed_at IS NOT NULL FROM tenant WHERE id = ?1", acme.id()))
        .satisfies(b -> assertThat(((Number) b).intValue()).isEqualTo(1));
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p ON p.event_id = e.id"
                            + " WHERE e.tenant_id = ?1 AND p.actor_subject = ?2",
                        acme.id(),
                        acme.admin().subject()))
                .longValue())
        .as("the audit log names the admin by pseudonym only")
        .isZero();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM portal_user WHERE subject = ?1",
                        acme.admin().subject()))
                .longValue())
        .as("the admin belongs to the organisation's new home: profile kept")
        .isEqualTo(1);
    // The new home is untouched by the erasure of the old one.
    fixture.as(acme.admin());
    assertThat(orders.order(newHome, movedOrder).state()).isEqualTo(OrderState.RUNNING);
    assertThat(
            fixture.single("SELECT COUNT(*) FROM tenant_membership WHERE tenant_id = ?1", newHome))
        .isEqualTo(2L);
    assertThat(cloud.accountNamed("federa-tenant-" + newHome)).isPositive();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM invoice WHERE tenant_id = ?1 AND state = 'ISSUED'",
                        acme.id()))
                .longValue())
        .as("the final invoice closed the account")
        .isPositive();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM outbox_message WHERE recipient = ?1 AND subject LIKE"
                            + " '%being erased%'",
                        acme.admin().email().toLowerCase()))
                .longValue())
        .isEqualTo(1);

    // The former admin keeps the record; it is signed, and says what was deleted where.
    fixture.as(acme.admin());
    assertThat(exits.myRecords(0, 20).rows()).extracting(ExitView::id).containsExactly(exitId);
    assertThat(exits.myRecords(0, 20).total()).isEqualTo(1);
    assertThat(exits.myRecords(1, 20).rows()).isEmpty();
    Exits.RecordFile json = exits.recordFile(exitId, Exits.RecordForm.JSON);
    String signature =
        new String(
                exits.recordFile(exitId, Exits.RecordForm.SIGNATURE).bytes(),
                StandardCharsets.US_ASCII)
            .strip();
    assertThat(signer.verify(json.bytes(), signature)).isTrue();
    JsonObject record =
        Json.createReader(new StringReader(new String(json.bytes(), StandardCharsets.UTF_8)))
            .readObject();
    assertThat(record.getString("format")).isEqualTo(ErasureRecords.FORMAT);
    assertThat(record.getJsonArray("finalInvoices")).isNotEmpty();
    assertThat(record.getJsonArray("providers").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("object").split(" ")[0] + " " + o.getString("outcome"))
        .contains("IMAGE DELETED", "USER DELETED", "GROUP DELETED");
    assertThat(record.getJsonArray("federa").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("object") + " " + o.getString("outcome"))
        .contains(
            "memberships and project memberships DELETED",
            "invoices KEPT",
            "audit log events (who acted, from where) PSEUDONYMISED");
    assertThat(
            new String(
                exits.recordFile(exitId, Exits.RecordForm.PDF).bytes(),
                0,
                4,
                StandardCharsets.US_ASCII))
        .isEqualTo("%PDF");
    assertThat(fixture.countAudit(acme.id(), "EXIT_RECORD_DOWNLOADED", "SUCCESS")).isEqualTo(3);

    // Nobody else reads it: the member (never an admin), another tenant's admin.
    fixture.as(member);
    assertThatThrownBy(() -> exits.recordFile(exitId, Exits.RecordForm.JSON))
        .isInstanceOf(NotFoundException.class);
    assertThat(exits.myRecords(0, 20).total()).isZero();
    fixture.as(globex.admin());
    assertThatThrownBy(() -> exits.recordFile(exitId, Exits.RecordForm.PDF))
        .isInstanceOf(NotFoundException.class);
    // The erasure is done once: nothing more happens to it.
    worker.runDue(Instant.now().plus(Duration.ofDays(400)));
    fixture.as(acme.admin());
    assertThat(exits.erasedExit(exitId).phase()).isEqualTo(ExitPhase.ERASED);
    assertThat(fixture.countAudit(acme.id(), "EXIT_ERASED", "SUCCESS")).isEqualTo(1);
  }

  @Test
  void aRequestCancelledBeforeTheTransitionEndsChangesNothing() {
    Tenant acme = tenant("Uma");
    fixture.as(acme.admin());
    ExitView filed =
        exits.request(
            acme.id(),
            new ExitForm(ExitDestination.FEDERATION_PROVIDER, null, today().plusDays(10), true));
    assertThat(exits.ordersFrozen(acme.id())).isTrue();
    ExitView cancelled = exits.cancel(acme.id(), filed.id());
    assertThat(cancelled.phase()).isEqualTo(ExitPhase.CANCELLED);
    assertThat(exits.ordersFrozen(acme.id())).as("orders open again").isFalse();
    assertThat(fixture.lastMessageTo(acme.admin().email())[0]).contains("cancelled");
    assertThatThrownBy(() -> exits.cancel(acme.id(), filed.id()))
        .isInstanceOf(ConflictException.class);
    worker.runDue(Instant.now().plus(Duration.ofDays(200)));
    assertThat(exits.exit(acme.id(), filed.id()).phase())
        .as("a cancelled request has no deadline")
        .isEqualTo(ExitPhase.CANCELLED);
    // A new request may be filed.
    assertThat(
            exits
                .request(
                    acme.id(),
                    new ExitForm(ExitDestination.ERASE_ONLY, null, today().plusDays(5), false))
                .phase())
        .isEqualTo(ExitPhase.NOTICE);
    exits.cancel(acme.id(), exits.current(acme.id()).orElseThrow().id());
  }
}
