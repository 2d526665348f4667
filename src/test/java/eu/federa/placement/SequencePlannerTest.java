package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan of many moves: each request sees the capacity the ones before it took. */
class SequencePlannerTest {

  private final SequencePlanner planner = new SequencePlanner(new Placer(LatencyModel.DEFAULT));

  private static Map<Long, BigDecimal> noPrices(PlacementRequest r) {
    return Map.of();
  }

  @Test
  void theNextRequestGoesElsewhereOnceTheCheapestHostIsFull() {
    Candidate cheap = Hosts.at("Cheap", 1, "FR").cores(8, 4).memoryGib(64).price("0.010").build();
    Candidate dear = Hosts.at("Dear", 2, "DE").cores(8, 8).memoryGib(64).price("0.050").build();
    PlacementRequest fourCores = PlacementRequest.of(4, 4096, 10);
    Map<Long, BigDecimal> prices = Map.of(1L, new BigDecimal("0.010"), 2L, new BigDecimal("0.050"));
    List<Decision> plan =
        planner.planEach(Collections.nCopies(3, fourCores), List.of(cheap, dear), r -> prices);
    assertThat(plan).allMatch(Decision::placed);
    assertThat(plan).extracting(d -> d.choices().get(0).providerId()).containsExactly(1L, 2L, 2L);
  }

  @Test
  void aRequestThatNoLongerFitsAnywhereIsUnplacedAndSaysWhy() {
    Candidate only = Hosts.at("Only", 1, "FR").cores(8, 6).memoryGib(64).build();
    PlacementRequest fourCores = PlacementRequest.of(4, 4096, 10);
    List<Decision> plan =
        planner.planEach(
            List.of(fourCores, fourCores), List.of(only), SequencePlannerTest::noPrices);
    assertThat(plan.get(0).placed()).isTrue();
    assertThat(plan.get(1).placed()).isFalse();
    assertThat(plan.get(1).shortfall().filter()).isEqualTo(Filter.CPU);
  }

  @Test
  void eachRequestKeepsItsOwnRulesAndPrices() {
    Candidate paris = Hosts.at("Paris", 1, "FR").cores(64, 64).memoryGib(256).build();
    Candidate berlin = Hosts.at("Berlin", 2, "DE").cores(64, 64).memoryGib(256).build();
    PlacementRequest french = PlacementRequest.of(2, 2048, 10).inCountries(Set.of("FR"));
    PlacementRequest anywhere = PlacementRequest.of(2, 2048, 10);
    Map<Long, BigDecimal> berlinCheaper =
        Map.of(1L, new BigDecimal("0.090"), 2L, new BigDecimal("0.010"));
    List<Decision> plan =
        planner.planEach(List.of(french, anywhere), List.of(paris, berlin), r -> berlinCheaper);
    assertThat(plan.get(0).choices().get(0).providerId()).isEqualTo(1L);
    assertThat(plan.get(1).choices().get(0).providerId()).isEqualTo(2L);
    assertThat(plan.get(1).choices().get(0).priceEurPerHour()).isEqualByComparingTo("0.010");
  }
}
