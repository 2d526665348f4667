package eu.federa.forecast;

/** Points of a finer step as hourly means, the step the forecasts work in. */
public final class Hourly {

  private Hourly() {}

  /**
   * The mean of each whole hour of {@code points} taken {@code perHour} an hour (12 for five-minute
   * points), oldest first; an unfinished last hour is left out.
   */
  public static double[] means(double[] points, int perHour) {
    if (perHour < 1) {
      throw new IllegalArgumentException("at least one point an hour");
    }
    double[] hours = new double[points.length / perHour];
    for (int h = 0; h < hours.length; h++) {
      double sum = 0;
      for (int i = h * perHour; i < (h + 1) * perHour; i++) {
        sum += points[i];
      }
      hours[h] = sum / perHour;
    }
    return hours;
  }
}
