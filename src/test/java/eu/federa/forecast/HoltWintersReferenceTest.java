package eu.federa.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model against a reference implementation: statsmodels' ExponentialSmoothing (additive trend
 * and season, period 12, known initial state, fixed parameters) on 20 years of monthly Mauna Loa
 * CO2, as {@code src/test/resources/forecast/make-reference.py} wrote it: every fitted value, the
 * sum of squared errors and 24 months ahead.
 */
class HoltWintersReferenceTest {

  record Reference(
      double level,
      double trend,
      double[] season,
      List<Double> fitted,
      List<Double> ahead,
      double sse) {}

  static List<String[]> rows(String resource) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                HoltWintersReferenceTest.class.getResourceAsStream("/forecast/" + resource),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          rows.add(line.split(","));
        }
      }
    }
    return rows;
  }

  static double[] co2() throws IOException {
    return rows("co2-monthly-1960-1979.csv").stream()
        .mapToDouble(r -> Double.parseDouble(r[1]))
        .toArray();
  }

  static Reference reference() throws IOException {
    double level = 0;
    double trend = 0;
    double[] season = new double[12];
    double sse = 0;
    List<Double> fitted = new ArrayList<>();
    List<Double> ahead = new ArrayList<>();
    for (String[] r : rows("co2-holtwinters-statsmodels.csv")) {
      double value = Double.parseDouble(r[2]);
      switch (r[0]) {
        case "initial" -> {
          if (r[1].equals("level")) {
            level = value;
          } else if (r[1].equals("trend")) {
            trend = value;
          } else {
            season[Integer.parseInt(r[1].substring("season".length()))] = value;
          }
        }
        case "fitted" -> fitted.add(value);
        case "forecast" -> ahead.add(value);
        case "sse" -> sse = value;
        default -> throw new IllegalStateException(r[0]);
      }
    }
    return new Reference(level, trend, season, fitted, ahead, sse);
  }

  @Test
  void fittedValuesAndForecastsAreStatsmodelsOnes() throws IOException {
    double[] co2 = co2();
    Reference ref = reference();
    assertThat(co2).hasSize(240);
    HoltWinters model =
        HoltWinters.start(
            new int[] {12},
            new HoltWinters.Parameters(0.5, 0.05, 0.3),
            ref.level(),
            ref.trend(),
            new double[][] {ref.season()});

    double sse = 0;
    for (int t = 0; t < co2.length; t++) {
      assertThat(model.nextForecast())
          .as("fitted value %d", t)
          .isCloseTo(ref.fitted().get(t), within(1e-9));
      double e = model.update(co2[t]);
      sse += e * e;
    }
    assertThat(sse).isCloseTo(ref.sse(), within(1e-8));
    double[] ahead = model.forecast(24);
    for (int h = 0; h < 24; h++) {
      assertThat(ahead[h]).as("%d months ahead", h + 1).isCloseTo(ref.ahead().get(h), within(1e-9));
    }
  }

  @Test
  void theIntervalGrowsWithTheHorizonAndHoldsTheForecast() throws IOException {
    HoltWinters model = SeasonalFit.fit(co2(), 12);
    HoltWinters.Forecast ahead = model.forecast(24, 1.96);
    double[] points = ahead.points();
    double[] lower = ahead.lower();
    double[] upper = ahead.upper();
    for (int h = 0; h < 24; h++) {
      assertThat(lower[h]).isLessThan(points[h]);
      assertThat(upper[h]).isGreaterThan(points[h]);
      if (h > 0) {
        assertThat(upper[h] - lower[h]).isGreaterThanOrEqualTo(upper[h - 1] - lower[h - 1]);
      }
    }
    // One step ahead the interval is the one-step error's: 1.96 sigma each way.
    assertThat(upper[0] - points[0]).isCloseTo(1.96 * model.oneStepError(), within(1e-12));
  }
}
