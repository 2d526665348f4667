package eu.federa.forecast;

import eu.federa.cloud.simulator.HostLoad;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Refreshing the forecasts of 10,000 hosts (issue #20, target at most 10 s on 2 cores): each host's
 * three weeks of five-minute CPU points from the simulator ({@link HostLoad}, a quarter with GPUs)
 * as hourly means; a full refresh (the first of each day) fits each host's model anew and forecasts
 * 24 hours with its interval, an hourly refresh reads a host's kept model, takes in the last hour's
 * mean, forecasts again and keeps the model (as {@code HostForecasts.refresh}). Both on all cores
 * (a parallel stream). Run with bench/forecast.sh; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class ForecastRefreshBenchmark {

  static final int HOSTS = 10_000;

  double[][] hourly;
  double[] nextHour;
  byte[][] kept;

  @Setup(Level.Trial)
  public void build() {
    hourly = new double[HOSTS][];
    nextHour = new double[HOSTS];
    IntStream.range(0, HOSTS)
        .parallel()
        .forEach(
            h -> {
              double[] points = new HostLoad(h, h % 4 == 0).days(22).cpuPercent();
              double[] hours = Hourly.means(points, HostLoad.POINTS_AN_HOUR);
              hourly[h] = java.util.Arrays.copyOf(hours, 21 * 24);
              nextHour[h] = hours[21 * 24];
            });
    kept = new byte[HOSTS][];
    IntStream.range(0, HOSTS)
        .parallel()
        .forEach(h -> kept[h] = SeasonalFit.hourly(hourly[h]).encode());
  }

  /** Every host's model fitted anew on its three weeks, then 24 hours forecast. */
  @Benchmark
  public double fullRefit() {
    return IntStream.range(0, HOSTS)
        .parallel()
        .mapToDouble(h -> SeasonalFit.hourly(hourly[h]).forecast(24, 1.96).peakUpper())
        .sum();
  }

  /**
   * As hosts refresh each hour after the day's fit: every host's kept model read back from its
   * bytes, takes in the last hour, forecasts 24 hours, and is written to bytes again (the database
   * reads and writes around it are not counted).
   */
  @Benchmark
  public double hourlyRefresh() {
    return IntStream.range(0, HOSTS)
        .parallel()
        .mapToDouble(
            h -> {
              HoltWinters model = HoltWinters.decode(kept[h]);
              model.update(nextHour[h]);
              double peak = model.forecast(24, 1.96).peakUpper();
              return peak + model.encode().length * 0.0;
            })
        .sum();
  }
}
