package eu.federa.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoltWintersTest {

  /** Hourly load with a daily and a weekly cycle and a slow rise, without noise. */
  static double[] cycles(int hours) {
    double[] y = new double[hours];
    for (int t = 0; t < hours; t++) {
      double day = Math.sin(2 * Math.PI * (t % 24) / 24);
      double weekend = (t / 24) % 7 >= 5 ? -8 : 0;
      y[t] = 40 + 0.01 * t + 15 * day + weekend;
    }
    return y;
  }

  @Test
  void aDailyAndWeeklyCycleIsLearnedFromTwoWeeksAndForecastClosely() {
    double[] history = cycles(14 * 24);
    double[] next = java.util.Arrays.copyOfRange(cycles(15 * 24), 14 * 24, 15 * 24);
    HoltWinters model = SeasonalFit.fit(history, 24, 168);

    double[] ahead = model.forecast(24);

    assertThat(Accuracy.meanAbsoluteError(next, ahead)).isLessThan(0.5);
    assertThat(Accuracy.mase(history, 168, next, ahead)).isLessThan(0.2);
  }

  @Test
  void takingPointsInOneAtATimeIsTheSameAsFittingAgainOnTheSameParameters() {
    double[] y = cycles(21 * 24);
    HoltWinters fitted = SeasonalFit.fit(java.util.Arrays.copyOf(y, 14 * 24), 24, 168);
    HoltWinters refreshed = fitted.copy();
    for (int t = 14 * 24; t < y.length; t++) {
      refreshed.update(y[t]);
    }
    assertThat(refreshed.seen()).isEqualTo(21 * 24);
    assertThat(fitted.seen()).as("the copy moved alone").isEqualTo(14 * 24);
    // The refreshed model forecasts the fourth week as well as the fit did the third.
    double[] fourth = java.util.Arrays.copyOfRange(cycles(22 * 24), 21 * 24, 22 * 24);
    assertThat(Accuracy.meanAbsoluteError(fourth, refreshed.forecast(24))).isLessThan(0.5);
  }

  @Test
  void aModelKeptAsBytesComesBackWhole() {
    double[] y = cycles(15 * 24);
    HoltWinters fitted = SeasonalFit.fit(java.util.Arrays.copyOf(y, 14 * 24), 24, 168);
    HoltWinters back = HoltWinters.decode(fitted.encode());
    assertThat(back.parameters()).isEqualTo(fitted.parameters());
    assertThat(back.periods()).containsExactly(24, 168);
    assertThat(back.seen()).isEqualTo(fitted.seen());
    // The same forecast and interval, and the same after both take in the next day.
    assertThat(back.forecast(24, 1.96).upper()).containsExactly(fitted.forecast(24, 1.96).upper());
    for (int t = 14 * 24; t < y.length; t++) {
      fitted.update(y[t]);
      back.update(y[t]);
    }
    assertThat(back.forecast(24, 1.96).points())
        .containsExactly(fitted.forecast(24, 1.96).points());
    assertThat(back.oneStepError()).isEqualTo(fitted.oneStepError());
  }

  @Test
  void bytesNotWrittenByAModelAreRefused() {
    byte[] whole = SeasonalFit.fit(cycles(4 * 24), 24).encode();
    assertThatThrownBy(() -> HoltWinters.decode(java.util.Arrays.copyOf(whole, whole.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
    assertThatThrownBy(() -> HoltWinters.decode(longer))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] otherLayout = whole.clone();
    otherLayout[0] = 9;
    assertThatThrownBy(() -> HoltWinters.decode(otherLayout))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HoltWinters.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badParametersAndShortSeriesAreRefused() {
    assertThatThrownBy(() -> new HoltWinters.Parameters(1.5, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> new HoltWinters.Parameters(0.5, 0, Double.NaN))
        .hasMessageContaining("gamma");
    assertThatThrownBy(() -> SeasonalFit.fit(cycles(300), 24, 168))
        .hasMessageContaining("two cycles of 168");
    double[] gap = cycles(400);
    gap[10] = Double.NaN;
    assertThatThrownBy(() -> SeasonalFit.fit(gap, 24)).hasMessageContaining("NaN");
    assertThatThrownBy(
            () ->
                HoltWinters.start(
                    new int[] {24},
                    new HoltWinters.Parameters(0.5, 0, 0.1, 0.1),
                    0,
                    0,
                    new double[][] {new double[24]}))
        .hasMessageContaining("one gamma for each period");
  }

  @Test
  void masesScaleIsTheSeasonalNaiveErrorOverTheTraining() {
    double[] training = {1, 2, 3, 2, 4, 5};
    // Seasonal naive with season 3: |2-1| + |4-2| + |5-3| over 3 = 5/3.
    assertThat(Accuracy.seasonalNaiveScale(training, 3)).isCloseTo(5.0 / 3, within(1e-12));
    assertThat(Accuracy.seasonalNaive(training, 3, 4)).containsExactly(2, 4, 5, 2);
    assertThat(Accuracy.mase(training, 3, new double[] {3, 3}, new double[] {2, 4}))
        .isCloseTo(1 / (5.0 / 3), within(1e-12));
  }
}
