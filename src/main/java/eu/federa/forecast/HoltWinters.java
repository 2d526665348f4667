package eu.federa.forecast;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Additive Holt-Winters with a trend and one or more seasons (one season: the textbook model; a day
 * and a week on hourly points: Taylor's double-seasonal model), in Hyndman's component form:
 *
 * <pre>
 *   forecast  y^_t = l_{t-1} + b_{t-1} + sum_k s_k,{t-m_k}
 *   level     l_t  = alpha (y_t - sum_k s_k,{t-m_k}) + (1 - alpha)(l_{t-1} + b_{t-1})
 *   trend     b_t  = beta (l_t - l_{t-1}) + (1 - beta) b_{t-1}
 *   season k  s_k,t = gamma_k (y_t - l_{t-1} - b_{t-1} - sum_{j != k} s_j,{t-m_j}) + (1 - gamma_k) s_k,{t-m_k}
 * </pre>
 *
 * The state is updated one observation at a time ({@link #update}); forecasts h steps ahead are
 * {@code l_T + h b_T + sum_k s_k,{T+h-m_k(floor((h-1)/m_k)+1)}}, with a prediction interval from
 * the one-step errors seen (the variance of the class-1 state-space model of the same equations).
 * Not thread-safe; {@link #copy} before sharing.
 */
public final class HoltWinters implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * The smoothing parameters, each from 0 to 1.
   *
   * @param gammas one per season, in the order of the periods
   */
  public record Parameters(double alpha, double beta, double... gammas) implements Serializable {

    public Parameters {
      check("alpha", alpha);
      check("beta", beta);
      gammas = gammas.clone();
      for (double gamma : gammas) {
        check("gamma", gamma);
      }
    }

    private static void check(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be from 0 to 1: " + value);
      }
    }

    @Override
    public double[] gammas() {
      return gammas.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Parameters p
          && alpha == p.alpha
          && beta == p.beta
          && Arrays.equals(gammas, p.gammas);
    }

    @Override
    public int hashCode() {
      return 31 * Double.hashCode(alpha) + 17 * Double.hashCode(beta) + Arrays.hashCode(gammas);
    }

    @Override
    public String toString() {
      return "alpha " + alpha + ", beta " + beta + ", gammas " + Arrays.toString(gammas);
    }
  }

  private final int[] periods;
  private final double alpha;
  private final double beta;
  private final double[] gammas;
  private double level;
  private double trend;

  /**
   * Per season, a ring of its last {@code m_k} values: slot {@code t mod m_k} holds s_k,{t-m_k}.
   */
  private final double[][] seasons;

  /** Observations taken in so far (the index of the next one). */
  private long seen;

  private double squaredErrors;
  private long errors;

  private HoltWinters(
      int[] periods, Parameters parameters, double level, double trend, double[][] seasons) {
    this.periods = periods.clone();
    this.alpha = parameters.alpha();
    this.beta = parameters.beta();
    this.gammas = parameters.gammas();
    this.level = level;
    this.trend = trend;
    this.seasons = new double[seasons.length][];
    for (int k = 0; k < seasons.length; k++) {
      this.seasons[k] = seasons[k].clone();
    }
  }

  /**
   * A model at its initial state, before the first observation.
   *
   * @param seasons per period, its {@code m_k} initial values, oldest first (those of the times
   *     {@code -m_k} to {@code -1})
   */
  public static HoltWinters start(
      int[] periods, Parameters parameters, double level, double trend, double[][] seasons) {
    if (periods.length == 0 || periods.length != seasons.length) {
      throw new IllegalArgumentException("one initial season for each period, at least one");
    }
    if (parameters.gammas.length != periods.length) {
      throw new IllegalArgumentException("one gamma for each period");
    }
    for (int k = 0; k < periods.length; k++) {
      if (periods[k] < 2 || seasons[k].length != periods[k]) {
        throw new IllegalArgumentException(
            "period " + periods[k] + " needs at least 2 and as many initial values");
      }
    }
    return new HoltWinters(periods, parameters, level, trend, seasons);
  }

  /** An independent copy of this model and its state. */
  /** The version of {@link #encode}'s layout. */
  private static final int ENCODING = 1;

  /**
   * The model's whole state (periods, parameters, level, trend, seasons, points seen and the errors
   * its interval comes from) as bytes, to keep it between updates; {@link #decode} reads it back.
   */
  public byte[] encode() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(ENCODING);
      out.writeInt(periods.length);
      for (int k = 0; k < periods.length; k++) {
        out.writeInt(periods[k]);
        out.writeDouble(gammas[k]);
        for (double v : seasons[k]) {
          out.writeDouble(v);
        }
      }
      out.writeDouble(alpha);
      out.writeDouble(beta);
      out.writeDouble(level);
      out.writeDouble(trend);
      out.writeLong(seen);
      out.writeDouble(squaredErrors);
      out.writeLong(errors);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The model {@link #encode} wrote.
   *
   * @throws IllegalArgumentException for bytes it did not write (another layout, cut short, or
   *     values no model holds)
   */
  public static HoltWinters decode(byte[] encoded) {
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      if (in.readByte() != ENCODING) {
        throw new IllegalArgumentException("not a model of layout " + ENCODING);
      }
      int count = in.readInt();
      if (count < 1 || count > 4) {
        throw new IllegalArgumentException("a model has 1 to 4 seasons, not " + count);
      }
      int[] periods = new int[count];
      double[] gammas = new double[count];
      double[][] seasons = new double[count][];
      for (int k = 0; k < count; k++) {
        periods[k] = in.readInt();
        if (periods[k] < 2 || periods[k] > 10_000) {
          throw new IllegalArgumentException("a period of " + periods[k]);
        }
        gammas[k] = in.readDouble();
        seasons[k] = new double[periods[k]];
        for (int i = 0; i < periods[k]; i++) {
          seasons[k][i] = in.readDouble();
        }
      }
      double alpha = in.readDouble();
      double beta = in.readDouble();
      HoltWinters model =
          start(
              periods,
              new Parameters(alpha, beta, gammas),
              in.readDouble(),
              in.readDouble(),
              seasons);
      model.seen = in.readLong();
      model.squaredErrors = in.readDouble();
      model.errors = in.readLong();
      if (in.available() > 0) {
        throw new IllegalArgumentException("bytes after the model");
      }
      return model;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a whole model", e);
    }
  }

  public HoltWinters copy() {
    HoltWinters copy = new HoltWinters(periods, parameters(), level, trend, seasons);
    copy.seen = seen;
    copy.squaredErrors = squaredErrors;
    copy.errors = errors;
    return copy;
  }

  public Parameters parameters() {
    return new Parameters(alpha, beta, gammas);
  }

  public int[] periods() {
    return periods.clone();
  }

  /** How many observations the model has taken in. */
  public long seen() {
    return seen;
  }

  public double level() {
    return level;
  }

  public double trend() {
    return trend;
  }

  /** The forecast of the next observation. */
  public double nextForecast() {
    return level + trend + seasonal(seen);
  }

  private double seasonal(long time) {
    double sum = 0;
    for (int k = 0; k < periods.length; k++) {
      sum += seasons[k][(int) (time % periods[k])];
    }
    return sum;
  }

  /**
   * Takes in the next observation.
   *
   * @return its one-step error (the observation less its forecast)
   */
  public double update(double y) {
    double seasonal = seasonal(seen);
    double error = y - (level + trend + seasonal);
    double newLevel = alpha * (y - seasonal) + (1 - alpha) * (level + trend);
    double newTrend = beta * (newLevel - level) + (1 - beta) * trend;
    for (int k = 0; k < periods.length; k++) {
      int slot = (int) (seen % periods[k]);
      double own = seasons[k][slot];
      double others = seasonal - own;
      seasons[k][slot] = gammas[k] * (y - level - trend - others) + (1 - gammas[k]) * own;
    }
    level = newLevel;
    trend = newTrend;
    seen++;
    squaredErrors += error * error;
    errors++;
    return error;
  }

  /** Forgets the one-step errors seen so far (the interval is then made of those that follow). */
  public void resetErrors() {
    squaredErrors = 0;
    errors = 0;
  }

  /** The root mean square of the one-step errors taken in; NaN before the first. */
  public double oneStepError() {
    return errors == 0 ? Double.NaN : Math.sqrt(squaredErrors / errors);
  }

  /** The point forecasts 1 to {@code horizon} steps ahead. */
  public double[] forecast(int horizon) {
    double[] points = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      points[h - 1] = ahead(h);
    }
    return points;
  }

  /** The point forecast {@code h} steps ahead (1: the next observation). */
  public double ahead(int h) {
    return level + h * trend + seasonal(seen + h - 1);
  }

  /**
   * The forecasts 1 to {@code horizon} steps ahead with their prediction intervals.
   *
   * @param z the normal quantile of the interval (1.96 for 95 %)
   */
  public Forecast forecast(int horizon, double z) {
    double[] points = forecast(horizon);
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    double sigma = oneStepError();
    double sum = 0;
    for (int h = 1; h <= horizon; h++) {
      double spread = Double.isNaN(sigma) ? 0 : z * sigma * Math.sqrt(1 + sum);
      lower[h - 1] = points[h - 1] - spread;
      upper[h - 1] = points[h - 1] + spread;
      double c = alpha * (1 + h * beta);
      for (int k = 0; k < periods.length; k++) {
        if (h % periods[k] == 0) {
          c += gammas[k];
        }
      }
      sum += c * c;
    }
    return new Forecast(points, lower, upper);
  }

  /**
   * Points ahead with their interval.
   *
   * @param points the forecast 1, 2, ... steps ahead
   */
  public record Forecast(double[] points, double[] lower, double[] upper) implements Serializable {

    public Forecast {
      points = points.clone();
      lower = lower.clone();
      upper = upper.clone();
    }

    @Override
    public double[] points() {
      return points.clone();
    }

    @Override
    public double[] lower() {
      return lower.clone();
    }

    @Override
    public double[] upper() {
      return upper.clone();
    }

    public int horizon() {
      return points.length;
    }

    /** The highest upper bound over the horizon: the peak the forecast does not rule out. */
    public double peakUpper() {
      return Arrays.stream(upper).max().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Forecast f
          && Arrays.equals(points, f.points)
          && Arrays.equals(lower, f.lower)
          && Arrays.equals(upper, f.upper);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(points) * 31 + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
      return "Forecast" + Arrays.toString(points);
    }
  }
}
