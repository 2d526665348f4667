package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import eu.federa.placement.LatencyModel.Site;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  @Test
  void greatCircleDistancesMatchKnownValues() {
    assertThat(Hosts.PARIS.distanceKm(Hosts.FRANKFURT)).isCloseTo(479, within(5.0));
    assertThat(Hosts.PARIS.distanceKm(Hosts.LISBON)).isCloseTo(1453, within(10.0));
    assertThat(Hosts.PARIS.distanceKm(Hosts.PARIS)).isZero();
  }

  @Test
  void theEstimateIsTwiceTheFibreRouteAtTwoHundredKilometresPerMillisecondPlusOverhead() {
    Site paris = new Site("Paris", Hosts.PARIS);
    double km = Hosts.PARIS.distanceKm(Hosts.FRANKFURT);
    assertThat(LatencyModel.DEFAULT.estimateMs(paris, 1, Hosts.FRANKFURT))
        .isCloseTo(2 * km * 1.5 / 200 + 2, within(1e-9))
        .isCloseTo(9.2, within(0.1));
    assertThat(LatencyModel.DEFAULT.estimateMs(paris, 1, Hosts.PARIS)).isEqualTo(2.0);
  }

  @Test
  void measuredLatenciesOverrideTheEstimate() {
    LatencyModel measured = LatencyModel.DEFAULT.withMeasurements(Map.of("Paris", Map.of(7L, 3.5)));
    Site paris = new Site("Paris", Hosts.PARIS);
    assertThat(measured.estimateMs(paris, 7, Hosts.LISBON)).isEqualTo(3.5);
    assertThat(measured.estimateMs(paris, 8, Hosts.PARIS)).isEqualTo(2.0);
  }

  @Test
  void implausibleModelsAndCoordinatesAreRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new LatencyModel(0, 1.5, 2, Map.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> new LatencyModel(200, 0.5, 2, Map.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(91, 0));
  }
}
