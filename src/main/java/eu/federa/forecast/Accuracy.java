package eu.federa.forecast;

/**
 * How good forecasts are: the mean absolute scaled error (MASE, Hyndman and Koehler 2006), the mean
 * absolute error of the forecasts divided by that of the seasonal-naive forecast (each point is the
 * point one season before) over the training series. Below 1, the forecasts beat seasonal-naive's
 * in-sample errors.
 */
public final class Accuracy {

  private Accuracy() {}

  /** The seasonal-naive forecast's mean absolute error over the training series. */
  public static double seasonalNaiveScale(double[] training, int season) {
    if (training.length <= season) {
      throw new IllegalArgumentException("the training series is not longer than one season");
    }
    double sum = 0;
    for (int t = season; t < training.length; t++) {
      sum += Math.abs(training[t] - training[t - season]);
    }
    return sum / (training.length - season);
  }

  /** The mean absolute error of {@code forecast} against {@code actual}. */
  public static double meanAbsoluteError(double[] actual, double[] forecast) {
    if (actual.length != forecast.length || actual.length == 0) {
      throw new IllegalArgumentException("as many forecasts as actual values, at least one");
    }
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - forecast[i]);
    }
    return sum / actual.length;
  }

  /**
   * MASE of {@code forecast} against {@code actual}, scaled by the training series' naive error.
   */
  public static double mase(double[] training, int season, double[] actual, double[] forecast) {
    return meanAbsoluteError(actual, forecast) / seasonalNaiveScale(training, season);
  }

  /** The seasonal-naive forecast of the {@code horizon} points after {@code history}. */
  public static double[] seasonalNaive(double[] history, int season, int horizon) {
    double[] points = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      points[h] = history[history.length - season + (h % season)];
    }
    return points;
  }
}
