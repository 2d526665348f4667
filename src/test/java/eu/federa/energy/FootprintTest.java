package eu.federa.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The carbon arithmetic, worked by hand. */
class FootprintTest {

  private static final PowerModel HOST = new PowerModel(150, 500);

  @Test
  void aVmDrawsItsShareOfItsHostAtTheHostsUseTimesThePue() {
    // 4 of 64 cores of a host 25 % busy: (150 + 350 × 0.25) × 4/64 = 14.84375 W of IT power;
    // × PUE 1.58 = 23.4531 W; × 730 h = 17.1208 kWh; × 55 g/kWh (France) = 0.94164 kg.
    Footprint f = Footprint.of(4, 64, 0.25, HOST, 0, null, 0, new Footprint.Site(1.58, 55));
    assertThat(f.itWatts()).isCloseTo(14.84375, within(1e-9));
    assertThat(f.facilityWatts()).isCloseTo(23.453125, within(1e-9));
    assertThat(f.kwhPerMonth()).isCloseTo(17.12078125, within(1e-9));
    assertThat(f.kgCo2ePerMonth()).isCloseTo(0.94164296875, within(1e-9));
  }

  @Test
  void theSameVmInPolandEmitsThirteenTimesAsMuch() {
    Footprint france = Footprint.of(4, 64, 0.25, HOST, 0, null, 0, new Footprint.Site(1.58, 55));
    Footprint poland = Footprint.of(4, 64, 0.25, HOST, 0, null, 0, new Footprint.Site(1.58, 724));
    assertThat(poland.kwhPerMonth()).isEqualTo(france.kwhPerMonth());
    assertThat(poland.kgCo2ePerMonth() / france.kgCo2ePerMonth())
        .isCloseTo(724.0 / 55, within(1e-9));
  }

  @Test
  void gpusAddTheirOwnPowerAndAShareNeverExceedsTheHost() {
    PowerModel h100 = PowerDefaults.gpu("H100 SXM5 80GB");
    assertThat(h100).isEqualTo(new PowerModel(70, 700));
    // One H100 at 60 %: 70 + 630 × 0.6 = 448 W, on top of 8/96 of an idle host (12.5 W).
    Footprint f = Footprint.of(8, 96, 0, HOST, 1, h100, 0.6, new Footprint.Site(1.0, 100));
    assertThat(f.itWatts()).isCloseTo(460.5, within(1e-9));
    assertThat(f.kwhPerMonth()).isCloseTo(460.5 * 730 / 1000, within(1e-9));
    // Asking for more vCPU than the host has counts the whole host, not more.
    assertThat(Footprint.of(128, 64, 1, HOST, 0, null, 0, new Footprint.Site(1, 0)).itWatts())
        .isEqualTo(500);
    assertThat(
            Footprint.of(2, 64, 0.5, HOST, 0, null, 0, new Footprint.Site(1.2, 300))
                .plus(Footprint.of(2, 64, 0.5, HOST, 0, null, 0, new Footprint.Site(1.2, 300)))
                .kgCo2ePerMonth())
        .isCloseTo(
            2
                * Footprint.of(2, 64, 0.5, HOST, 0, null, 0, new Footprint.Site(1.2, 300))
                    .kgCo2ePerMonth(),
            within(1e-12));
  }

