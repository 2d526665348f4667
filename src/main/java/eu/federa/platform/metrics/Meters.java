package eu.federa.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Federa's metrics, in the registry WildFly gives the deployment (exported in Prometheus' format at
 * the management interface's /metrics). WildFly's application registry exports only the meters made
 * through its plain methods ({@code counter}, {@code timer}, {@code gauge}: no builder, no
 * histogram), and looks each one up among all meters: the meters are kept here once made.
 *
 * <p>A latency that needs percentiles is also counted in cumulative buckets, one counter per upper
 * bound ({@code NAME_le_total{le="0.05"}}, {@code le="+Inf"}), which PromQL's {@code
 * histogram_quantile} reads like a histogram.
 */
@ApplicationScoped
public class Meters {

  /** Upper bounds of the latency buckets, seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  @Inject MeterRegistry registry;

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Records {@code took} in timer {@code name} with {@code tags} (key, value, ...). */
  public void time(String name, Duration took, String... tags) {
    timers.computeIfAbsent(key(name, tags), k -> registry.timer(name, Tags.of(tags))).record(took);
  }

  /** {@link #time}, and counts {@code took} in the buckets of {@code name.le}. */
  public void timeInBuckets(String name, Duration took, String... tags) {
    time(name, took, tags);
    double seconds = took.toNanos() / 1e9;
    for (double bound : BUCKETS) {
      if (seconds <= bound) {
        count(name + ".le", 1, withLe(tags, format(bound)));
      }
    }
    count(name + ".le", 1, withLe(tags, "+Inf"));
  }

  /** Adds {@code amount} to counter {@code name} with {@code tags}. */
  public void count(String name, double amount, String... tags) {
    counters
        .computeIfAbsent(key(name, tags), k -> registry.counter(name, Tags.of(tags)))
        .increment(amount);
  }

  /** A gauge that reads {@code value} of {@code state} (kept strongly by the registry's caller). */
  public <T> T gauge(String name, T state, ToDoubleFunction<T> value, String... tags) {
    return registry.gauge(name, Tags.of(tags), state, value);
  }

  private static String key(String name, String[] tags) {
    return name + '\u0000' + String.join("\u0000", tags);
  }

  private static String[] withLe(String[] tags, String le) {
    String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
    all[tags.length] = "le";
    all[tags.length + 1] = le;
    return all;
  }

  /** A bound as Prometheus writes it: 0.005, 1.0, 10.0. */
  static String format(double bound) {
    return String.format(Locale.ROOT, "%s", bound);
  }
}
