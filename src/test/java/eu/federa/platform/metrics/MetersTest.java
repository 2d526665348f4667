package eu.federa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Latencies counted in cumulative buckets, as histogram_quantile reads them. */
class MetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Meters meters = new Meters();

  {
    meters.registry = registry;
  }

  private double bucket(String le) {
    var counter = registry.find("federa.test.le").tags("route", "/order.xhtml", "le", le).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aLatencyCountsInEveryBucketFromItsOwnUpAndInTheTimer() {
    meters.timeInBuckets("federa.test", Duration.ofMillis(30), "route", "/order.xhtml");
    meters.timeInBuckets("federa.test", Duration.ofMillis(3), "route", "/order.xhtml");
    meters.timeInBuckets("federa.test", Duration.ofSeconds(20), "route", "/order.xhtml");

    assertThat(bucket("0.005")).isEqualTo(1);
    assertThat(bucket("0.025")).isEqualTo(1);
    assertThat(bucket("0.05")).isEqualTo(2);
    assertThat(bucket("10.0")).isEqualTo(2);
    assertThat(bucket("+Inf")).isEqualTo(3);
    assertThat(registry.find("federa.test").tags("route", "/order.xhtml").timer().count())
        .isEqualTo(3);
  }

  @Test
  void countersAndGaugesAreMadeOnceAndReadTheirState() {
    meters.count("federa.test.count", 2, "kind", "input");
    meters.count("federa.test.count", 3, "kind", "input");
    var value = new java.util.concurrent.atomic.AtomicLong(7);
    meters.gauge("federa.test.gauge", value, java.util.concurrent.atomic.AtomicLong::get);

    assertThat(registry.find("federa.test.count").counter().count()).isEqualTo(5);
    assertThat(registry.find("federa.test.gauge").gauge().value()).isEqualTo(7);
    assertThat(registry.getMeters()).hasSize(2);
  }
}
