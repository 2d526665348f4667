package eu.federa.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.simulator.HostLoad;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The forecast's accuracy on the simulator's host series, reported as MASE against the
 * seasonal-naive forecast and computed in the same run (docs/performance.md, "Forecasts"): 40 hosts
 * (10 with GPUs), three weeks of five-minute points each, as hourly means; the model is fitted on
 * the first 14 days, then forecasts the next 24 hours at each midnight of the third week and takes
 * that day in before the next.
 */
class ForecastAccuracyTest {

  static final int WEEK = 168;

  record Scores(double model, double weeklyNaive, double dailyNaive, double covered) {}

  static Scores cpuScores(long seed, boolean gpus) {
    double[] hourly =
        Hourly.means(new HostLoad(seed, gpus).days(21).cpuPercent(), HostLoad.POINTS_AN_HOUR);
    double[] training = Arrays.copyOf(hourly, 14 * 24);
    HoltWinters fitted = SeasonalFit.fit(training, 24, WEEK);
    double scale = Accuracy.seasonalNaiveScale(training, WEEK);
    double model = 0;
    double weekly = 0;
    double daily = 0;
    int inside = 0;
    for (int day = 14; day < 21; day++) {
      double[] history = Arrays.copyOf(hourly, day * 24);
      double[] actual = Arrays.copyOfRange(hourly, day * 24, (day + 1) * 24);
      HoltWinters.Forecast ahead = fitted.forecast(24, 1.96);
      model += Accuracy.meanAbsoluteError(actual, ahead.points()) / scale;
      weekly +=
          Accuracy.meanAbsoluteError(actual, Accuracy.seasonalNaive(history, WEEK, 24)) / scale;
      daily += Accuracy.meanAbsoluteError(actual, Accuracy.seasonalNaive(history, 24, 24)) / scale;
      for (int h = 0; h < 24; h++) {
        if (actual[h] >= ahead.lower()[h] && actual[h] <= ahead.upper()[h]) {
          inside++;
        }
      }
      for (double y : actual) {
        fitted.update(y);
      }
    }
    return new Scores(model / 7, weekly / 7, daily / 7, inside / (7.0 * 24));
  }

  @Test
  void theModelBeatsTheSeasonalNaiveForecastOnTheSimulatorsHosts() {
    double model = 0;
    double weekly = 0;
    double daily = 0;
    double covered = 0;
    int hosts = 40;
    int beaten = 0;
    for (int host = 0; host < hosts; host++) {
      Scores s = cpuScores(1000 + host, host % 4 == 0);
      model += s.model() / hosts;
      weekly += s.weeklyNaive() / hosts;
      daily += s.dailyNaive() / hosts;
      covered += s.covered() / hosts;
      if (s.model() < s.weeklyNaive()) {
        beaten++;
      }
    }
    System.out.printf(
        "Forecast accuracy over %d simulated hosts, 24 h ahead, 7 days: MASE Holt-Winters %.3f,"
            + " seasonal naive (a week before) %.3f, (a day before) %.3f; %d hosts better than"
            + " weekly naive; 95 %% interval held %.1f %% of the hours%n",
        hosts, model, weekly, daily, beaten, 100 * covered);
    assertThat(model).as("MASE of the model").isLessThan(1);
    assertThat(model)
        .as("against seasonal naive in the same run")
        .isLessThan(weekly)
        .isLessThan(daily);
    assertThat(covered).as("share of hours inside the 95 %% interval").isGreaterThan(0.8);
  }
}
