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
 * as hourly means; a full refresh fits each host's model anew and forecasts 24 hours with its
 * interval, an hourly refresh takes in the last hour's mean and forecasts again. Both on all cores
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
  HoltWinters[] models;

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
    models = new HoltWinters[HOSTS];
    IntStream.range(0, HOSTS).parallel().forEach(h -> models[h] = SeasonalFit.hourly(hourly[h]));
  }

  /** Every host's model fitted anew on its three weeks, then 24 hours forecast. */
  @Benchmark
  public double fullRefit() {
    return IntStream.range(0, HOSTS)
        .parallel()
        .mapToDouble(h -> SeasonalFit.hourly(hourly[h]).forecast(24, 1.96).peakUpper())
        .sum();
  }

  /** Every host's model takes in the last hour, then 24 hours forecast. */
  @Benchmark
  public double hourlyRefresh() {
    return IntStream.range(0, HOSTS)
        .parallel()
        .mapToDouble(
            h -> {
              HoltWinters model = models[h].copy();
              model.update(nextHour[h]);
              return model.forecast(24, 1.96).peakUpper();
            })
        .sum();
  }
}
