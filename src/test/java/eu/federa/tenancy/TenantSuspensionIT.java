package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.Phrase;
import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.portability.Exits;
import eu.federa.portability.Exports;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.VmActions;
import eu.federa.tenancy.TenantAdministration.Entry;
import eu.federa.tenancy.TenantAdministration.Search;
import eu.federa.tenancy.TenantAdministration.Sort;
import eu.federa.tenancy.TenantAdministration.State;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #24: the directory of organisations, and suspension: a suspended organisation's members
 * read, export and may leave, but not act; the suspension and its end are audited and mailed.
 */
class TenantSuspensionIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject TenantAdministration directory;
  @Inject TeamProjects projects;
  @Inject TeamMembers members;
  @Inject TeamInvitations invitations;
  @Inject Exports exports;
  @Inject Exits exits;
  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject Catalog catalog;
  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;
  @Inject VmActions actions;
  @Resource UserTransaction tx;

  private SimulatedSite site;

  @AfterEach
  void stopSite() {
    if (site != null) {
      PlatformAdminCaller.reset();
      fixture.execute(
          "UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", site.providerId);
      site.stop(registry);
    }
  }

  private OrderState stateOf(long tenantId, long orderId) {
    return orders.order(tenantId, orderId).state();
  }

  private record Org(long id, String name, AuthenticatedUser admin) {}

  private Org org(String prefix) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    AuthenticatedUser admin = fixture.person("Sam", "suspend-" + suffix + ".example");
    String name = prefix + " " + suffix;
    return new Org(fixture.tenantOf(admin, name), name, admin);
  }

  private Entry entryOf(Org org) {
    PlatformAdminCaller.reset();
    List<Entry> found = directory.list(new Search(org.name(), null, false), 0, 10);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void aSuspendedOrganisationReadsExportsAndMayLeaveButCannotAct() {
    Org acme = org("Suspended Acme");
    fixture.as(acme.admin());
    long before = projects.createProject(acme.id(), "Before", "made before the suspension");
    assertThat(before).isPositive();

    PlatformAdminCaller.reset();
    directory.suspend(acme.id(), "Unpaid invoice 2026-10\nPlease contact billing.", false);

    fixture.as(acme.admin());
    assertThatThrownBy(() -> projects.createProject(acme.id(), "During", ""))
        .isInstanceOf(TenantSuspendedException.class);
    assertThat(members.members(acme.id())).hasSize(1);
    assertThat(invitations.page(acme.id(), 0, 500).rows()).isEmpty();
    assertThat(exports.request(acme.id()).id()).isPositive();
    assertThat(exits.quote(acme.id(), "ON_PREMISES", LocalDate.now().plusDays(1).toString()))
        .isNotNull();

    Entry suspended = entryOf(acme);
    assertThat(suspended.state()).isEqualTo(State.SUSPENDED);
    assertThat(suspended.suspendedReason()).startsWith("Unpaid invoice");
    assertThat(fixture.countAudit(acme.id(), "TENANT_SUSPENDED", "SUCCESS")).isEqualTo(1);
    // The trail reads it in each reader's words, the reason as the admin typed it.
    assertThat(
            AuditDetail.read(
                AuditAction.TENANT_SUSPENDED,
                fixture.lastAuditDetail(acme.id(), "TENANT_SUSPENDED")))
        .contains(
            new Phrase(
                "audit.detail.SUSPENDED", "Unpaid invoice 2026-10\nPlease contact billing."));
    // The export asked for above may finish meanwhile and send its own mail: the notice is found
    // by its subject, not as the last message.
    String[] mail = fixture.lastMessageTo(acme.admin().email(), "is suspended");
    assertThat(mail[1]).contains("Unpaid invoice 2026-10");

    directory.resume(acme.id());
    assertThat(entryOf(acme).state()).isEqualTo(State.ACTIVE);
    assertThat(fixture.countAudit(acme.id(), "TENANT_RESUMED", "SUCCESS")).isEqualTo(1);
    assertThat(
            AuditDetail.read(
                AuditAction.TENANT_RESUMED, fixture.lastAuditDetail(acme.id(), "TENANT_RESUMED")))
        .contains(
            new Phrase("audit.detail.RESUMED", "Unpaid invoice 2026-10\nPlease contact billing."));
    assertThat(fixture.lastMessageTo(acme.admin().email(), "can order again")[1]).isNotBlank();
    fixture.as(acme.admin());
    assertThat(projects.createProject(acme.id(), "After", "")).isPositive();
  }

  /** Runs {@code work} as a request of its own (as another node's would be). */
  private static <T> T inRequest(Callable<T> work) throws Exception {
    RequestContextController request = CDI.current().select(RequestContextController.class).get();
    request.activate();
    try {
      return work.call();
    } finally {
      request.deactivate();
    }
  }

  /** How many statements wait for a tenant's quota lock now. */
  private long waitingForTheQuotaLock() {
    return ((Number)
            fixture.single(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                    + " AND INFO LIKE CONCAT('%from tenant', '_quota%for update%')"))
        .longValue();
  }

  /** What a finished task gave, for a message. */
  private static String outcome(Future<?> task) {
    if (!task.isDone()) {
      return "still running";
    }
    try {
      return "returned " + task.get();
    } catch (Exception e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.getCause().printStackTrace(new java.io.PrintWriter(trace));
      return trace.toString();
    }
  }

  @Test
  void anOrderThatMeetsASuspensionUnderWayWaitsForItAndIsRefused() throws Exception {
    Org acme = org("Racing suspension");
    // One caller for both threads: the organisation's admin, a platform admin too.
    PlatformAdminCaller.user = acme.admin();
    PlatformAdminCaller.platformAdmin = true;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch suspending = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    try {
      Future<Object> suspension =
          pool.submit(
              () ->
                  inRequest(
                      () -> {
                        tx.begin();
                        try {
                          directory.suspend(acme.id(), "Racing an order", false);
                          suspending.countDown();
                          commit.await(60, TimeUnit.SECONDS);
                          tx.commit();
                        } catch (Exception e) {
                          tx.rollback();
                          throw e;
                        }
                        return null;
                      }));
      assertThat(suspending.await(60, TimeUnit.SECONDS)).isTrue();
      Future<Long> order =
          pool.submit(
              () ->
                  inRequest(
                      () ->
                          placing.placeOrder(
                              acme.id(),
                              new OrderForm(
                                  "late",
                                  "no-such-image",
                                  "s-2",
                                  List.of(),
                                  null,
                                  UUID.randomUUID().toString()))));
      // It meets the suspension under way: it waits on the organisation's quota lock (seen in the
      // database's list of running statements; the pattern is built not to match itself).
      eventually(Duration.ofSeconds(30))
          .until(() -> order.isDone() || waitingForTheQuotaLock() > 0);
      commit.countDown();
      suspension.get(60, TimeUnit.SECONDS);
      // Refused once the suspension committed; without the lock it would have read the
      // organisation as active and gone on (to refuse the unknown image).
      assertThatThrownBy(() -> order.get(60, TimeUnit.SECONDS))
          .as("%s", outcome(order))
          .hasCauseInstanceOf(TenantSuspendedException.class);
    } finally {
      commit.countDown();
      pool.shutdown();
      PlatformAdminCaller.reset();
    }
    directory.resume(acme.id());
  }

  @Test
  void aSuspensionNeedsAReasonAPlatformAdminAndAnActiveOrganisation() {
    Org acme = org("Suspension rules");
    PlatformAdminCaller.reset();
    assertThatThrownBy(() -> directory.suspend(acme.id(), "  ", false))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("reason"));
    assertThatThrownBy(() -> directory.suspend(acme.id(), "x".repeat(501), false))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> directory.resume(acme.id())).isInstanceOf(ConflictException.class);
    directory.suspend(acme.id(), "Abuse report 42", false);
    assertThatThrownBy(() -> directory.suspend(acme.id(), "again", false))
        .isInstanceOf(ConflictException.class);
    assertThat(fixture.countAudit(acme.id(), "TENANT_SUSPENDED", "SUCCESS")).isEqualTo(1);

    fixture.as(acme.admin());
    assertThatThrownBy(() -> directory.resume(acme.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> directory.list(new Search(null, null, false), 0, 10))
        .isInstanceOf(AccessDeniedException.class);
    PlatformAdminCaller.reset();
    directory.resume(acme.id());
  }

  @Test
  void theDirectorySearchesSortsAndPagesInTheDatabase() {
    String tag = "Directory " + UUID.randomUUID().toString().substring(0, 6);
    Org small = org(tag + " Alpha");
    Org big = org(tag + " Beta");
    fixture.memberOf(big.id(), "Max", "directory-member.example");
    PlatformAdminCaller.reset();

    Search byName = new Search(tag, Sort.NAME, false);
    assertThat(directory.count(byName)).isEqualTo(2);
    assertThat(directory.list(byName, 0, 10))
        .extracting(Entry::id)
        .containsExactly(small.id(), big.id());
    assertThat(directory.list(new Search(tag, Sort.NAME, true), 0, 1))
        .extracting(Entry::id)
        .containsExactly(big.id());
    assertThat(directory.list(new Search(tag, Sort.NAME, false), 1, 1))
        .extracting(Entry::id)
        .containsExactly(big.id());
    assertThat(directory.list(new Search(tag, Sort.MEMBERS, true), 0, 10))
        .extracting(Entry::members)
        .containsExactly(2L, 1L);
    Entry alpha = directory.list(byName, 0, 1).get(0);
    assertThat(alpha.plan()).isNotBlank();
    assertThat(alpha.spendThisMonthEur()).isNotNull();
    // A search's wildcard characters are taken as written.
    assertThat(directory.count(new Search("%", null, false))).isZero();
    // Its members a page at a time, by name; an organisation that does not exist is not found.
    assertThat(directory.members(big.id(), 0, 1).total()).isEqualTo(2);
    assertThat(directory.members(big.id(), 0, 1).rows()).hasSize(1);
    assertThat(directory.members(big.id(), 1, 5).rows())
        .singleElement()
        .isNotEqualTo(directory.members(big.id(), 0, 1).rows().get(0));
    assertThat(directory.members(big.id(), 0, 5).rows())
        .extracting(m -> m.name().toLowerCase(java.util.Locale.ROOT))
        .isSorted();
    assertThatThrownBy(() -> directory.members(Long.MAX_VALUE, 0, 5))
        .isInstanceOf(NotFoundException.class);
    fixture.as(big.admin());
    assertThatThrownBy(() -> directory.members(big.id(), 0, 5))
        .isInstanceOf(AccessDeniedException.class);
    PlatformAdminCaller.reset();
  }

  @Test
  void aSuspensionThatPowersOffStopsTheRunningVmsAndStartsThemAgainWhenItEnds() throws Exception {
    site = SimulatedSite.start(registry, sync, catalog, "sus", "10.76.0.10");
    Org acme = org("Power off");
    fixture.as(acme.admin());
    long project = projects.createProject(acme.id(), "Ops", "");
    long web = order(acme, project, "web-1");
    long idle = order(acme, project, "idle-1");
    eventually(Duration.ofSeconds(60))
        .until(
            () ->
                stateOf(acme.id(), web) == OrderState.RUNNING
                    && stateOf(acme.id(), idle) == OrderState.RUNNING);
    actions.stop(acme.id(), idle); // its owner's: the suspension must not start it again
    eventually(Duration.ofSeconds(60)).until(() -> stateOf(acme.id(), idle) == OrderState.STOPPED);

    // Placed just before the suspension: on its way, it is powered off once it runs.
    long late = order(acme, project, "late-1");
    PlatformAdminCaller.reset();
    directory.suspend(acme.id(), "Capacity emergency at the provider", true);
    fixture.as(acme.admin());
    eventually(Duration.ofSeconds(60)).until(() -> stateOf(acme.id(), web) == OrderState.STOPPED);
    eventually(Duration.ofSeconds(60)).until(() -> stateOf(acme.id(), late) == OrderState.STOPPED);
    assertThatThrownBy(() -> actions.start(acme.id(), web))
        .isInstanceOf(TenantSuspendedException.class);

    PlatformAdminCaller.reset();
    directory.resume(acme.id());
    fixture.as(acme.admin());
    eventually(Duration.ofSeconds(60))
        .until(
            () ->
                stateOf(acme.id(), web) == OrderState.RUNNING
                    && stateOf(acme.id(), late) == OrderState.RUNNING);
    assertThat(stateOf(acme.id(), idle)).isEqualTo(OrderState.STOPPED);
    assertThat(
            (Long)
                fixture.single(
                    "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p"
                        + " ON p.event_id = e.id WHERE e.tenant_id = ?1"
                        + " AND e.action = 'ORDER_ACTION' AND p.detail LIKE '%suspen%'",
                    acme.id()))
        .as("web and late stopped, then started")
        .isEqualTo(4L);
  }

  private long order(Org org, long project, String name) {
    return placing.placeOrder(
        org.id(),
        new OrderForm(name, site.image, "s-2", List.of(), project, UUID.randomUUID().toString()));
  }
}
