package eu.federa.forecast;

import java.util.Arrays;

/**
 * Fits a {@link HoltWinters} model to a series: its initial state from the series' first cycle of
 * the longest period (and the trend from the second), then its smoothing parameters by a coordinate
 * search that minimises the squared errors of the forecasts 1 to 24 points ahead made every 6
 * points after that first cycle. The model returned has taken in the whole series; its interval
 * comes from the errors after the first cycle. About 40 passes over the series: for 14 days of
 * hourly points, well under a millisecond.
 */
public final class SeasonalFit {

  private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9};
  private static final double[] BETAS = {0, 0.005, 0.02, 0.05, 0.1};
  private static final double[] GAMMAS = {0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5};
  private static final int SWEEPS = 2;

  /** The horizon the parameters are chosen for, in points (a day of hours). */
  static final int HORIZON = 24;

  /** How often along the series the forecasts are tried, in points. */
  private static final int ORIGIN_EVERY = 6;

  private SeasonalFit() {}

  /**
   * @param periods the seasons' lengths in points (24 and 168 for hourly points: a day and a week)
   * @throws IllegalArgumentException when the series is shorter than two cycles of the longest
   *     period, or holds a value that is not a number
   */
  public static HoltWinters fit(double[] series, int... periods) {
    int longest = Arrays.stream(periods).max().orElseThrow();
    if (series.length < 2 * longest) {
      throw new IllegalArgumentException(
          "a fit needs two cycles of " + longest + " points; the series has " + series.length);
    }
    for (double value : series) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("the series holds " + value);
      }
    }
    int[] sorted = periods.clone();
    Arrays.sort(sorted);
    Initial initial = initial(series, sorted, longest);
    double alpha = 0.1;
    double beta = 0.01;
    double[] gammas = new double[sorted.length];
    Arrays.fill(gammas, 0.1);
    double best = errorOf(series, sorted, initial, longest, alpha, beta, gammas);
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (double candidate : ALPHAS) {
        double e = errorOf(series, sorted, initial, longest, candidate, beta, gammas);
        if (e < best) {
          best = e;
          alpha = candidate;
        }
      }
      for (double candidate : BETAS) {
        double e = errorOf(series, sorted, initial, longest, alpha, candidate, gammas);
        if (e < best) {
          best = e;
          beta = candidate;
        }
      }
      for (int k = 0; k < gammas.length; k++) {
        for (double candidate : GAMMAS) {
          double kept = gammas[k];
          gammas[k] = candidate;
          double e = errorOf(series, sorted, initial, longest, alpha, beta, gammas);
          if (e < best) {
            best = e;
          } else {
            gammas[k] = kept;
          }
        }
      }
    }
    HoltWinters model = initial.start(sorted, new HoltWinters.Parameters(alpha, beta, gammas));
    for (int t = 0; t < series.length; t++) {
      if (t == longest) {
        model.resetErrors();
      }
      model.update(series[t]);
    }
    return model;
  }

  /** The initial level (at the time before the first point), trend and seasons. */
  record Initial(double level, double trend, double[][] seasons) {

    HoltWinters start(int[] periods, HoltWinters.Parameters parameters) {
      return HoltWinters.start(periods, parameters, level, trend, seasons);
    }
  }

  static Initial initial(double[] y, int[] sortedPeriods, int longest) {
    double first = mean(y, 0, longest);
    double second = mean(y, longest, 2 * longest);
    double trend = (second - first) / longest;
    // The first cycle's mean is the level at its middle; the model starts one step before it.
    double level = first - ((longest - 1) / 2.0 + 1) * trend;
    double[] rest = new double[longest];
    for (int i = 0; i < longest; i++) {
      rest[i] = y[i] - (first + (i - (longest - 1) / 2.0) * trend);
    }
    double[][] seasons = new double[sortedPeriods.length][];
    for (int k = 0; k < sortedPeriods.length; k++) {
      int m = sortedPeriods[k];
      double[] sum = new double[m];
      int[] count = new int[m];
      for (int i = 0; i < longest; i++) {
        sum[i % m] += rest[i];
        count[i % m]++;
      }
      double[] season = new double[m];
      double centre = 0;
      for (int p = 0; p < m; p++) {
        season[p] = sum[p] / count[p];
        centre += season[p] / m;
      }
      if (k > 0) {
        // A longer season seen once in the first cycle would start as that cycle's noise: it starts
        // as the mean of each stretch of the shorter period instead (a day's offset within the
        // week), and learns its finer shape from there.
        int stretch = sortedPeriods[k - 1];
        for (int from = 0; from < m; from += stretch) {
          int to = Math.min(m, from + stretch);
          double mean = 0;
          for (int p = from; p < to; p++) {
            mean += season[p] / (to - from);
          }
          for (int p = from; p < to; p++) {
            season[p] = mean;
          }
        }
      }
      for (int p = 0; p < m; p++) {
        season[p] -= centre;
      }
      for (int i = 0; i < longest; i++) {
        rest[i] -= season[i % m];
      }
      seasons[k] = season;
    }
    return new Initial(level, trend, seasons);
  }

  private static double mean(double[] y, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += y[i];
    }
    return sum / (to - from);
  }

  private static double errorOf(
      double[] series,
      int[] periods,
      Initial initial,
      int skip,
      double alpha,
      double beta,
      double[] gammas) {
    HoltWinters model = initial.start(periods, new HoltWinters.Parameters(alpha, beta, gammas));
    double sum = 0;
    for (int t = 0; t < series.length; t++) {
      if (t >= skip && t % ORIGIN_EVERY == 0) {
        // The forecasts are wanted a day ahead, not one step: what a parameter choice is worth is
        // the error of the forecasts 1 to HORIZON steps ahead from origins along the series.
        for (int h = 1; h <= HORIZON && t + h - 1 < series.length; h++) {
          double e = series[t + h - 1] - model.ahead(h);
          sum += e * e;
        }
      }
      model.update(series[t]);
    }
    return sum;
  }
}
