package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmMonitoring;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.energy.Footprints;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #20: the hosts' utilisation history, read from the provider's monitoring by the inventory
 * sync: five-minute points, hourly points, each record taken in once, old points forgotten.
 */
class HostUtilisationIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject HostUtilisationHistory history;
  @Inject TeamFixture fixture;
  @Inject Footprints footprints;
  @Inject HostPowers powers;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private int gpuHost;
  private long providerId;

  @BeforeEach
  void provider() throws Exception {
    PlatformAdminCaller.platformAdmin = true;
    cloud = new SimulatedCloud(7, "load-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster("load");
    cloud.addHost("load-01", cluster, 16, 65536, 1_000_000);
    gpuHost = cloud.addHost("load-02", cluster, 32, 131072, 1_000_000);
    cloud.addGpu(gpuHost, "10de", "20b5", "GA100 [A100 PCIe 80GB]", "0302");
    cloud.addGpu(gpuHost, "10de", "20b5", "GA100 [A100 PCIe 80GB]", "0302");
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId = SimulatedProviders.register(registry, simulator, "Load", "it-secret");
    sync.syncNow(providerId);
  }

  @AfterEach
  void stop() {
    simulator.close();
    PlatformAdminCaller.reset();
    registry.setEnabled(providerId, false);
  }

  private long count(String sql) {
    return ((Number) fixture.single(sql, providerId)).longValue();
  }

  @Test
  void theFirstSyncTakesInTheLastHourOfEachHostsMonitoringOnce() {
    // The simulator records each host every two minutes: about 30 records an hour per host, in
    // twelve or thirteen five-minute points.
    long samples = count("SELECT SUM(samples) FROM host_utilisation WHERE provider_id = ?1");
    assertThat(samples).isBetween(2L * 29, 2L * 31);
    assertThat(
            count(
                "SELECT COUNT(DISTINCT one_host_id) FROM host_utilisation WHERE provider_id = ?1"))
        .isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM host_utilisation WHERE provider_id = ?1"))
        .isBetween(2L * 12, 2L * 13);
    List<Object[]> points =
        fixture.rows(
            "SELECT cpu_percent_sum / samples, memory_percent_sum / samples FROM host_utilisation"
                + " WHERE provider_id = ?1",
            providerId);
    for (Object[] p : points) {
      assertThat(((Number) p[0]).doubleValue()).isBetween(0.0, 100.0);
      assertThat(((Number) p[1]).doubleValue()).isBetween(30.0, 100.0);
    }

    // A sync before the monitoring is due again reads nothing more; when it is due, the records
    // already taken in are not counted twice.
    sync.syncNow(providerId);
    assertThat(count("SELECT SUM(samples) FROM host_utilisation WHERE provider_id = ?1"))
        .isEqualTo(samples);
    fixture.execute(
        "UPDATE provider_status SET monitoring_next_at = NULL WHERE provider_id = ?1", providerId);
    sync.syncNow(providerId);
    assertThat(count("SELECT SUM(samples) FROM host_utilisation WHERE provider_id = ?1"))
        .isBetween(samples, samples + 2);

    // The provider's page lists each host's use over the last day: its mean and its peak.
    assertThat(registry.hosts(providerId, 0, 10).rows())
        .hasSize(2)
        .allSatisfy(
            h -> {
              assertThat(h.cpuUsePercent()).isBetween(0.0, 100.0);
              assertThat(h.cpuUsePeakPercent()).isGreaterThanOrEqualTo(h.cpuUsePercent() - 1e-9);
            });
  }

  @Test
  void hoursAreRolledUpAndOldPointsForgotten() {
    Instant now = Instant.now();
    Instant hour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    List<HostUtilisationHistory.HourPoint> hours =
        history.hourly(
            providerId,
            firstHost(),
            hour.minus(Duration.ofHours(2)),
            hour.plus(Duration.ofHours(1)));
    assertThat(hours).isNotEmpty();
    // Each hour's mean is the mean of its five-minute points' records.
    for (HostUtilisationHistory.HourPoint h : hours) {
      Object[] sums =
          fixture
              .rows(
                  "SELECT SUM(cpu_percent_sum) / SUM(samples), MAX(cpu_percent_sum / samples)"
                      + " FROM host_utilisation WHERE provider_id = ?1 AND one_host_id = ?2"
                      + " AND at >= ?3 AND at < ?4",
                  providerId,
                  h.oneHostId(),
                  java.time.LocalDateTime.ofInstant(h.hour(), java.time.ZoneOffset.UTC),
                  java.time.LocalDateTime.ofInstant(
                      h.hour().plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC))
              .get(0);
      assertThat(h.cpuPercent()).isCloseTo(((Number) sums[0]).doubleValue(), within(1e-9));
      assertThat(h.cpuPercentMax()).isCloseTo(((Number) sums[1]).doubleValue(), within(1e-9));
      assertThat(h.cpuPercentMax()).isGreaterThanOrEqualTo(h.cpuPercent() - 1e-9);
    }

    // Points older than kept go at the next reading: five-minute ones after 14 days, hourly ones
    // after a year.
    fixture.execute(
        "INSERT INTO host_utilisation (provider_id, one_host_id, at, cpu_percent_sum,"
            + " memory_percent_sum, samples)"
            + " VALUES (?1, 99, UTC_TIMESTAMP() - INTERVAL 15 DAY, 10, 40, 1),"
            + " (?1, 99, UTC_TIMESTAMP() - INTERVAL 13 DAY, 10, 40, 1)",
        providerId);
    fixture.execute(
        "INSERT INTO host_utilisation_hourly (provider_id, one_host_id, hour, cpu_percent_mean,"
            + " cpu_percent_max, memory_percent_mean, samples) VALUES"
            + " (?1, 99, UTC_TIMESTAMP() - INTERVAL 400 DAY, 10, 20, 40, 12),"
            + " (?1, 99, UTC_TIMESTAMP() - INTERVAL 300 DAY, 10, 20, 40, 12)",
        providerId);
    fixture.execute(
        "UPDATE provider_status SET monitoring_next_at = NULL WHERE provider_id = ?1", providerId);
    sync.syncNow(providerId);
    assertThat(
            count(
                "SELECT COUNT(*) FROM host_utilisation WHERE provider_id = ?1 AND one_host_id = 99"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM host_utilisation_hourly WHERE provider_id = ?1 AND one_host_id = 99"))
        .isEqualTo(1);
  }

  @Test
  void aGpuHostsGpuUseComesFromTheMonitoringOfTheVmsHoldingItsGpus() {
    OpenNebulaClient admin =
        OpenNebulaClient.create(new Endpoint(simulator.endpoint(), "oneadmin", "it-secret"));
    int vm =
        admin.allocateVm(
            "NAME = \"trainer\"\nCPU = \"1\"\nVCPU = \"1\"\nMEMORY = \"1024\"\n"
                + "PCI = [ CLASS = \"0302\" ]\n",
            true);
    admin.deployVm(vm, gpuHost, true, -1);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> admin.vm(vm).condition() == VmCondition.RUNNING);
    // It has been training for an hour: an hour of its monitoring is kept.
    cloud.setVmStartTime(vm, Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
    fixture.execute("DELETE FROM host_utilisation WHERE provider_id = ?1", providerId);
    fixture.execute(
        "UPDATE provider_status SET monitoring_until = NULL, monitoring_next_at = NULL"
            + " WHERE provider_id = ?1",
        providerId);
    sync.syncNow(providerId);

    // Each five minutes of the GPU host: its one held GPU of two at the VM's mean GPU_UTILIZATION.
    java.util.Map<Instant, double[]> vmMeans = new java.util.TreeMap<>();
    for (VmMonitoring r : admin.vmPoolMonitoring(3600)) {
      if (r.vmId() == vm) {
        assertThat(r.gpuPercent()).isBetween(0.0, 100.0);
        double[] m =
            vmMeans.computeIfAbsent(
                HostUtilisationHistory.floor(r.timestamp(), Duration.ofMinutes(5)),
                at -> new double[2]);
        m[0] += r.gpuPercent();
        m[1]++;
      }
    }
    assertThat(vmMeans).hasSizeGreaterThanOrEqualTo(11);
    List<Object[]> points =
        fixture.rows(
            "SELECT at, gpu_percent_sum / gpu_samples, gpu_held_use_sum, gpu_held_count"
                + " FROM host_utilisation"
                + " WHERE provider_id = ?1 AND one_host_id = ?2 AND gpu_samples > 0",
            providerId,
            gpuHost);
    assertThat(points).hasSizeGreaterThanOrEqualTo(10);
    double heldSum = 0;
    int held = 0;
    for (Object[] p : points) {
      double[] m = vmMeans.get(HostUtilisationHistory.instant(p[0]));
      if (m != null) {
        assertThat(((Number) p[1]).doubleValue()).isCloseTo(m[0] / m[1] / 2, within(1e-6));
        // The GPU held: the VM's own mean, counted once.
        assertThat(((Number) p[2]).doubleValue()).isCloseTo(m[0] / m[1], within(1e-6));
        assertThat(((Number) p[3]).intValue()).isOne();
      }
      heldSum += ((Number) p[2]).doubleValue();
      held += ((Number) p[3]).intValue();
    }
    double heldMean = heldSum / held;
    assertThat(
            count(
                "SELECT COUNT(*) FROM host_utilisation WHERE provider_id = ?1 AND gpu_samples > 0"
                    + " AND one_host_id <> "
                    + gpuHost))
        .as("a host without GPUs has no GPU figures")
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM host_utilisation_hourly WHERE provider_id = ?1"
                    + " AND gpu_percent_mean IS NOT NULL AND one_host_id = "
                    + gpuHost))
        .isPositive();

    // The provider's page shows the GPU host's GPU use over the last day; the other host has none.
    assertThat(registry.hosts(providerId, 0, 10).rows())
        .hasSize(2)
        .allSatisfy(
            h -> {
              if (h.gpuTotal() > 0) {
                assertThat(h.gpuUsePercent()).isBetween(0.0, 50.0);
                assertThat(h.gpuUsePeakPercent()).isGreaterThanOrEqualTo(h.gpuUsePercent() - 1e-9);
              } else {
                assertThat(h.gpuUsePercent()).isNull();
              }
            });

    // A GPU VM's energy estimate takes the measured use of the host's GPUs while held (the VM's
    // own figures, not the host's mean over both GPUs), not the default; a VM without GPUs has no
    // GPU figure.
    long registryHost =
        ((Number)
                fixture.single(
                    "SELECT id FROM provider_host WHERE provider_id = ?1 AND one_host_id = ?2",
                    providerId,
                    gpuHost))
            .longValue();
    Footprints.Estimate withGpu = footprints.ofVm(registryHost, 1, 1, null).orElseThrow();
    assertThat(withGpu.gpuUsePercent()).isCloseTo(heldMean, within(1e-6));
    assertThat(footprints.ofVm(registryHost, 1, 0, null).orElseThrow().gpuUsePercent()).isNull();

    // An invoice's hours at this provider: its GPU-hours draw at the same measured use, its
    // vCPU-hours a core of its mean host, where the GPU host's own model (300-900 W) counts beside
    // the provider's (100-400 W) for the other host.
    registry.setEnergy(
        providerId, new ProviderRegistry.EnergyForm(new java.math.BigDecimal("1.20"), 100, 400));
    powers.set(providerId, registryHost, 300, 900);
    Object[] provider =
        fixture.rows("SELECT name, country_code FROM provider WHERE id = ?1", providerId).get(0);
    Instant from = Instant.now().minus(Duration.ofDays(1));
    Instant to = Instant.now().plus(Duration.ofHours(1));
    eu.federa.energy.UsageEnergy gpuHours =
        footprints.ofHours(
            List.of(
                new eu.federa.energy.UsageEnergy.Hours(
                    (String) provider[0], (String) provider[1], 0, 10, "A100 PCIe 80GB")),
            from,
            to);
    assertThat(gpuHours.measured()).as("the GPUs' use was measured").isTrue();
    assertThat(gpuHours.kwh())
        .isCloseTo(
            10 * eu.federa.energy.PowerDefaults.gpu("A100 PCIe").watts(heldMean / 100) * 1.2 / 1000,
            within(1e-9));
    eu.federa.energy.UsageEnergy cpuHours =
        footprints.ofHours(
            List.of(
                new eu.federa.energy.UsageEnergy.Hours(
                    (String) provider[0], (String) provider[1], 48, 0, null)),
            from,
            to);
    // Two hosts of 16 and 32 cores: a mean host of 24 cores drawing 200 to 650 W (the provider's
    // model alone, 100 to 400 W, would give about two fifths less). Within a percent: the
    // background sync may take a record in between the two reads.
    assertThat(cpuHours.kwh())
        .isCloseTo(
            48 * (200 + 450 * providerCpuUse(from, to) / 100) / 24 * 1.2 / 1000,
            org.assertj.core.data.Percentage.withPercentage(1));
  }

  /**
   * The provider's hosts' mean CPU use over their hours from {@code from} to {@code to} (read as a
   * row: {@code fixture.single} answers numbers as whole ones).
   */
  private double providerCpuUse(Instant from, Instant to) {
    return ((Number)
            fixture.rows(
                    "SELECT SUM(cpu_percent_mean * samples) / SUM(samples), 0"
                        + " FROM host_utilisation_hourly WHERE provider_id = ?1"
                        + " AND hour >= ?2 AND hour < ?3",
                    providerId,
                    HostUtilisationHistory.utc(from),
                    HostUtilisationHistory.utc(to))
                .get(0)[0])
        .doubleValue();
  }

  private int firstHost() {
    return ((Number)
            fixture.single(
                "SELECT MIN(one_host_id) FROM host_utilisation WHERE provider_id = ?1", providerId))
        .intValue();
  }
}
