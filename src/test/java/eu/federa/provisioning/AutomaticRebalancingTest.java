package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.placement.RebalancePlanner;
import eu.federa.placement.RebalancePlanner.Move;
import eu.federa.tenancy.Residency;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Automatic rebalancing's limits, and where a planned VM may go. */
class AutomaticRebalancingTest {

  private static Move move(long order, long tenant, boolean across) {
    return new Move(
        order,
        tenant,
        RebalancePlanner.Reason.HOT_SPOT,
        1,
        2,
        across ? 6 : 5,
        across,
        !across,
        95,
        80,
        10,
        25,
        0,
        0);
  }

  @Test
  void aRunStartsNoMoreThanTheHoursRoomInAllAndPerTenantInThePlansOrder() {
    List<Move> plan = new ArrayList<>();
    for (long i = 1; i <= 6; i++) {
      plan.add(move(i, i % 2 == 0 ? 20 : 10, false)); // tenants 10 and 20 alternate
    }
    // Tenant 10 had one move in the last hour; two per tenant; five in all are left.
    AutomaticRebalancing.Selection chosen =
        AutomaticRebalancing.select(plan, 5, Map.of(10L, 1), 2, Set.of(), false);
    assertThat(chosen.moves()).extracting(Move::orderId).containsExactly(1L, 2L, 4L);
    assertThat(chosen.skipped()).isEqualTo(3);
    // The hour's room in all is reached first.
    assertThat(AutomaticRebalancing.select(plan, 2, Map.of(), 5, Set.of(), false).moves())
        .extracting(Move::orderId)
        .containsExactly(1L, 2L);
    assertThat(AutomaticRebalancing.select(plan, 0, Map.of(), 5, Set.of(), false).moves())
        .isEmpty();
  }

  @Test
  void aTenantInABlackoutWindowAndMovesToAnotherProviderAreLeftOut() {
    List<Move> plan = List.of(move(1, 10, false), move(2, 20, false), move(3, 30, true));
    AutomaticRebalancing.Selection chosen =
        AutomaticRebalancing.select(plan, 10, Map.of(), 10, Set.of(10L), false);
    assertThat(chosen.moves()).extracting(Move::orderId).containsExactly(2L);
    assertThat(chosen.skipped()).isEqualTo(2);
  }

  @Test
  void movesToAnotherProviderStartWhenThePolicyAllowsThemWithinTheSameLimits() {
    List<Move> plan =
        List.of(move(1, 30, true), move(2, 30, false), move(3, 40, true), move(4, 50, true));
    // Tenant 40 is in a blackout window; one move per tenant; three in all.
    AutomaticRebalancing.Selection chosen =
        AutomaticRebalancing.select(plan, 3, Map.of(), 1, Set.of(40L), true);
    assertThat(chosen.moves()).extracting(Move::orderId).containsExactly(1L, 4L);
    assertThat(chosen.skipped()).isEqualTo(2);
    // A move between providers in the last hour counts as any other.
    assertThat(AutomaticRebalancing.select(plan, 3, Map.of(30L, 1), 1, Set.of(), true).moves())
        .extracting(Move::orderId)
        .containsExactly(3L, 4L);
  }

  @Test
  void aVmMayGoWhereItsOrderAndItsTenantsResidencyBothAllow() {
    assertThat(RebalancePlans.allowedCountries(Residency.EU_ONLY, "")).isEmpty();
    assertThat(RebalancePlans.allowedCountries(null, "FR,DE"))
        .containsExactlyInAnyOrder("FR", "DE");
    assertThat(RebalancePlans.allowedCountries(new Residency(List.of("FR", "BE")), null))
        .containsExactlyInAnyOrder("FR", "BE");
    assertThat(RebalancePlans.allowedCountries(new Residency(List.of("FR", "BE")), "FR,DE"))
        .containsExactly("FR");
    // Nothing in common (the residency narrowed since): no country, so no host takes it.
    assertThat(RebalancePlans.allowedCountries(new Residency(List.of("BE")), "FR"))
        .isNotEmpty()
        .doesNotContain("FR", "BE");
  }
}
