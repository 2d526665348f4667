package eu.federa.placement;

import static eu.federa.placement.Hosts.FRANKFURT;
import static eu.federa.placement.Hosts.LISBON;
import static eu.federa.placement.Hosts.PARIS;
import static eu.federa.placement.Hosts.WARSAW;
import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.placement.Decision.Choice;
import eu.federa.placement.Decision.Shortfall;
import eu.federa.placement.LatencyModel.Site;
import eu.federa.placement.PlacementRequest.AntiAffinity;
import eu.federa.placement.PlacementRequest.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacerTest {

  private final Placer placer = new Placer(LatencyModel.DEFAULT);

  private static final PlacementRequest SMALL = PlacementRequest.of(2, 4096, 20);

  private Decision place(PlacementRequest request, Candidate... hosts) {
    return placer.place(request, List.of(hosts), Weights.of(request.strategy()));
  }

  private static String provider(Decision d) {
    return d.choices().get(0).providerName();
  }

  private static Filter binding(Decision d) {
    return d.shortfall().filter();
  }

  @Test
  void unusableProvidersAndUnmonitoredHostsAreNeverChosen() {
    Decision d =
        place(
            SMALL,
            Hosts.at("Down", 1, "FR").down().build(),
            Hosts.at("Maintenance", 2, "FR").disabledHost().build(),
            Hosts.at("Up", 3, "FR").build());
    assertThat(provider(d)).isEqualTo("Up");
    assertThat(d.explanation().steps().get(Filter.PROVIDER_USABLE.ordinal()).removed())
        .isEqualTo(1);
    assertThat(d.explanation().steps().get(Filter.HOST_MONITORED.ordinal()).removed()).isEqualTo(1);
  }

  @Test
  void theProvidersARequestAllowsAreThoseItsProviderLevelFiltersPassCapacityAside() {
    List<Candidate> inventory =
        List.of(
            Hosts.at("Paris", 1, "FR").certified("SecNumCloud").cores(32, 0).build(),
            Hosts.at("Paris", 1, "FR").certified("SecNumCloud").named("p2").build(),
            Hosts.at("Frankfurt", 2, "DE").certified("C5").build(),
            Hosts.at("Edge Lisbon", 3, "PT").certified("SecNumCloud").edge().build(),
            Hosts.at("Down", 4, "FR").certified("SecNumCloud").down().build());
    assertThat(placer.providersAllowing(SMALL, inventory)).containsExactlyInAnyOrder(1L, 2L, 3L);
    PlacementRequest certified = SMALL.certified(Set.of("SecNumCloud"));
    // A full host does not matter here: the plan weighs room itself.
    assertThat(placer.providersAllowing(certified, inventory)).containsExactlyInAnyOrder(1L, 3L);
    assertThat(placer.providersAllowing(certified.near(null, null, false), inventory))
        .containsExactly(1L);
    assertThat(placer.providersAllowing(certified.providers(Set.of(), Set.of(1L)), inventory))
        .containsExactly(3L);
    assertThat(placer.providersAllowing(SMALL.inCountries(Set.of("DE")), inventory))
        .containsExactly(2L);
  }

  @Test
  void residencyKeepsWorkloadsInTheAllowedCountries() {
    Candidate fr = Hosts.at("Paris", 1, "FR").price("0.05").build();
    Candidate pl = Hosts.at("Warsaw", 2, "PL").price("0.01").build();
    assertThat(provider(place(SMALL, fr, pl))).isEqualTo("Warsaw");
    assertThat(provider(place(SMALL.inCountries(Set.of("FR", "DE")), fr, pl))).isEqualTo("Paris");
    assertThat(binding(place(SMALL.inCountries(Set.of("DE")), fr, pl))).isEqualTo(Filter.RESIDENCY);
  }

  @Test
  void everyRequiredCertificationMustBeHeld() {
    Candidate both = Hosts.at("Both", 1, "FR").certified("ISO 27001", "SecNumCloud").build();
    Candidate one = Hosts.at("One", 2, "FR").certified("ISO 27001").build();
    Decision d = place(SMALL.certified(Set.of("ISO 27001", "SecNumCloud")), one, both);
    assertThat(provider(d)).isEqualTo("Both");
    assertThat(binding(place(SMALL.certified(Set.of("C5")), one, both)))
        .isEqualTo(Filter.CERTIFICATION);
  }

  @Test
  void includeAndExcludeListsNarrowTheProviders() {
    Candidate a = Hosts.at("A", 1, "FR").build();
    Candidate b = Hosts.at("B", 2, "FR").build();
    assertThat(provider(place(SMALL.providers(Set.of(2L), Set.of()), a, b))).isEqualTo("B");
    assertThat(provider(place(SMALL.providers(Set.of(), Set.of(1L)), a, b))).isEqualTo("B");
    assertThat(binding(place(SMALL.providers(Set.of(1L), Set.of(1L)), a, b)))
        .isEqualTo(Filter.PROVIDER_LIST);
  }

  @Test
  void edgeAndLatencyBudgetPickSitesCloseToTheUsers() {
    Site parisUsers = new Site("Paris office", PARIS);
    Candidate paris = Hosts.at("Paris", 1, "FR").located(PARIS).edge().build();
    Candidate lisbon = Hosts.at("Lisbon", 2, "PT").located(LISBON).edge().build();
    Candidate frankfurt = Hosts.at("Frankfurt", 3, "DE").located(FRANKFURT).build();
    Decision d = place(SMALL.near(parisUsers, 5, true), paris, lisbon, frankfurt);
    assertThat(provider(d)).isEqualTo("Paris");
    assertThat(d.choices().get(0).latencyMs()).isEqualTo(2.0);
    assertThat(binding(place(SMALL.near(parisUsers, 5, true), lisbon, frankfurt)))
        .isEqualTo(Filter.LATENCY);
    assertThat(binding(place(SMALL.near(null, null, true), frankfurt))).isEqualTo(Filter.SITE_KIND);
  }

  @Test
  void aPublicAddressGoesOnlyToProvidersOfferingOne() {
    Candidate cheapWithout = Hosts.at("Cheap", 1, "FR").price("0.01").build();
    Candidate dearWith = Hosts.at("Dear", 2, "FR").price("0.05").withPublicAddresses().build();
    assertThat(provider(place(SMALL, cheapWithout, dearWith))).isEqualTo("Cheap");
    assertThat(provider(place(SMALL.withPublicAddress(true), cheapWithout, dearWith)))
        .isEqualTo("Dear");
    assertThat(binding(place(SMALL.withPublicAddress(true), cheapWithout)))
        .isEqualTo(Filter.PUBLIC_ADDRESS);
  }

  @Test
  void capacityFiltersCountWhatIsFreeAfterClaims() {
    Candidate small = Hosts.at("Small", 1, "FR").cores(8, 1.5).build();
    Candidate tight = Hosts.at("Tight", 2, "FR").memoryGib(3).build();
    Candidate full = Hosts.at("Full", 3, "FR").diskGib(10).build();
    Decision none = place(SMALL, small, tight, full);
    assertThat(none.placed()).isFalse();
    assertThat(none.explanation().steps())
        .filteredOn(s -> s.removed() > 0)
        .extracting(Decision.Step::filter)
        .containsExactly(Filter.CPU, Filter.MEMORY, Filter.DISK);
    assertThat(provider(place(SMALL, small, tight, full, Hosts.at("Fits", 4, "FR").build())))
        .isEqualTo("Fits");
  }

  @Test
  void gpusMatchTheirClassAndModelAndOnlyFreeOnesCount() {
    Candidate a100 = Hosts.at("Frankfurt", 1, "DE").gpu("0302", "A100 PCIe 80GB", 2).build();
    Candidate h100 = Hosts.at("Paris", 2, "FR").gpu("0302", "H100 SXM5 80GB", 4).build();
    Candidate display = Hosts.at("Office", 3, "FR").gpu("0300", "Quadro", 8).build();
    PlacementRequest twoH100 = SMALL.withGpus(2, "0302", "h100");
    assertThat(provider(place(twoH100, a100, h100, display))).isEqualTo("Paris");
    assertThat(provider(place(SMALL.withGpus(2, "0302", null), a100, display)))
        .isEqualTo("Frankfurt");
    assertThat(binding(place(SMALL.withGpus(3, "0302", "A100"), a100, h100))).isEqualTo(Filter.GPU);
  }

  @Test
  void theBindingConstraintNamesWhatWasMissingAndWhereItExists() {
    Candidate paris = Hosts.at("Paris", 1, "FR").gpu("0302", "H100", 1).build();
    Candidate frankfurt = Hosts.at("Frankfurt", 2, "DE").gpu("0302", "A100", 1).build();
    Candidate warsaw = Hosts.at("Warsaw", 3, "PL").gpu("0302", "H100", 2).build();
    Decision d =
        place(
            SMALL.withGpus(2, "0302", null).inCountries(Set.of("DE", "FR")),
            paris,
            frankfurt,
            warsaw);
    Shortfall shortfall = d.shortfall();
    assertThat(shortfall.filter()).isEqualTo(Filter.GPU);
    assertThat(shortfall.wanted()).isEqualTo(2);
    assertThat(shortfall.bestOffered()).isEqualTo(1);
    assertThat(shortfall.elsewhereCountry()).isEqualTo("PL");
    assertThat(shortfall.elsewhereOffered()).isEqualTo(2);
  }

  @Test
  void instancesConsumeCapacitySoTheSecondGoesElsewhere() {
    Candidate a = Hosts.at("A", 1, "FR").cores(4, 4).price("0.01").build();
    Candidate b = Hosts.at("B", 2, "FR").cores(4, 4).price("0.02").build();
    Decision d = place(SMALL.withInstances(3, AntiAffinity.NONE), a, b);
    assertThat(d.choices()).extracting(Choice::providerName).containsExactly("A", "A", "B");
    Decision tooMany = place(SMALL.withInstances(5, AntiAffinity.NONE), a, b);
    assertThat(tooMany.placed()).isFalse();
    assertThat(tooMany.shortfall().instance()).isEqualTo(5);
    assertThat(tooMany.shortfall().filter()).isEqualTo(Filter.CPU);
  }

  @Test
  void antiAffinitySpreadsInstancesOverHostsOrProviders() {
    Candidate a1 = Hosts.at("A", 1, "FR").named("a1").price("0.01").build();
    Candidate a2 = Hosts.at("A", 1, "FR").named("a2").price("0.01").build();
    Candidate b1 = Hosts.at("B", 2, "DE").named("b1").price("0.09").build();
    assertThat(place(SMALL.withInstances(2, AntiAffinity.HOSTS), a1, a2, b1).choices())
        .extracting(Choice::hostName)
        .containsExactly("a1", "a2");
    assertThat(place(SMALL.withInstances(2, AntiAffinity.PROVIDERS), a1, a2, b1).choices())
        .extracting(Choice::providerName)
        .containsExactly("A", "B");
    Decision three = place(SMALL.withInstances(3, AntiAffinity.PROVIDERS), a1, a2, b1);
    assertThat(three.shortfall().filter()).isEqualTo(Filter.ANTI_AFFINITY);
  }

  @Test
  void strategiesWeighPriceLatencyPackingAndSpreading() {
    Site warsawUsers = new Site("Warsaw office", WARSAW);
    Candidate cheapFar =
        Hosts.at("Lisbon", 1, "PT").located(LISBON).price("0.02").cores(32, 8).build();
    Candidate dearNear =
        Hosts.at("Warsaw", 2, "PL").located(WARSAW).price("0.08").cores(32, 30).build();
    PlacementRequest request = SMALL.near(warsawUsers, null, null);
    assertThat(provider(place(request.preferring(Strategy.CHEAPEST), cheapFar, dearNear)))
        .isEqualTo("Lisbon");
    assertThat(provider(place(request.preferring(Strategy.LOWEST_LATENCY), cheapFar, dearNear)))
        .isEqualTo("Warsaw");
    assertThat(provider(place(request.preferring(Strategy.PACK), cheapFar, dearNear)))
        .isEqualTo("Lisbon");
    assertThat(provider(place(request.preferring(Strategy.SPREAD), cheapFar, dearNear)))
        .isEqualTo("Warsaw");
  }

  @Test
  void theGreenestStrategyPrefersWhereAKilowattHourEmitsLeast() {
    // Warsaw's grid at 724 g/kWh in a PUE 1.2 data centre, Helsinki's at 67 g in a PUE 1.6 one.
    Candidate coalCheap =
        Hosts.at("Warsaw", 1, "PL").located(WARSAW).price("0.02").carbon(724 * 1.2).build();
    Candidate cleanDear = Hosts.at("Helsinki", 2, "FI").price("0.05").carbon(67 * 1.6).build();
    assertThat(provider(place(SMALL, coalCheap, cleanDear))).isEqualTo("Warsaw");
    assertThat(provider(place(SMALL.preferring(Strategy.GREENEST), coalCheap, cleanDear)))
        .isEqualTo("Helsinki");
    // Among equally clean sites the tie-breakers (price first) decide.
    Candidate cleanCheap = Hosts.at("Oulu", 3, "FI").price("0.03").carbon(67 * 1.6).build();
    assertThat(
            provider(place(SMALL.preferring(Strategy.GREENEST), coalCheap, cleanDear, cleanCheap)))
        .isEqualTo("Oulu");
    // The other strategies do not weigh carbon.
    assertThat(Weights.of(Strategy.CHEAPEST).carbon()).isZero();
  }

  @Test
  void hostsPredictedBusyAreAvoidedAndTheExplanationShowsTheirForecast() {
    Candidate busy =
        Hosts.at("Alpha", 1, "FR").named("alpha-01").price("0.03").forecastPeak(85).build();
    Candidate quiet =
        Hosts.at("Beta", 2, "FR").named("beta-01").price("0.03").forecastPeak(30).build();
    Decision decision = place(SMALL, busy, quiet);
    assertThat(provider(decision)).isEqualTo("Beta");
    assertThat(decision.explanation().alternatives())
        .extracting(Decision.Alternative::hostName, Decision.Alternative::forecastPeakCpuPercent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("beta-01", 30.0),
            org.assertj.core.groups.Tuple.tuple("alpha-01", 85.0));
    // Without any forecast the weigher stays out: the tie goes to the first by name.
    Candidate alpha = Hosts.at("Alpha", 1, "FR").price("0.03").build();
    Candidate beta = Hosts.at("Beta", 2, "FR").price("0.03").build();
    assertThat(provider(place(SMALL, alpha, beta))).isEqualTo("Alpha");
    // A clearly cheaper host still wins over a somewhat busier one...
    Candidate cheapBusier = Hosts.at("Gamma", 3, "FR").price("0.01").forecastPeak(60).build();
    assertThat(provider(place(SMALL, cheapBusier, quiet))).isEqualTo("Gamma");
    // ... but not when the workload would take it past 100 %: 2 of 32 cores on top of 97 %.
    Candidate cheapFull = Hosts.at("Gamma", 3, "FR").price("0.025").forecastPeak(97).build();
    assertThat(Placer.peakAfter(cheapFull, SMALL)).isEqualTo(97 + 100.0 * 2 / 32);
    assertThat(provider(place(SMALL, cheapFull, quiet))).isEqualTo("Beta");
  }

  @Test
  void tiesGoToTheProviderThenHostThatSortsFirst() {
    Candidate z = Hosts.at("Zeta", 1, "FR").named("z-1").build();
    Candidate a2 = Hosts.at("Alpha", 2, "FR").named("host-2").build();
    Candidate a1 = Hosts.at("Alpha", 2, "FR").named("host-1").build();
    for (List<Candidate> order :
        List.of(List.of(z, a2, a1), List.of(a1, z, a2), List.of(a2, a1, z))) {
      Decision d = placer.place(SMALL, order, Weights.of(Strategy.CHEAPEST));
      assertThat(d.choices().get(0).hostName()).isEqualTo("host-1");
    }
  }

  @Test
  void theExplanationCountsEachFilterAndListsTheBestAlternatives() {
    Candidate a = Hosts.at("A", 1, "FR").price("0.01").build();
    Candidate b = Hosts.at("B", 2, "FR").price("0.02").build();
    Candidate c = Hosts.at("C", 3, "DE").price("0.005").build();
    Candidate down = Hosts.at("D", 4, "FR").down().build();
    var explanation =
        placer.explain(
            SMALL.inCountries(Set.of("FR")), List.of(a, b, c, down), Weights.of(Strategy.CHEAPEST));
    assertThat(explanation.hosts()).isEqualTo(4);
    assertThat(explanation.steps().get(Filter.PROVIDER_USABLE.ordinal()).left()).isEqualTo(3);
    assertThat(explanation.steps().get(Filter.RESIDENCY.ordinal()).removed()).isEqualTo(1);
    assertThat(explanation.steps().get(Filter.GPU.ordinal()).left()).isEqualTo(2);
    assertThat(explanation.alternatives())
        .extracting(Decision.Alternative::providerName)
        .containsExactly("A", "B");
    assertThat(explanation.alternatives().get(0).score())
        .isGreaterThan(explanation.alternatives().get(1).score());
  }

  @Test
  void withoutPricesThePriceWeigherIsNeutral() {
    Candidate a = Hosts.at("A", 1, "FR").cores(32, 4).build();
    Candidate b = Hosts.at("B", 2, "FR").cores(32, 30).price("0.01").build();
    // One host has no price: price does not count (B would win on it); packing decides.
    Decision d = place(SMALL.preferring(Strategy.CHEAPEST), a, b);
    assertThat(provider(d)).isEqualTo("A");
    assertThat(d.choices().get(0).score()).isEqualTo(0.1);
  }

  @Test
  void checkingProviderFiltersOncePerProviderCountsLikeCheckingEveryHost() {
    Random random = new Random(7);
    String[] countries = {"FR", "DE", "PL"};
    List<Candidate> hosts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int provider = random.nextInt(12);
      Hosts builder =
          Hosts.at("P" + provider, provider, countries[provider % 3])
              .located(provider % 2 == 0 ? PARIS : WARSAW)
              .cores(32, random.nextInt(16))
              .memoryGib(random.nextInt(64));
      if (provider % 4 == 0) {
        builder.certified("SecNumCloud");
      }
      if (provider == 5) {
        builder.down();
      }
      if (random.nextInt(10) == 0) {
        builder.disabledHost();
      }
      hosts.add(builder.build());
    }
    PlacementRequest request =
        PlacementRequest.of(4, 8192, 10)
            .inCountries(Set.of("FR", "DE"))
            .certified(Set.of("SecNumCloud"))
            .near(new Site("Paris", PARIS), 50, null);
    int[] naive = new int[Filter.values().length];
    Placer.Round round = new Placer.Round(request, LatencyModel.DEFAULT);
    for (Candidate c : hosts) {
      for (Filter f : Filter.values()) {
        if (!f.passes(c, request, round)) {
          naive[f.ordinal()]++;
          break;
        }
      }
    }
    var steps = placer.explain(request, hosts, Weights.of(Strategy.CHEAPEST)).steps();
    for (Filter f : Filter.values()) {
      assertThat(steps.get(f.ordinal()).removed()).as(f.name()).isEqualTo(naive[f.ordinal()]);
    }
  }
}
