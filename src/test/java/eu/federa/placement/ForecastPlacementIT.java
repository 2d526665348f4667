package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.registry.HostForecasts;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #20: each host's forecast is refitted from its hourly history by the inventory sync, kept
 * hour by hour, and placement turns away from a host predicted to be busy, saying so in its
 * explanation.
 */
class ForecastPlacementIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject HostForecasts forecasts;
  @Inject PlacementService placement;
  @Inject TeamFixture fixture;
  @jakarta.annotation.Resource jakarta.transaction.UserTransaction tx;

  private OpenNebulaSimulator simulator;
  private long providerId;

  @BeforeEach
  void provider() throws Exception {
    PlatformAdminCaller.platformAdmin = true;
    SimulatedCloud cloud = new SimulatedCloud(3, "fc-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster("fc");
    // fc-01 is smaller and sorts first: packing and names both prefer it.
    cloud.addHost("fc-01", cluster, 16, 65536, 1_000_000);
    cloud.addHost("fc-02", cluster, 32, 131072, 1_000_000);
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId = SimulatedProviders.register(registry, simulator, "Forecast", "it-secret");
    sync.syncNow(providerId);
  }

  @AfterEach
  void stop() {
    simulator.close();
    PlatformAdminCaller.reset();
    registry.setEnabled(providerId, false);
  }

  private int host(String name) {
    return ((Number)
            fixture.single(
                "SELECT one_host_id FROM provider_host WHERE provider_id = ?1 AND name = ?2",
                providerId,
                name))
        .intValue();
  }

  /** Three days of hourly history: busy in working hours, quiet at night, around {@code base}. */
  private void history(int oneHostId, double base) {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    StringBuilder values = new StringBuilder();
    for (int h = 1; h <= 72; h++) {
      Instant at = hour.minus(h, ChronoUnit.HOURS);
      int hourOfDay = at.atZone(ZoneOffset.UTC).getHour();
      double cpu = base + (hourOfDay >= 8 && hourOfDay < 18 ? 8 : -8) + (h % 3);
      values
          .append(values.isEmpty() ? "" : ", ")
          .append("(")
          .append(providerId)
          .append(", ")
          .append(oneHostId)
          .append(", '")
          .append(LocalDateTime.ofInstant(at, ZoneOffset.UTC))
          .append("', ")
          .append(cpu)
          .append(", ")
          .append(cpu + 3)
          .append(", 50, 12)");
    }
    fixture.execute(
        "INSERT INTO host_utilisation_hourly (provider_id, one_host_id, hour, cpu_percent_mean,"
            + " cpu_percent_max, memory_percent_mean, samples) VALUES "
            + values
            + " ON DUPLICATE KEY UPDATE cpu_percent_mean = VALUES(cpu_percent_mean),"
            + " cpu_percent_max = VALUES(cpu_percent_max)");
  }

  private Decision preview() {
    return placement
        .preview(
            new PlacementForm(
                null,
                4.0,
                8192L,
                20L,
                0,
                null,
                null,
                1,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                List.of(providerId),
                List.of(),
                null,
                null))
        .decision();
  }

  @Test
  void aHostPredictedBusyIsAvoidedAndTheExplanationShowsTheForecast() {
    // Without forecasts (too little history), the smaller host wins, as packing prefers.
    Decision before = preview();
    assertThat(before.choices().get(0).hostName()).isEqualTo("fc-01");
    assertThat(before.explanation().alternatives())
        .allSatisfy(a -> assertThat(a.forecastPeakCpuPercent()).isNull());

    int busy = host("fc-01");
    int quiet = host("fc-02");
    history(busy, 85);
    history(quiet, 20);
    fixture.execute(
        "UPDATE provider_status SET forecast_next_at = NULL WHERE provider_id = ?1", providerId);
    sync.syncNow(providerId);

    // Each host has 24 hours of forecast with its interval, and its peak on the host.
    for (int host : List.of(busy, quiet)) {
      List<HostForecasts.HourForecast> hours = forecasts.of(providerId, host);
      assertThat(hours).hasSize(HostForecasts.HORIZON);
      assertThat(hours)
          .allSatisfy(
              h -> {
                assertThat(h.low()).isLessThanOrEqualTo(h.cpuPercent());
                assertThat(h.high()).isGreaterThanOrEqualTo(h.cpuPercent());
                assertThat(h.high()).isBetween(0.0, 100.0);
              });
    }
    // The provider's forecast: the hosts' weighted by cores (16 busy, 32 quiet), bounds included.
    List<HostForecasts.HourForecast> provider = forecasts.ofProvider(providerId);
    assertThat(provider).hasSize(HostForecasts.HORIZON);
    for (int h = 0; h < provider.size(); h++) {
      double busyHour = forecasts.of(providerId, busy).get(h).cpuPercent();
      double quietHour = forecasts.of(providerId, quiet).get(h).cpuPercent();
      assertThat(provider.get(h).cpuPercent())
          .isCloseTo(
              (16 * busyHour + 32 * quietHour) / 48, org.assertj.core.api.Assertions.within(1e-6));
    }
    double busyPeak = peak(busy);
    double quietPeak = peak(quiet);
    assertThat(busyPeak).isGreaterThan(85);
    assertThat(quietPeak).isLessThan(45);

    // Placement now prefers the host predicted quiet, and shows the forecasts it weighed.
    Decision after = preview();
    assertThat(after.choices().get(0).hostName()).isEqualTo("fc-02");
    assertThat(after.explanation().alternatives())
        .extracting(Decision.Alternative::hostName, Decision.Alternative::forecastPeakCpuPercent)
        .contains(
            org.assertj.core.groups.Tuple.tuple("fc-02", quietPeak),
            org.assertj.core.groups.Tuple.tuple("fc-01", busyPeak));

    // Refitted once per interval: a sync before it is due leaves the forecast as it was.
    fixture.execute(
        "UPDATE host_utilisation_hourly SET cpu_percent_mean = 5 WHERE provider_id = ?1",
        providerId);
    sync.syncNow(providerId);
    assertThat(peak(busy)).isEqualTo(busyPeak);
  }

  /**
   * Each hour a host's kept model takes in the new hours instead of being fitted anew; the first
   * refresh of a day fits it anew from the history.
   */
  @Test
  void eachHourTheKeptModelTakesInTheNewHourAndEachDayItIsFittedAnew() throws Exception {
    int quiet = host("fc-02");
    history(quiet, 30);
    Instant now = Instant.now();
    // Two refreshes an hour apart on the same UTC day (an hour earlier just before midnight).
    Instant end = now.truncatedTo(ChronoUnit.HOURS);
    if (end.atZone(ZoneOffset.UTC).getHour() == 23) {
      end = end.minus(1, ChronoUnit.HOURS);
    }
    Instant first = end.plusSeconds(300);
    refresh(first);
    Object[] kept = model(quiet);
    assertThat(kept).as("a model kept for the host with history").isNotNull();
    assertThat(instant(kept[0])).as("fitted at").isEqualTo(first);
    assertThat(instant(kept[1])).as("through hour").isEqualTo(end);
    eu.federa.forecast.HoltWinters expected =
        eu.federa.forecast.HoltWinters.decode((byte[]) kept[2]);

    // An hour later, with that hour's mean in: the same fit (its time unchanged) has taken it in.
    fixture.execute(
        "INSERT INTO host_utilisation_hourly (provider_id, one_host_id, hour, cpu_percent_mean,"
            + " cpu_percent_max, memory_percent_mean, samples) VALUES (?1, ?2, ?3, 55, 60, 50, 12)"
            + " ON DUPLICATE KEY UPDATE cpu_percent_mean = 55",
        providerId,
        quiet,
        LocalDateTime.ofInstant(end, ZoneOffset.UTC));
    refresh(first.plus(1, ChronoUnit.HOURS));
    Object[] second = model(quiet);
    assertThat(instant(second[0])).as("fitted at").isEqualTo(first);
    assertThat(instant(second[1])).isEqualTo(end.plus(1, ChronoUnit.HOURS));
    expected.update(55);
    List<HostForecasts.HourForecast> hours = forecasts.of(providerId, quiet);
    assertThat(hours).hasSize(24);
    assertThat(hours.get(0).hour()).isEqualTo(end.plus(1, ChronoUnit.HOURS));
    double[] points = expected.forecast(24);
    for (int h = 0; h < 24; h++) {
      assertThat(hours.get(h).cpuPercent())
          .isCloseTo(
              Math.max(0, Math.min(100, points[h])), org.assertj.core.api.Assertions.within(1e-6));
    }

    // The next day's first refresh chooses the parameters again from the history.
    Instant tomorrow = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plusSeconds(60);
    refresh(tomorrow);
    Object[] third = model(quiet);
    assertThat(instant(third[0])).as("fitted anew").isEqualTo(tomorrow);
    assertThat(instant(third[1])).isEqualTo(tomorrow.truncatedTo(ChronoUnit.HOURS));
    // A host without history has neither a forecast nor a model.
    assertThat(model(host("fc-01"))).isNull();
  }

  private void refresh(Instant at) throws Exception {
    tx.begin();
    try {
      forecasts.refresh(providerId, at);
      tx.commit();
    } catch (Exception | Error e) {
      tx.rollback();
      throw e;
    }
  }

  /** The host's kept model: fitted at, through hour, its bytes; null without one. */
  private Object[] model(int oneHostId) {
    List<Object[]> rows =
        fixture.rows(
            "SELECT fitted_at, through_hour, model FROM host_forecast_model"
                + " WHERE provider_id = ?1 AND one_host_id = ?2",
            providerId,
            oneHostId);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static Instant instant(Object dbTime) {
    return dbTime instanceof java.sql.Timestamp t
        ? t.toLocalDateTime().toInstant(ZoneOffset.UTC)
        : ((LocalDateTime) dbTime).toInstant(ZoneOffset.UTC);
  }

  private double peak(int oneHostId) {
    return ((Number)
            fixture.single(
                "SELECT forecast_peak_cpu_percent FROM provider_host"
                    + " WHERE provider_id = ?1 AND one_host_id = ?2",
                providerId,
                oneHostId))
        .doubleValue();
  }
}
