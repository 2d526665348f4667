package eu.federa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in the repository (docs/grafana/federa-dashboard.json) shows only metrics
 * the portal makes: each federa_* name in its queries is a meter registered in the code, as
 * Prometheus names it (dots become underscores; timers add _seconds_count, _sum, _max; counters
 * _total; latencies in buckets _le_total, Meters.timeInBuckets).
 */
class GrafanaDashboardTest {

  private static final Pattern REGISTERED = Pattern.compile("\"(federa(?:\\.[a-z]+)+)\"");
  private static final Pattern QUERIED = Pattern.compile("\\b(federa_[a-z_]+)");
  private static final List<String> SUFFIXES =
      List.of("", "_total", "_seconds_count", "_seconds_sum", "_seconds_max", "_le_total");

  @Test
  void everyMetricOfTheDashboardIsOneThePortalMakes() throws IOException {
    Set<String> made = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = REGISTERED.matcher(Files.readString(source));
        while (m.find()) {
          String base = m.group(1).replace('.', '_');
          SUFFIXES.forEach(suffix -> made.add(base + suffix));
        }
      }
    }
    assertThat(made).contains("federa_http_requests_le_total", "federa_orders");

    String dashboard = Files.readString(Path.of("docs/grafana/federa-dashboard.json"));
    List<String> unknown = new ArrayList<>();
    Matcher q = QUERIED.matcher(dashboard);
    int queried = 0;
    while (q.find()) {
      queried++;
      if (!made.contains(q.group(1))) {
        unknown.add(q.group(1));
      }
    }
    assertThat(queried).isGreaterThan(10);
    assertThat(unknown).isEmpty();
  }
}
