package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.placement.Decision.Choice;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.tenancy.TenantNotFoundException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placement against the synced inventory in MariaDB: previews, claims under races, release. */
class PlacementServiceIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject PlacementService placement;
  @Inject LatencyTable latencies;
  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject TeamFixture fixture;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;
  private OpenNebulaSimulator simulator;
  private long providerId;

  /** A provider of two hosts with 8 cores each, one of them with two H100s. */
  @BeforeEach
  void smallProvider() throws Exception {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    SimulatedCloud cloud = new SimulatedCloud(0, "it-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster("it-small");
    cloud.addHost("small-01", cluster, 8, 65536, 1_000_000);
    int gpu = cloud.addHost("small-gpu", cluster, 8, 65536, 1_000_000);
    cloud.addGpu(gpu, "10de", "2330", "H100 SXM5 80GB", "0302");
    cloud.addGpu(gpu, "10de", "2330", "H100 SXM5 80GB", "0302");
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId = SimulatedProviders.register(registry, simulator, "Small", "it-secret");
    sync.syncNow(providerId);
  }

  @AfterEach
  void stop() {
    simulator.close();
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    // Nothing of this test is left for the workers: its provider is gone with its simulator.
    registry.setEnabled(providerId, false);
  }

  /** 2 vCPU at the test's provider, for a tenant or (null) as a platform admin's what-if. */
  private PlacementForm whatIfHere(Long tenantId) {
    return new PlacementForm(
        tenantId,
        2.0,
        1024L,
        1L,
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
        null);
  }

  private PlacementRequest onlyHere(double vcpu) {
    return PlacementRequest.of(vcpu, 1024, 1).providers(Set.of(providerId), Set.of());
  }

  @Test
  void concurrentClaimsNeverOvercommitAHost() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger order = new AtomicInteger();
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Callable<Integer> worker =
            () -> {
              int placed = 0;
              while (true) {
                Decision d =
                    placement.placeAndClaim(onlyHere(2), "it-order-" + order.incrementAndGet());
                if (!d.placed()) {
                  assertThat(d.shortfall().filter()).isEqualTo(Filter.CPU);
                  return placed;
                }
                placed++;
              }
            };
        workers.add(pool.submit(worker));
      }
      int total = 0;
      for (Future<Integer> worker : workers) {
        total += worker.get();
      }
      // 2 hosts x 8 cores, 2 cores each: exactly 8 claims fit.
      assertThat(total).isEqualTo(8);
      Decision none = placement.preview(onlyHere(2)).decision();
      assertThat(none.placed()).isFalse();
      assertThat(none.shortfall().bestOffered()).isEqualTo(0.0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void gpusAreClaimedOneByOneAndReleased() {
    PlacementRequest oneGpu = onlyHere(1).withGpus(1, "0302", "H100");
    Choice first = placement.placeAndClaim(oneGpu, "gpu-a").choices().get(0);
    Choice second = placement.placeAndClaim(oneGpu, "gpu-b").choices().get(0);
    assertThat(first.hostName()).isEqualTo("small-gpu");
    assertThat(first.gpuAddresses()).hasSize(1);
    assertThat(second.gpuAddresses()).hasSize(1).doesNotContainAnyElementsOf(first.gpuAddresses());
    Decision third = placement.placeAndClaim(oneGpu, "gpu-c");
    assertThat(third.placed()).isFalse();
    assertThat(third.shortfall().filter()).isEqualTo(Filter.GPU);

    assertThat(placement.release("gpu-a")).isEqualTo(1);
    assertThat(placement.placeAndClaim(oneGpu, "gpu-c").placed()).isTrue();
  }

  @Test
  void previewsUseTheLiveDemoFederationAndExplainThemselves() throws InterruptedException {
    PlacementRequest h100 =
        PlacementRequest.of(16, 131072, 200)
            .withGpus(2, "0302", "H100")
            .inCountries(Set.of("FR", "DE"));
    // The demo federation is synced in the background: give it the time of a few sync rounds.
    eventually(Duration.ofSeconds(30)).until(() -> placement.preview(h100).decision().placed());
    PlacementService.Preview preview = placement.preview(h100);
    assertThat(preview.decision().choices().get(0).providerName()).isEqualTo("Lutece Cloud");
    assertThat(preview.explanation().steps())
        .filteredOn(s -> s.filter() == Filter.GPU)
        .singleElement()
        .satisfies(s -> assertThat(s.removed()).isPositive());

    Decision inGermany = placement.preview(h100.inCountries(Set.of("DE"))).decision();
    assertThat(inGermany.placed()).isFalse();
    assertThat(inGermany.shortfall().filter()).isEqualTo(Filter.GPU);
    assertThat(inGermany.shortfall().elsewhereCountry()).isEqualTo("FR");
  }

  @Test
  void anUploadedMeasurementOverridesTheDistanceEstimate() {
    // Users in Helsinki, 5 ms budget: Lyon is ~2,000 km away, estimated at ~33 ms.
    PlacementRequest fromHelsinki =
        onlyHere(1)
            .near(new LatencyModel.Site("Helsinki lab", new GeoPoint(60.17, 24.94)), 5, null);
    assertThat(placement.preview(fromHelsinki).decision().shortfall().filter())
        .isEqualTo(Filter.LATENCY);
    latencies.replace("site,provider,ms\nHelsinki lab," + providerId + ",4.2\n");
    try {
      Decision measured = placement.preview(fromHelsinki).decision();
      assertThat(measured.placed()).isTrue();
      assertThat(measured.choices().get(0).latencyMs()).isEqualTo(4.2);
    } finally {
      latencies.replace("site,provider,ms\nnowhere," + providerId + ",1\n");
    }
  }

  @Test
  void onlyPlatformAdminsRunWhatIfsAndMembersPreviewForTheirOwnTenant() {
    PlacementForm whatIf = whatIfHere(null);
    assertThat(placement.preview(whatIf).decision().placed()).isTrue();

    AuthenticatedUser member = fixture.person("Placer", "placement.example");
    long tenantId = fixture.tenantOf(member, "Omega Compute SAS");
    assertThatThrownBy(() -> placement.preview(whatIf)).isInstanceOf(AccessDeniedException.class);
    PlacementForm forTenant = whatIfHere(tenantId);
    assertThat(placement.preview(forTenant).decision().placed()).isTrue();

    fixture.person("Stranger", "elsewhere.example");
    assertThatThrownBy(() -> placement.preview(forTenant))
        .isInstanceOf(TenantNotFoundException.class);
  }
}
