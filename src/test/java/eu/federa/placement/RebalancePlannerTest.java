package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.placement.RebalancePlanner.Host;
import eu.federa.placement.RebalancePlanner.Limits;
import eu.federa.placement.RebalancePlanner.Move;
import eu.federa.placement.RebalancePlanner.Plan;
import eu.federa.placement.RebalancePlanner.Reason;
import eu.federa.placement.RebalancePlanner.Vm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {

  private static Host host(long id, long provider, String country, double peak) {
    return new Host(id, "h" + id, provider, country, 32, 32 * (1 - peak / 100), peak, true);
  }

  private static Vm vm(long id, long tenant, long host, double vcpu) {
    return new Vm(id, tenant, host, vcpu, 40, true, false, Set.of());
  }

  @Test
  void aHotSpotIsRelievedByTheSmallestVmThatBringsItToTheTarget() {
    Plan plan =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 95), host(2, 10, "FR", 20)),
            List.of(vm(101, 7, 1, 2), vm(102, 7, 1, 4), vm(103, 7, 1, 8), vm(104, 7, 1, 16)),
            Limits.DEFAULT);
    // 8 of 32 cores is 25 %: 95 - 25 = 70, under the target of 75.
    assertThat(plan.moves())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.orderId()).isEqualTo(103);
              assertThat(m.reason()).isEqualTo(Reason.HOT_SPOT);
              assertThat(m.fromHostId()).isEqualTo(1);
              assertThat(m.toHostId()).isEqualTo(2);
              assertThat(m.live()).isTrue();
              assertThat(m.acrossProviders()).isFalse();
              assertThat(m.downtimeSeconds()).isZero();
              assertThat(m.transferGib()).isZero();
              assertThat(m.sourcePeakBefore()).isEqualTo(95);
              assertThat(m.sourcePeakAfter()).isEqualTo(70);
              assertThat(m.targetPeakAfter()).isEqualTo(45);
            });
    assertThat(plan.highestPeakBefore()).isEqualTo(95);
    assertThat(plan.highestPeakAfter()).isEqualTo(70);
    assertThat(plan.hotBefore()).isEqualTo(1);
    assertThat(plan.hotAfter()).isZero();
    assertThat(plan.stillHot()).isEmpty();
  }

  @Test
  void aVmHoldingAGpuMovesColdAndAnotherProviderOnlyWhenTheTenantAllowsItWithinItsCountries() {
    Vm gpu = new Vm(201, 7, 1, 16, 40, false, false, Set.of());
    Plan cold =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 98), host(2, 10, "FR", 10)), List.of(gpu), Limits.DEFAULT);
    assertThat(cold.moves())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.live()).isFalse();
              assertThat(m.downtimeSeconds()).isEqualTo(60);
            });

    // The provider's other host is too warm: only another provider can take it.
    List<Host> hosts = List.of(host(1, 10, "FR", 98), host(2, 10, "FR", 80), host(3, 20, "DE", 10));
    Vm staysHome = new Vm(301, 7, 1, 16, 100, true, false, Set.of());
    assertThat(RebalancePlanner.plan(hosts, List.of(staysHome), Limits.DEFAULT))
        .satisfies(
            p -> {
              assertThat(p.moves()).isEmpty();
              assertThat(p.stillHot()).containsExactly(1L);
            });
    Vm mayLeave = new Vm(302, 7, 1, 16, 100, true, true, Set.of("FR", "DE"));
    Move across = RebalancePlanner.plan(hosts, List.of(mayLeave), Limits.DEFAULT).moves().get(0);
    assertThat(across.toHostId()).isEqualTo(3);
    assertThat(across.acrossProviders()).isTrue();
    assertThat(across.live()).isFalse();
    assertThat(across.transferGib()).isEqualTo(100);
    // 100 GiB at 1 Gbit/s: 800 s, and a minute to switch over.
    assertThat(across.downtimeSeconds()).isEqualTo(860);
    // Never outside the countries it may run in.
    Vm frenchOnly = new Vm(303, 7, 1, 16, 100, true, true, Set.of("FR"));
    assertThat(RebalancePlanner.plan(hosts, List.of(frenchOnly), Limits.DEFAULT).moves()).isEmpty();
  }

  @Test
  void aBarelyUsedHostIsEmptiedWhenAllItsVmsFitElsewhere() {
    Plan plan =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 5), host(2, 10, "FR", 40), host(3, 10, "FR", 8)),
            List.of(vm(401, 7, 1, 1), vm(402, 8, 1, 0.5), vm(403, 7, 3, 2), vm(404, 7, 2, 8)),
            Limits.DEFAULT);
    // Host 1 (least used) is emptied first onto the coolest others; host 3 then has nowhere but
    // host 2, and is emptied too.
    assertThat(plan.emptiedHosts()).containsExactly(1L, 3L);
    assertThat(plan.moves())
        .allSatisfy(m -> assertThat(m.reason()).isEqualTo(Reason.CONSOLIDATION))
        .extracting(Move::orderId)
        .containsExactlyInAnyOrder(401L, 402L, 403L);
    assertThat(plan.moves()).noneMatch(m -> m.toHostId() == 1 || m.toHostId() == 3);
  }

  @Test
  void manyBarelyUsedHostsAreEmptiedThoughTheyAreTheCoolestOfTheirProvider() {
    List<Host> hosts = new java.util.ArrayList<>();
    List<Vm> vms = new java.util.ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      hosts.add(host(i, 10, "FR", 5));
      vms.add(vm(1000 + i, i, i, 1));
    }
    for (int i = 41; i <= 50; i++) {
      hosts.add(host(i, 10, "FR", 30));
    }
    Plan plan = RebalancePlanner.plan(hosts, vms, Limits.DEFAULT);
    assertThat(plan.emptiedHosts()).hasSize(40);
    assertThat(plan.moves())
        .hasSize(40)
        .allSatisfy(m -> assertThat(m.toHostId()).isGreaterThan(40));
    assertThat(plan.highestPeakAfter()).isLessThanOrEqualTo(75);
  }

  @Test
  void limitsCapTheMovesInAllAndPerTenant() {
    List<Host> hosts =
        List.of(
            host(1, 10, "FR", 99),
            host(2, 10, "FR", 99),
            host(3, 10, "FR", 0),
            host(4, 10, "FR", 0));
    List<Vm> vms = List.of(vm(501, 7, 1, 8), vm(502, 7, 2, 8));
    assertThat(RebalancePlanner.plan(hosts, vms, Limits.DEFAULT).moves()).hasSize(2);
    Limits onePerTenant = new Limits(85, 75, 10, 500, 1, 1);
    Plan capped = RebalancePlanner.plan(hosts, vms, onePerTenant);
    assertThat(capped.moves()).hasSize(1);
    assertThat(capped.stillHot()).hasSize(1);
    Limits oneMove = new Limits(85, 75, 10, 1, 50, 1);
    assertThat(
            RebalancePlanner.plan(hosts, List.of(vm(501, 7, 1, 8), vm(502, 8, 2, 8)), oneMove)
                .moves())
        .hasSize(1);
  }

  @Test
  void aMoveInsideAProviderNeverLeavesTheVmsCountries() {
    // One provider with hosts in two countries: the cooler one is outside the VM's countries.
    Vm frOnly = new Vm(301, 7, 1, 8, 40, true, false, Set.of("FR"));
    Plan plan =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 95), host(2, 10, "BE", 5), host(3, 10, "FR", 40)),
            List.of(frOnly),
            Limits.DEFAULT);
    assertThat(plan.moves()).singleElement().satisfies(m -> assertThat(m.toHostId()).isEqualTo(3));
    Plan nowhere =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 95), host(2, 10, "BE", 5)), List.of(frOnly), Limits.DEFAULT);
    assertThat(nowhere.moves()).isEmpty();
    assertThat(nowhere.stillHot()).containsExactly(1L);
  }

  @Test
  void aMoveToAnotherProviderGoesOnlyWhereTheVmsImageIsOffered() {
    Vm offeredAtTwenty = new Vm(401, 7, 1, 8, 100, true, true, Set.of(), Set.of(20L));
    // Provider 30 is coolest, but it does not offer the image; provider 20 does.
    Plan plan =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 95), host(2, 20, "FR", 40), host(3, 30, "FR", 0)),
            List.of(offeredAtTwenty),
            Limits.DEFAULT);
    assertThat(plan.moves())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.toHostId()).isEqualTo(2);
              assertThat(m.toProviderId()).isEqualTo(20);
              assertThat(m.acrossProviders()).isTrue();
            });
  }

  @Test
  void noVmMovesTwiceAHostThatTookOneForAHotSpotIsNotEmptied() {
    // Host 2 takes the hot spot's VM and would then look barely used: it is not emptied.
    Plan plan =
        RebalancePlanner.plan(
            List.of(host(1, 10, "FR", 95), host(2, 10, "FR", 0), host(3, 10, "FR", 30)),
            List.of(vm(501, 7, 1, 2), vm(502, 7, 1, 8)),
            Limits.DEFAULT);
    assertThat(plan.moves()).extracting(Move::orderId).doesNotHaveDuplicates();
    assertThat(plan.moves()).allSatisfy(m -> assertThat(m.reason()).isEqualTo(Reason.HOT_SPOT));
    assertThat(plan.emptiedHosts()).isEmpty();
  }
}
