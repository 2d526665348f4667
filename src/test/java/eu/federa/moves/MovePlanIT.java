package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.TeamProjects;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: moving many VMs off a provider. A tenant admin plans a project's move (each VM's
 * target, or why it cannot move: here one VM's order keeps it in France and the only other provider
 * is in Germany), then starts it; a platform admin evacuates a provider over every tenant, and each
 * tenant's admins are told.
 */
class MovePlanIT extends InContainerTest {

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
  @Inject TeamProjects projects;
  @Inject MovePlans plans;
  @Inject Moves moves;

  private SimulatedSite source;
  private SimulatedSite target;

  @BeforeEach
  void sites() throws Exception {
    PlatformAdminCaller.reset();
    String tag = UUID.randomUUID().toString().substring(0, 4);
    source = SimulatedSite.start(registry, sync, catalog, "plsrc" + tag, "10.83.0.10");
    target = SimulatedSite.start(registry, sync, catalog, "pldst" + tag, "10.84.0.10", "DE");
  }

  @AfterEach
  void stop() {
    SimulatedSite.stopAll(fixture, registry, source, target);
  }

  private long vm(AuthenticatedUser admin, long tenantId, String name, Long project, String... in) {
    fixture.as(admin);
    long order =
        placing.placeOrder(
            tenantId,
            new OrderForm(
                name,
                source.image,
                "s-2",
                List.of(in),
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
                () -> {
                  fixture.as(admin);
                  return orders.order(tenantId, order);
                },
                v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(vm.state()).as("%s", vm.failureReason()).isEqualTo(OrderState.RUNNING);
    return order;
  }

  private void targetOffersTheImage() {
    PlatformAdminCaller.reset();
    target.alsoOffers(catalog, source.image);
  }

  @Test
  void aProjectMovesOffItsProviderSaveTheVmItsOrderKeepsInFrance() {
    AuthenticatedUser admin = fixture.person("Pia", "plan-move.example");
    long tenantId = fixture.tenantOf(admin, "Plan Move " + UUID.randomUUID());
    long project = projects.createProject(tenantId, "web", "the web tier");
    long free = vm(admin, tenantId, "free", project);
    long french = vm(admin, tenantId, "french", project, "FR");
    long elsewhere = vm(admin, tenantId, "elsewhere", null);
    targetOffersTheImage();
    fixture.as(admin);

    MovePlans.Plan plan = plans.planTenant(tenantId, source.providerId, project);
    Map<Long, MovePlans.Item> byOrder =
        plan.items().stream()
            .collect(Collectors.toMap(MovePlans.Item::orderId, Function.identity()));
    assertThat(byOrder).containsOnlyKeys(free, french); // the project's VMs only
    assertThat(byOrder.get(free).movable()).isTrue();
    assertThat(byOrder.get(free).toProviderId()).isEqualTo(target.providerId);
    assertThat(byOrder.get(free).toCountry()).isEqualTo("DE");
    assertThat(byOrder.get(french).movable()).isFalse();
    assertThat(byOrder.get(french).whyNot().key()).isEqualTo("move.why.nowhere");
    assertThat(plan.movable()).isEqualTo(1);
    assertThat(plan.downtimeSeconds()).isPositive();

    List<MovePlans.Started> started =
        plans.runTenant(tenantId, source.providerId, project, linkBase());
    assertThat(started)
        .filteredOn(s -> s.moveId() != null)
        .extracting(MovePlans.Started::orderId)
        .containsExactly(free);
    long move = started.stream().filter(s -> s.moveId() != null).findFirst().get().moveId();
    MoveView kept =
        eventually(Duration.ofSeconds(120))
            .until(
                () -> {
                  fixture.as(admin);
                  return moves.view(tenantId, move);
                },
                v -> v.state() != MoveState.MOVING);
    assertThat(kept.state()).as("%s", kept.failure()).isEqualTo(MoveState.KEPT);
    fixture.as(admin);
    assertThat(orders.order(tenantId, french).providerName())
        .isEqualTo(orders.order(tenantId, elsewhere).providerName());

    // A member who is no tenant admin may not plan the organisation's moves.
    AuthenticatedUser member = fixture.memberOf(tenantId, "Max", "plan-move.example");
    fixture.as(member);
    assertThatThrownBy(() -> plans.planTenant(tenantId, source.providerId, null))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aPlatformAdminEvacuatesAProviderAndEachTenantIsTold() {
    AuthenticatedUser first = fixture.person("Eva", "evac-one.example");
    long one = fixture.tenantOf(first, "Evac One " + UUID.randomUUID());
    long a = vm(first, one, "a", null);
    AuthenticatedUser second = fixture.person("Ezra", "evac-two.example");
    long two = fixture.tenantOf(second, "Evac Two " + UUID.randomUUID());
    long b = vm(second, two, "b", null);
    targetOffersTheImage();

    fixture.as(first);
    assertThatThrownBy(() -> plans.planEvacuation(source.providerId))
        .isInstanceOf(AccessDeniedException.class);

    PlatformAdminCaller.reset();
    PlatformAdminCaller.platformAdmin = true;
    MovePlans.Plan plan = plans.planEvacuation(source.providerId);
    assertThat(plan.items()).extracting(MovePlans.Item::orderId).containsExactlyInAnyOrder(a, b);
    assertThat(plan.movable()).isEqualTo(2);

    // One move at a time per provider: the second waits in its queue until the first is over.
    System.setProperty(PARALLEL, "1");
    try {
      assertThat(Setting.MOVE_PARALLEL_PER_PROVIDER.intValue()).isEqualTo(1);
      List<MovePlans.Started> started = plans.runEvacuation(source.providerId, linkBase());
      assertThat(started).allMatch(s -> s.moveId() != null);
      assertThat(fixture.lastMessageTo(first.email())[0]).contains("moving off");
      assertThat(fixture.lastMessageTo(second.email())[1]).contains("1 of");
      // The trail says each move and the evacuation in each reader's words, not as English kept.
      movesReadInTheReadersWords(one, two);

      int[] most = {0};
      boolean[] queuedBehind = {false};
      eventually(Duration.ofSeconds(240))
          .until(
              () -> {
                int underWay = count("phase <> 'QUEUED'");
                most[0] = Math.max(most[0], underWay);
                queuedBehind[0] |= underWay == 1 && count("phase = 'QUEUED'") == 1;
                PlatformAdminCaller.platformAdmin = true;
                return moves.offProvider(source.providerId, 10);
              },
              list -> list.size() == 2 && list.stream().allMatch(m -> m.state() == MoveState.KEPT));
      assertThat(most[0]).as("moves under way at once off the provider").isEqualTo(1);
      assertThat(queuedBehind[0]).as("a move waited for the other").isTrue();
      movesReadInTheReadersWords(one, two);
    } finally {
      System.clearProperty(PARALLEL);
    }
  }

  /** Every move entry of these tenants' trails is one of the forms read in a reader's words. */
  private void movesReadInTheReadersWords(long... tenants) {
    for (long tenant : tenants) {
      assertThat(
              fixture.rows(
                  "SELECT e.action, p.detail FROM audit_event e"
                      + " JOIN audit_event_personal p ON p.event_id = e.id"
                      + " WHERE e.tenant_id = ?1 AND e.action LIKE 'MOVE%'",
                  tenant))
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(
              row ->
                  assertThat(
                          AuditDetail.read(AuditAction.valueOf((String) row[0]), (String) row[1]))
                      .as("%s %s", row[0], row[1])
                      .isPresent());
    }
  }

  private static final String PARALLEL = "federa.move.parallel-per-provider";

  /** The source's moves still on their way in a phase ({@code condition}). */
  private int count(String condition) {
    return ((Number)
            fixture.single(
                "SELECT COUNT(*) FROM vm_move WHERE state IN ('MOVING', 'ROLLING_BACK') AND "
                    + condition
                    + " AND source_provider_id = ?1",
                source.providerId))
        .intValue();
  }

  private static String linkBase() {
    return "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080") + "/federa-it";
  }
}
