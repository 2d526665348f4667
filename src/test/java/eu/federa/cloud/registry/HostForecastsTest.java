package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.simulator.HostLoad;
import eu.federa.forecast.HoltWinters;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostForecastsTest {

  /** A simulated host's hourly means over {@code days}. */
  private static double[] hourly(int days) {
    double[] fiveMinutes = new HostLoad(11, false).days(days).cpuPercent();
    double[] hours = new double[fiveMinutes.length / HostLoad.POINTS_AN_HOUR];
    for (int h = 0; h < hours.length; h++) {
      double sum = 0;
      for (int i = 0; i < HostLoad.POINTS_AN_HOUR; i++) {
        sum += fiveMinutes[h * HostLoad.POINTS_AN_HOUR + i];
      }
      hours[h] = sum / HostLoad.POINTS_AN_HOUR;
    }
    return hours;
  }

  @Test
  void tooLittleHistoryGivesNoForecast() {
    assertThat(HostForecasts.forecast(new double[47])).isNull();
    assertThat(HostForecasts.forecast(new double[0])).isNull();
  }

  @Test
  void twoDaysGiveADailyForecastAndTwoWeeksADailyAndWeeklyOne() {
    for (int days : List.of(2, 5, 14, 20)) {
      HoltWinters.Forecast f = HostForecasts.forecast(hourly(days));
      assertThat(f).as("%d days", days).isNotNull();
      assertThat(f.horizon()).isEqualTo(HostForecasts.HORIZON);
      for (int h = 0; h < f.horizon(); h++) {
        assertThat(f.lower()[h]).isBetween(0.0, 100.0).isLessThanOrEqualTo(f.points()[h]);
        assertThat(f.upper()[h]).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(f.points()[h]);
      }
      assertThat(f.peakUpper()).isGreaterThan(0).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void aSaturatedHostIsForecastAtMostFull() {
    double[] full = new double[72];
    java.util.Arrays.fill(full, 100);
    for (int i = 0; i < full.length; i += 5) {
      full[i] = 96;
    }
    HoltWinters.Forecast f = HostForecasts.forecast(full);
    assertThat(f.peakUpper()).isEqualTo(100);
  }

  @Test
  void missingHoursTakeTheHourBefore() {
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    double[] series =
        HostForecasts.series(
            List.of(t0, t0.plusSeconds(3600), t0.plusSeconds(4 * 3600)),
            List.of(10.0, 20.0, 50.0),
            t0.plusSeconds(6 * 3600));
    assertThat(series).containsExactly(10, 20, 20, 20, 50, 50);
    assertThat(HostForecasts.series(List.of(), List.of(), t0)).isEmpty();
  }
}
