package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.placement.PlacementChoices;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.BlackoutWindows;
import eu.federa.tenancy.MoveConsent;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applying a rebalancing plan (issue #20): a VM on a host predicted to saturate moves live to a
 * cool host of its provider in the simulator, the order follows it and the move can be taken back;
 * a move the provider undoes leaves the VM where it was; nothing moves a VM of an organisation in a
 * blackout window; automatic rebalancing keeps to its limits.
 */
class RebalancingIT extends InContainerTest {

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
  @Inject RebalancePlans plans;
  @Inject HostMoves hostMoves;
  @Inject AutomaticRebalancing automatic;
  @Inject BlackoutWindows blackouts;
  @Inject MoveConsent consent;

  private SimulatedSite site;
  private SimulatedSite other;
  private String tag;
  private AuthenticatedUser admin;
  private long tenantId;

  @BeforeEach
  void site() throws Exception {
    PlatformAdminCaller.reset();
    tag = UUID.randomUUID().toString().substring(0, 4);
    site = SimulatedSite.start(registry, sync, catalog, "rb" + tag, "10.86.0.10", "FR", 4);
    admin = fixture.person("Rhea", "rebalance-" + tag + ".example");
    tenantId = fixture.tenantOf(admin, "Rebalancing " + UUID.randomUUID());
  }

  @AfterEach
  void stop() {
    PlatformAdminCaller.reset();
    fixture.execute(
        "UPDATE rebalance_policy SET automatic = FALSE, across_providers = FALSE WHERE id = 1");
    SimulatedSite.stopAll(fixture, registry, site, other);
  }

  private long vm(AuthenticatedUser who, long tenant, String name) {
    fixture.as(who);
    long order =
        placing.placeOrder(
            tenant,
            new OrderForm(
                name,
                site.image,
                "s-2",
                List.of(),
                null,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                List.of(),
                false,
                null));
    OrderView vm = running(who, tenant, order);
    assertThat(vm.state()).as("%s", vm.failureReason()).isEqualTo(OrderState.RUNNING);
    return order;
  }

  private OrderView running(AuthenticatedUser who, long tenant, long order) {
    return eventually(Duration.ofSeconds(60))
        .until(
            () -> {
              fixture.as(who);
              return orders.order(tenant, order);
            },
            v -> v.state() == OrderState.RUNNING || v.state().ended());
  }

  private String hostOf(long order) {
    return (String) fixture.single("SELECT host_name FROM vm_order WHERE id = ?1", order);
  }

  /** Hosts with these names are predicted at 95 %, the site's others at 10 %. */
  private void hot(Set<String> hosts) {
    fixture.execute(
        "UPDATE provider_host SET forecast_peak_cpu_percent = 10 WHERE provider_id = ?1",
        site.providerId);
    for (String host : hosts) {
      fixture.execute(
          "UPDATE provider_host SET forecast_peak_cpu_percent = 95 WHERE provider_id = ?1"
              + " AND name = ?2",
          site.providerId,
          host);
    }
  }

  private List<RebalancePlans.MoveLine> planFor(Set<Long> ours) {
    PlatformAdminCaller.reset();
    return plans.now().lines().stream().filter(l -> ours.contains(l.orderId())).toList();
  }

  private HostMoves.View move(long moveId) {
    PlatformAdminCaller.reset();
    return hostMoves.recent(0, 500).rows().stream()
        .filter(m -> m.id() == moveId)
        .findFirst()
        .orElseThrow();
  }

  private HostMoves.View ended(long moveId) {
    return eventually(Duration.ofSeconds(60))
        .until(() -> move(moveId), m -> m.state() != HostMoves.State.MOVING);
  }

  private int simulatorHostOf(long order) {
    Number vmId = (Number) fixture.single("SELECT one_vm_id FROM vm_order WHERE id = ?1", order);
    return site.cloud.vmHost(vmId.intValue());
  }

  private int oneHostId(String hostName) {
    return ((Number)
            fixture.single(
                "SELECT one_host_id FROM provider_host WHERE provider_id = ?1 AND name = ?2",
                site.providerId,
                hostName))
        .intValue();
  }

  private long unsettledClaims(long order) {
    return ((Number)
            fixture.single(
                "SELECT COUNT(*) FROM placement_claim WHERE order_ref = ?1 AND settled_at IS NULL",
                VmOrder.refOf(order)))
        .longValue();
  }

  private Map<Long, String> names(List<RebalancePlans.MoveLine> lines) {
    Map<Long, String> names = new HashMap<>();
    lines.forEach(l -> names.put(l.orderId(), l.vmName()));
    return names;
  }

  @Test
  void anAppliedMoveCarriesTheVmLiveToACoolHostAndCanBeTakenBack() {
    long order = vm(admin, tenantId, "web-1");
    String from = hostOf(order);
    hot(Set.of(from));
    List<RebalancePlans.MoveLine> lines = planFor(Set.of(order));
    assertThat(lines).singleElement().satisfies(l -> assertThat(l.move().live()).isTrue());
    String to = lines.get(0).toHost();

    List<HostMoves.Started> started =
        hostMoves.apply(lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines));
    assertThat(started).singleElement().satisfies(s -> assertThat(s.whyNot()).isNull());
    long moveId = started.get(0).moveId();
    assertThat(ended(moveId).state()).isEqualTo(HostMoves.State.DONE);

    // The VM runs on the new host at the provider, and the order says so.
    OrderView vm = running(admin, tenantId, order);
    assertThat(vm.state()).isEqualTo(OrderState.RUNNING);
    assertThat(vm.hostName()).isEqualTo(to);
    assertThat(simulatorHostOf(order)).isEqualTo(oneHostId(to));
    assertThat(unsettledClaims(order)).isZero();
    assertThat(fixture.countAudit(tenantId, "HOST_MOVE_STARTED", "SUCCESS")).isEqualTo(1);
    assertThat(fixture.countAudit(tenantId, "HOST_MOVE_DONE", "SUCCESS")).isEqualTo(1);
    // The tenant sees the move; another tenant does not.
    fixture.as(admin);
    assertThat(hostMoves.ofTenant(tenantId, 0, 10).rows())
        .singleElement()
        .satisfies(m -> assertThat(m.toHost()).isEqualTo(to));

    // Taken back: the VM returns to where it came from, the first move says by which.
    PlatformAdminCaller.reset();
    long back = hostMoves.reverse(moveId);
    assertThat(ended(back).state()).isEqualTo(HostMoves.State.DONE);
    assertThat(move(back).reason()).isEqualTo("REVERSAL");
    assertThat(move(moveId).reversedByMoveId()).isEqualTo(back);
    assertThat(running(admin, tenantId, order).hostName()).isEqualTo(from);
    assertThat(simulatorHostOf(order)).isEqualTo(oneHostId(from));
    PlatformAdminCaller.reset();
    assertThatThrownBy(() -> hostMoves.reverse(moveId))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.messageKey()).isEqualTo("rebalance.reverse.already"));
    assertThatThrownBy(() -> hostMoves.reverse(987_654_321L)).isInstanceOf(NotFoundException.class);
    // Only platform admins apply, take back, or list the federation's moves.
    fixture.as(admin);
    assertThatThrownBy(() -> hostMoves.reverse(back)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> hostMoves.recent(0, 10)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> hostMoves.apply(List.of(), Map.of()))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aMoveTheProviderUndoesLeavesTheVmRunningWhereItWas() {
    long order = vm(admin, tenantId, "db-1");
    String from = hostOf(order);
    hot(Set.of(from));
    List<RebalancePlans.MoveLine> lines = planFor(Set.of(order));
    site.cloud.failNextMigration();
    long moveId =
        hostMoves
            .apply(lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines))
            .get(0)
            .moveId();
    HostMoves.View failed = ended(moveId);
    assertThat(failed.state()).isEqualTo(HostMoves.State.FAILED);
    assertThat(failed.failure().key()).isEqualTo("order.reason.migrateUndone");
    assertThat(failed.reversible()).isFalse();
    OrderView vm = running(admin, tenantId, order);
    assertThat(vm.state()).isEqualTo(OrderState.RUNNING);
    assertThat(vm.hostName()).isEqualTo(from);
    assertThat(simulatorHostOf(order)).isEqualTo(oneHostId(from));
    assertThat(unsettledClaims(order)).isZero(); // the new host's room went back
    assertThat(fixture.countAudit(tenantId, "HOST_MOVE_FAILED", "SUCCESS")).isEqualTo(1);
  }

  @Test
  void nothingMovesAVmOfAnOrganisationInABlackoutWindowOrOneThatChangedSinceThePlan() {
    long order = vm(admin, tenantId, "app-1");
    String from = hostOf(order);
    hot(Set.of(from));
    List<RebalancePlans.MoveLine> lines = planFor(Set.of(order));
    fixture.as(admin);
    long window = blackouts.add(tenantId, EnumSet.allOf(DayOfWeek.class), "00:00", "24:00");
    assertThat(blackouts.list(tenantId))
        .singleElement()
        .satisfies(w -> assertThat(w.id()).isEqualTo(window));
    PlatformAdminCaller.reset();
    assertThat(
            hostMoves.apply(
                lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines)))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.moveId()).isNull();
              assertThat(s.whyNot().key()).isEqualTo("rebalance.skip.blackout");
            });
    assertThat(running(admin, tenantId, order).hostName()).isEqualTo(from);
    assertThat(unsettledClaims(order)).isZero();
    fixture.as(admin);
    assertThat(hostMoves.ofTenant(tenantId, 0, 10).total()).isZero();

    // Out of the window, a plan made before the VM moved no longer applies to it.
    blackouts.remove(tenantId, window);
    fixture.execute(
        "UPDATE vm_order SET host_id = host_id + 100000 WHERE id = ?1", order); // as if moved
    PlatformAdminCaller.reset();
    assertThat(
            hostMoves.apply(
                lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines)))
        .singleElement()
        .satisfies(s -> assertThat(s.whyNot().key()).isEqualTo("rebalance.skip.movedMeanwhile"));
    fixture.execute("UPDATE vm_order SET host_id = host_id - 100000 WHERE id = ?1", order);
  }

  @Test
  void blackoutWindowsAreCheckedAndOnlyTenantAdminsChangeThem() {
    fixture.as(admin);
    assertThatThrownBy(() -> blackouts.add(tenantId, Set.of(), "25:00", "8h"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("days", "start", "end"));
    assertThatThrownBy(
            () -> blackouts.add(tenantId, EnumSet.of(DayOfWeek.MONDAY), "10:00", "10:00"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).messageKey()).isEqualTo("blackout.error.empty"));
    assertThat(blackouts.list(tenantId)).isEmpty();
    for (int i = 0; i < 20; i++) {
      blackouts.add(tenantId, EnumSet.of(DayOfWeek.SUNDAY), String.format("%02d:00", i), "23:30");
    }
    assertThatThrownBy(
            () -> blackouts.add(tenantId, EnumSet.of(DayOfWeek.SUNDAY), "23:00", "23:30"))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.messageKey()).isEqualTo("blackout.error.tooMany"));
    long first = blackouts.list(tenantId).get(0).id();

    AuthenticatedUser member = fixture.memberOf(tenantId, "Mo", "rebalance-member.example");
    fixture.as(member);
    assertThat(blackouts.list(tenantId)).hasSize(20);
    assertThatThrownBy(
            () -> blackouts.add(tenantId, EnumSet.of(DayOfWeek.MONDAY), "01:00", "02:00"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> blackouts.remove(tenantId, first))
        .isInstanceOf(AccessDeniedException.class);

    AuthenticatedUser stranger = fixture.person("Sol", "rebalance-other.example");
    long other = fixture.tenantOf(stranger, "Other " + UUID.randomUUID());
    fixture.as(stranger);
    assertThatThrownBy(() -> blackouts.remove(other, first)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> blackouts.list(tenantId)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> hostMoves.ofTenant(tenantId, 0, 10))
        .isInstanceOf(NotFoundException.class);
    fixture.as(admin);
    assertThat(blackouts.list(tenantId)).hasSize(20);
  }

  @Test
  void automaticRebalancingKeepsToItsLimitsPerTenantAndBlackoutWindows() {
    AuthenticatedUser otherAdmin = fixture.person("Ravi", "rebalance-auto.example");
    long otherTenant = fixture.tenantOf(otherAdmin, "Rebalancing B " + UUID.randomUUID());
    List<Long> ours =
        new ArrayList<>(List.of(vm(admin, tenantId, "a-1"), vm(admin, tenantId, "a-2")));
    long theirs = vm(otherAdmin, otherTenant, "b-1");
    Set<Long> all = new HashSet<>(ours);
    all.add(theirs);
    // Four hosts, three VMs: the hosts with a VM are hot, at least one is cool.
    Set<String> hotHosts = all.stream().map(this::hostOf).collect(Collectors.toSet());
    hot(hotHosts);
    fixture.as(otherAdmin);
    blackouts.add(otherTenant, EnumSet.allOf(DayOfWeek.class), "00:00", "24:00");

    // Only platform admins change it, within range.
    fixture.as(admin);
    assertThatThrownBy(() -> automatic.change(true, 10, 1, false))
        .isInstanceOf(AccessDeniedException.class);
    PlatformAdminCaller.reset();
    assertThatThrownBy(() -> automatic.change(true, 0, 1000, false))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("maxMovesPerHour", "maxMovesPerTenantPerHour"));
    automatic.change(true, 100, 1, false);
    // This test runs the policy itself; the worker's next run is an hour away.
    fixture.execute(
        "UPDATE rebalance_policy SET next_run_at = ?1 WHERE id = 1",
        java.time.Instant.now().plus(Duration.ofHours(1)));
    AutomaticRebalancing.Policy policy = automatic.policy();
    assertThat(policy.automatic()).isTrue();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM audit_event e JOIN audit_event_personal p"
                            + " ON p.event_id = e.id WHERE e.action = 'REBALANCE_POLICY_CHANGED'"
                            + " AND p.detail LIKE"
                            + " '%at most 100 moves an hour, 1 per organisation, inside providers only'"))
                .longValue())
        .isPositive();

    automatic.run(policy);
    // One move for the first tenant (one an hour per tenant), none for the tenant in its window.
    List<HostMoves.View> mine =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> {
                  fixture.as(admin);
                  return hostMoves.ofTenant(tenantId, 0, 10).rows();
                },
                rows -> rows.size() == 1 && rows.get(0).state() != HostMoves.State.MOVING);
    assertThat(mine.get(0).automatic()).isTrue();
    assertThat(mine.get(0).state()).isEqualTo(HostMoves.State.DONE);
    assertThat(mine.get(0).requestedBy()).isEqualTo(HostMoves.AUTOMATIC);
    fixture.as(otherAdmin);
    assertThat(hostMoves.ofTenant(otherTenant, 0, 10).total()).isZero();

    // A second run within the hour: the first tenant has had its move, the other is still out.
    hot(hotHosts);
    PlatformAdminCaller.reset();
    automatic.run(automatic.policy());
    fixture.as(admin);
    assertThat(hostMoves.ofTenant(tenantId, 0, 10).total()).isEqualTo(1);
    fixture.as(otherAdmin);
    assertThat(hostMoves.ofTenant(otherTenant, 0, 10).total()).isZero();

    // Out of its window, the other tenant's VM moves on the next run.
    long window = blackouts.list(otherTenant).get(0).id();
    blackouts.remove(otherTenant, window);
    hot(hotHosts);
    PlatformAdminCaller.reset();
    automatic.run(automatic.policy());
    fixture.as(otherAdmin);
    assertThat(hostMoves.ofTenant(otherTenant, 0, 10).rows())
        .singleElement()
        .satisfies(m -> assertThat(m.orderId()).isEqualTo(theirs));
    PlatformAdminCaller.reset();
    assertThat(automatic.policy().lastRunMoves()).isNotNull();
  }

  @Test
  void aVmWhoseProviderHasNoRoomMovesToAnotherProviderOnlyWhenItsOrganisationAllowsIt()
      throws Exception {
    // Two VMs of the organisation at the site, before another provider offers their image.
    long order = vm(admin, tenantId, "solo-1");
    long second = vm(admin, tenantId, "solo-2");
    PlatformAdminCaller.reset();
    other = SimulatedSite.start(registry, sync, catalog, "rbo" + tag, "10.87.0.10", "FR", 1);
    other.alsoOffers(catalog, site.image);
    // Every host of the VM's provider is predicted to saturate; the other provider's is cool.
    hotSiteCoolOther();
    assertThat(planFor(Set.of(order))).isEmpty(); // the organisation has not allowed it

    AuthenticatedUser member = fixture.memberOf(tenantId, "Max", "rebalance-consent.example");
    fixture.as(member);
    assertThat(consent.given(tenantId)).isFalse();
    assertThatThrownBy(() -> consent.set(tenantId, true)).isInstanceOf(AccessDeniedException.class);
    fixture.as(admin);
    consent.set(tenantId, true);
    assertThat(fixture.countAudit(tenantId, "TENANT_MOVE_CONSENT_CHANGED", "SUCCESS")).isEqualTo(1);
    List<RebalancePlans.MoveLine> lines = planFor(Set.of(order));
    assertThat(lines)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.move().acrossProviders()).isTrue();
              assertThat(l.move().toProviderId()).isEqualTo(other.providerId);
              assertThat(l.move().live()).isFalse();
            });

    // Withdrawn before the admin applies it: not started.
    fixture.as(admin);
    consent.set(tenantId, false);
    PlatformAdminCaller.reset();
    assertThat(
            hostMoves.apply(
                lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines)))
        .singleElement()
        .satisfies(s -> assertThat(s.whyNot().key()).isEqualTo("rebalance.skip.noConsent"));
    assertThat(running(admin, tenantId, order).state()).isEqualTo(OrderState.RUNNING);

    // Allowed again: the move between providers starts, as an evacuation's would.
    fixture.as(admin);
    consent.set(tenantId, true);
    PlatformAdminCaller.reset();
    HostMoves.Started started =
        hostMoves
            .apply(lines.stream().map(RebalancePlans.MoveLine::move).toList(), names(lines))
            .get(0);
    assertThat(started.whyNot()).as("%s", started.whyNot()).isNull();
    assertThat(started.moveId()).isNotNull();
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT target_provider_id FROM vm_move WHERE id = ?1", started.moveId()))
                .longValue())
        .isEqualTo(other.providerId);
    fixture.as(admin);
    assertThat(orders.order(tenantId, order).state()).isEqualTo(OrderState.MOVING);

    // Automatic rebalancing: the move started by hand counts in the organisation's hour.
    PlatformAdminCaller.reset();
    assertThat(automatic.movesSince(Instant.now().minus(Duration.ofHours(1))))
        .containsEntry(tenantId, 1);
    hotSiteCoolOther();
    assertThat(planFor(Set.of(second)))
        .as("the plan's moves, all VMs: %s", planFor(Set.of(second, order)))
        .singleElement()
        .satisfies(l -> assertThat(l.move().toProviderId()).isEqualTo(other.providerId));
    // Inside providers only (the default): the plan's move of the second VM is left out.
    automatic.change(true, 100, 5, false);
    fixture.execute(
        "UPDATE rebalance_policy SET next_run_at = ?1 WHERE id = 1",
        Instant.now().plus(Duration.ofHours(1)));
    automatic.run(automatic.policy());
    assertThat(movesAcrossOf(second)).isZero();
    // Across providers allowed, but one move an hour per organisation: it had its move.
    automatic.change(true, 100, 1, true);
    automatic.run(automatic.policy());
    assertThat(movesAcrossOf(second)).isZero();
    // Two an hour: the second VM goes to the other provider by itself, named as automatic.
    automatic.change(true, 100, 2, true);
    automatic.run(automatic.policy());
    assertThat(movesAcrossOf(second)).isEqualTo(1);
    assertThat(
            fixture.single(
                "SELECT requested_by FROM vm_move WHERE order_id = ?1 AND target_provider_id = ?2",
                second,
                other.providerId))
        .isEqualTo(HostMoves.AUTOMATIC);
    PlatformAdminCaller.reset();
    assertThat(automatic.movesSince(Instant.now().minus(Duration.ofHours(1))))
        .containsEntry(tenantId, 2);
  }

  @Test
  void aPlanMovesAVmToAnotherProviderOnlyWhereItsOrdersOwnChoicesAllow() throws Exception {
    long order = vm(admin, tenantId, "picky-1");
    PlatformAdminCaller.reset();
    other = SimulatedSite.start(registry, sync, catalog, "rbp" + tag, "10.88.0.10", "FR", 1);
    other.alsoOffers(catalog, site.image);
    fixture.as(admin);
    consent.set(tenantId, true);
    hotSiteCoolOther();
    assertThat(planFor(Set.of(order)))
        .singleElement()
        .satisfies(l -> assertThat(l.move().toProviderId()).isEqualTo(other.providerId));

    // Had the orderer excluded the other provider, or asked for a certification it lacks, the
    // plan would not send the VM there (it used to, and the move was refused when it started).
    setChoices(
        order,
        new PlacementChoices(
            null, null, null, null, null, null, null, List.of(other.providerId), null));
    assertThat(planFor(Set.of(order))).isEmpty();
    setChoices(
        order,
        new PlacementChoices(List.of("HDS"), null, null, null, null, null, null, null, null));
    assertThat(planFor(Set.of(order))).isEmpty();
    // Choices the other provider meets leave the move in the plan.
    setChoices(
        order, new PlacementChoices(null, false, null, null, null, null, null, null, "SPREAD"));
    assertThat(planFor(Set.of(order)))
        .singleElement()
        .satisfies(l -> assertThat(l.move().toProviderId()).isEqualTo(other.providerId));
  }

  private void setChoices(long order, PlacementChoices choices) {
    fixture.execute(
        "UPDATE vm_order SET placement_choices = ?2 WHERE id = ?1", order, choices.toJson());
  }

  /** Every host of the site is predicted to saturate, the other provider's are cool. */
  private void hotSiteCoolOther() {
    fixture.execute(
        "UPDATE provider_host SET forecast_peak_cpu_percent = 95 WHERE provider_id = ?1",
        site.providerId);
    fixture.execute(
        "UPDATE provider_host SET forecast_peak_cpu_percent = 10 WHERE provider_id = ?1",
        other.providerId);
  }

  private long movesAcrossOf(long order) {
    return ((Number) fixture.single("SELECT COUNT(*) FROM vm_move WHERE order_id = ?1", order))
        .longValue();
  }
}