  @Test
  void implausibleFactsAreRefusedAndUtilisationIsClamped() {
    assertThat(HOST.watts(1.7)).isEqualTo(500);
    assertThat(HOST.watts(-1)).isEqualTo(150);
    assertThat(HOST.watts(Double.NaN)).isEqualTo(150);
    assertThatThrownBy(() -> new PowerModel(300, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Footprint.Site(0.9, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Footprint.Site(1.5, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Footprint.of(0, 64, 0.5, HOST, 0, null, 0, new Footprint.Site(1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCountryWithoutItsOwnIntensityGetsTheEuAverage() {
    GridIntensities.Table table = new GridIntensities.Table(Map.of("EU", 226.0, "FR", 55.0));
    assertThat(table.gramsCo2ePerKwh("FR")).isEqualTo(55);
    assertThat(table.gramsCo2ePerKwh("NO")).isEqualTo(226);
    assertThat(new GridIntensities.Table(Map.of()).gramsCo2ePerKwh("NO"))
        .isEqualTo(GridIntensities.FALLBACK_GRAMS);
  }

  @Test
  void hoursUsedAreEstimatedPerProviderForInvoices() {
    GridIntensities.Table grid = new GridIntensities.Table(Map.of("EU", 226.0, "FR", 55.0));
    UsageEnergy.Provider paris = new UsageEnergy.Provider(1.5, HOST, 64, 50.0, null);
    // 64 vCPU-hours: a whole 64-core host for an hour at 50 %, (150 + 175) W = 325 Wh, x 1.5.
    UsageEnergy cpu =
        UsageEnergy.of(
            java.util.List.of(new UsageEnergy.Hours("Paris", "FR", 64, 0, null)),
            Map.of("Paris", paris),
            grid);
    assertThat(cpu.kwh()).isCloseTo(0.4875, within(1e-12));
    assertThat(cpu.kgCo2e()).isCloseTo(0.4875 * 55 / 1000, within(1e-12));
    assertThat(cpu.measured()).isTrue();
    // 10 H100 GPU-hours at the assumed 60 %: 448 W each, 4.48 kWh, x 1.5.
    UsageEnergy gpu =
        UsageEnergy.of(
            java.util.List.of(new UsageEnergy.Hours("Paris", "FR", 0, 10, "H100 SXM5 80GB")),
            Map.of("Paris", paris),
            grid);
    assertThat(gpu.kwh()).isCloseTo(6.72, within(1e-12));
    assertThat(gpu.measured()).as("the GPUs' use was assumed").isFalse();
    // The same hours where the provider's held GPUs were measured at 90 %: 70 + 630 W each.
    UsageEnergy measuredGpu =
        UsageEnergy.of(
            java.util.List.of(new UsageEnergy.Hours("Paris", "FR", 0, 10, "H100 SXM5 80GB")),
            Map.of("Paris", new UsageEnergy.Provider(1.5, HOST, 64, 50.0, 90.0)),
            grid);
    assertThat(measuredGpu.kwh()).isCloseTo(10 * 0.637 * 1.5, within(1e-12));
    assertThat(measuredGpu.measured()).isTrue();
    // A provider not known any more: the defaults (a core host of 64 cores, 50 %, PUE 1.58),
    // said to be assumed; its country's intensity or the EU average.
    UsageEnergy unknown =
        UsageEnergy.of(
            java.util.List.of(new UsageEnergy.Hours("Gone", "NO", 64, 0, null)), Map.of(), grid);
    assertThat(unknown.kwh()).isCloseTo(0.325 * 1.58, within(1e-12));
    assertThat(unknown.kgCo2e()).isCloseTo(0.325 * 1.58 * 226 / 1000, within(1e-12));
    assertThat(unknown.measured()).isFalse();
  }

  @Test
  void aProvidersHostsDrawTheirOwnModelsWhereSetAndTheProvidersElsewhere() {
    PowerModel providers = new PowerModel(100, 400);
    // Four hosts, one with its own 200-800 W: the mean host draws (3 x 100 + 200) / 4 idle.
    PowerModel mean =
        Footprints.meanHost(
            providers,
            4,
            java.util.List.of(new eu.federa.cloud.registry.HostPowers.Power(200, 800)));
    assertThat(mean.idleWatts()).isCloseTo(125, within(1e-12));
    assertThat(mean.fullWatts()).isCloseTo(500, within(1e-12));
    // None set: the provider's; hosts not known (none counted): the ones set alone.
    assertThat(Footprints.meanHost(providers, 4, java.util.List.of())).isEqualTo(providers);
    assertThat(
            Footprints.meanHost(
                providers,
                0,
                java.util.List.of(new eu.federa.cloud.registry.HostPowers.Power(200, 800))))
        .isEqualTo(new PowerModel(200, 800));
  }

  @Test
  void gpuModelsHaveTheirDataSheetsBoardPower() {
    assertThat(PowerDefaults.gpu("A100 SXM4 80GB").fullWatts()).isEqualTo(400);
    assertThat(PowerDefaults.gpu("L40S 48GB").fullWatts()).isEqualTo(350);
    assertThat(PowerDefaults.gpu("H100 PCIe").fullWatts()).isEqualTo(350);
    assertThat(PowerDefaults.gpu(null).fullWatts()).isEqualTo(300);
    assertThat(PowerDefaults.host(true)).isEqualTo(PowerDefaults.EDGE_HOST);
  }
}
