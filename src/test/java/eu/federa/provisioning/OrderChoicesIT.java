package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderForm;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.energy.Footprints;
import eu.federa.energy.GridIntensities;
import eu.federa.placement.PlacementChoices;
import eu.federa.placement.PlacementRequest.Strategy;
import eu.federa.placement.RebalancePlanner;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders take the whole placement engine's constraints (issue #20): certifications, edge or core,
 * the users' site and a latency budget, providers to include or exclude, a strategy; they are kept
 * with the order, shown with it, and applied again when it is placed again.
 */
class OrderChoicesIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;
  @Inject OrderApprovals approvals;
  @Inject AiServices ai;
  @Inject Catalog catalog;
  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject TeamFixture fixture;
  @Inject GridIntensities intensities;
  @Inject RebalancePlans rebalance;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;
  private final List<OpenNebulaSimulator> simulators = new ArrayList<>();
  private final List<Long> providers = new ArrayList<>();
  private String image;
  private AuthenticatedUser member;
  private long tenantId;

  /** "Alpha", a core site in Lyon, wins ties; "Beta" is an edge site in Paris, HDS-certified. */
  private long core;

  private long edge;

  @BeforeEach
  void twoProviders() throws Exception {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    image = "choice-os-" + UUID.randomUUID().toString().substring(0, 8);
    catalog.addImage(new Image(image, "Choice OS", "1", "x86_64"));
    core = provider("Alpha Core", "Lyon", "45.76", "4.83", List.of("ISO 27001"), false);
    edge = provider("Beta Edge", "Paris", "48.8566", "2.3522", List.of("ISO 27001", "HDS"), true);
    member =
        fixture.person(
            "Cora", "choice-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    tenantId = fixture.tenantOf(member, "Choices Test " + UUID.randomUUID());
    fixture.as(member);
  }

  private long provider(
      String name,
      String city,
      String latitude,
      String longitude,
      List<String> certifications,
      boolean edgeSite)
      throws Exception {
    SimulatedCloud cloud = new SimulatedCloud(0, "choice-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster(city.toLowerCase());
    cloud.addHost(city.toLowerCase() + "-01", cluster, 16, 65536, 1_000_000);
    cloud.addHost(city.toLowerCase() + "-02", cluster, 16, 65536, 1_000_000);
    cloud.addImage("choice-os", 2048);
    cloud.addNetwork("private", "10.98.0.10", 100);
    int template =
        cloud.addTemplate(
            "choice-os",
            "CPU = \"1\"\nMEMORY = \"1024\"\nDISK = [ IMAGE_ID = \"0\" ]\nNIC = [ NETWORK_ID = \"0\" ]\n");
    OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, 0);
    simulators.add(simulator);
    long id =
        registry.register(
            new ProviderForm(
                name + " " + UUID.randomUUID().toString().substring(0, 8),
                name + " SAS",
                "FR",
                city,
                new BigDecimal(latitude),
                new BigDecimal(longitude),
                "France",
                certifications,
                simulator.endpoint().toString(),
                "oneadmin",
                "it-secret",
                true,
                edgeSite,
                null,
                null,
                null));
    providers.add(id);
    sync.syncNow(id);
    catalog.offer(image, id, template);
    catalog.offer("jupyterlab", id, template);
    return id;
  }

  @AfterEach
  void stop() {
    fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE tenant_id = ?1", tenantId);
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    for (long id : providers) {
      registry.setEnabled(id, false);
    }
    simulators.forEach(OpenNebulaSimulator::close);
  }

  private static PlacementChoices choices(
      List<String> certifications,
      Boolean edgeSite,
      Double latitude,
      Double longitude,
      Integer budgetMs,
      List<Long> include,
      List<Long> exclude,
      String strategy) {
    return new PlacementChoices(
        certifications,
        edgeSite,
        latitude == null ? null : "Office",
        latitude,
        longitude,
        budgetMs,
        include,
        exclude,
        strategy);
  }

  private OrderForm form(String name, PlacementChoices placement) {
    return new OrderForm(
        name,
        image,
        "s-2",
        List.of(),
        null,
        UUID.randomUUID().toString(),
        false,
        List.of(),
        List.of(),
        false,
        null,
        placement);
  }

  /** Where the order was placed: its provider's id. */
  private long placedAt(PlacementChoices placement) {
    OrderView view =
        orders.order(
            tenantId,
            placing.placeOrder(
                tenantId, form("c-" + UUID.randomUUID().toString().substring(0, 6), placement)));
    return view.providerName().startsWith("Alpha") ? core : edge;
  }

  @Test
  void anOrderGoesWhereItsChoicesSayAndKeepsThem() {
    assertThat(placedAt(null)).as("ties go to the first by name").isEqualTo(core);
    assertThat(placedAt(choices(List.of("HDS"), null, null, null, null, null, null, null)))
        .isEqualTo(edge);
    assertThat(placedAt(choices(null, true, null, null, null, null, null, null))).isEqualTo(edge);
    assertThat(placedAt(choices(null, false, null, null, null, null, null, null))).isEqualTo(core);
    assertThat(placedAt(choices(null, null, null, null, null, List.of(edge), null, null)))
        .isEqualTo(edge);
    assertThat(placedAt(choices(null, null, null, null, null, null, List.of(core), null)))
        .isEqualTo(edge);
    // Users in Paris within 3 ms: only the Paris site (Lyon is about 8 ms away); from Lyon the
    // other way round.
    assertThat(placedAt(choices(null, null, 48.8566, 2.3522, 3, null, null, null))).isEqualTo(edge);
    assertThat(placedAt(choices(null, null, 45.76, 4.83, 3, null, null, null))).isEqualTo(core);
    // Without a budget, lowest latency prefers the nearest site.
    assertThat(placedAt(choices(null, null, 48.86, 2.35, null, null, null, "LOWEST_LATENCY")))
        .isEqualTo(edge);

    PlacementChoices chosen =
        choices(List.of("HDS"), true, 48.8566, 2.3522, 5, null, List.of(core), "lowest_latency");
    long id = placing.placeOrder(tenantId, form("kept", chosen));
    OrderView view = orders.order(tenantId, id);
    assertThat(view.providerName()).startsWith("Beta");
    PlacementChoices kept = view.placement();
    assertThat(kept.certificationSet()).containsExactly("HDS");
    assertThat(kept.edge()).isTrue();
    assertThat(kept.site().name()).isEqualTo("Office");
    assertThat(kept.latencyBudgetMs()).isEqualTo(5);
    assertThat(kept.excludeProviders()).containsExactly(core);
    assertThat(kept.strategyOrDefault()).isEqualTo(Strategy.LOWEST_LATENCY);
    // The explanation kept with it shows the filters the choices added.
    assertThat(orders.explanation(tenantId, id).steps())
        .filteredOn(s -> s.filter().equals("CERTIFICATION") || s.filter().equals("LATENCY"))
        .isNotEmpty();
    // An order without choices keeps none.
    long plain = placing.placeOrder(tenantId, form("plain", null));
    assertThat(orders.order(tenantId, plain).placement().none()).isTrue();
  }

  private static void asPlatformAdmin() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
  }

  private long orderCount() {
    return ((Number) fixture.single("SELECT COUNT(*) FROM vm_order WHERE tenant_id = ?1", tenantId))
        .longValue();
  }

  @Test
  void badChoicesAreRefusedWithTheirFieldsAndNothingIsWritten() {
    long before = orderCount();
    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    tenantId,
                    form("bad", choices(null, null, null, null, 10, null, null, "fastest"))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("site", "strategy"));
    // Only providers that do not offer the image: said so, not "no room".
    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    tenantId,
                    form(
                        "nowhere",
                        choices(null, null, null, null, null, List.of(999_999L), null, null))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors().get(0).messageKey())
                    .isEqualTo("order.error.providersNotOffering"));
    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    tenantId,
                    form(
                        "none-left",
                        choices(null, null, null, null, null, null, List.of(core, edge), null))))
        .isInstanceOf(InvalidInputException.class);
    // A site's choices that no provider meets: no placement, with the filter named.
    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    tenantId, form("far", choices(null, null, 60.17, 24.94, 5, null, null, null))))
        .isInstanceOfSatisfying(
            NoPlacementException.class,
            e -> assertThat(e.shortfall().filter().name()).isEqualTo("LATENCY"));
    assertThat(orderCount()).isEqualTo(before);
  }

  @Test
  void anApprovedOrderIsPlacedAgainUnderItsChoices() {
    approvals.setThreshold(tenantId, new BigDecimal("100.00")); // no price list: members wait
    AuthenticatedUser colleague =
        fixture.memberOf(
            tenantId,
            "Carl",
            "choice-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    fixture.as(colleague);
    long waiting =
        placing.placeOrder(
            tenantId,
            form("waits", choices(null, null, null, null, null, null, List.of(core), null)));
    assertThat(orders.order(tenantId, waiting).state()).isEqualTo(OrderState.AWAITING_APPROVAL);
    fixture.as(member);
    approvals.approve(tenantId, waiting);
    // Placed again, as ordered: never at the excluded provider, though it ties first otherwise.
    assertThat(orders.order(tenantId, waiting).providerName()).startsWith("Beta");
    assertThat(orders.order(tenantId, waiting).placement().excludeProviders())
        .containsExactly(core);
  }

  @Test
  void greenestOrdersGoWhereAKilowattHourEmitsLeastAndShowTheirFootprint() {
    // Same grid (France); Alpha's data centre wastes more (PUE 2.0 against 1.1).
    asPlatformAdmin();
    registry.setEnergy(core, new ProviderRegistry.EnergyForm(new BigDecimal("2.0"), 200, 600));
    registry.setEnergy(edge, new ProviderRegistry.EnergyForm(new BigDecimal("1.1"), null, null));
    fixture.as(member);
    assertThat(placedAt(null)).isEqualTo(core);
    assertThat(placedAt(choices(null, null, null, null, null, null, null, "GREENEST")))
        .isEqualTo(edge);

    long id = placing.placeOrder(tenantId, form("green", null));
    Footprints.Estimate estimate = orders.footprint(tenantId, id).orElseThrow();
    double grams = intensities.table().gramsCo2ePerKwh("FR");
    assertThat(estimate.countryCode()).isEqualTo("FR");
    assertThat(estimate.pue()).isEqualTo(2.0);
    assertThat(estimate.gramsCo2ePerKwh()).isEqualTo(grams);
    // The simulator's monitoring gives the host's use (else 50 % is assumed, and said so).
    double use = estimate.hostCpuUsePercent() / 100;
    assertThat(use).isBetween(0.0, 1.0);
    if (!estimate.measured()) {
      assertThat(use).isEqualTo(0.5);
    }
    // s-2 on a 16-core host: (200 + 400 × use) × 2/16 W of IT power; × PUE 2; × 730 h.
    double itWatts = (200 + 400 * use) * 2 / 16;
    assertThat(estimate.footprint().itWatts()).isCloseTo(itWatts, within(1e-9));
    assertThat(estimate.footprint().kwhPerMonth()).isCloseTo(itWatts * 2 * 0.73, within(1e-9));
    assertThat(estimate.footprint().kgCo2ePerMonth())
        .isCloseTo(itWatts * 2 * 0.73 * grams / 1000, within(1e-9));

    // The organisation's sum counts its running VMs, the organisation's own under no project.
    eventually(Duration.ofSeconds(60))
        .until(() -> orders.order(tenantId, id).state() == OrderState.RUNNING);
    OrderQueries.TenantEnergy energy = orders.energy(tenantId);
    assertThat(energy.vms()).isPositive();
    assertThat(energy.byProject()).containsOnlyKeys((Long) null);
    assertThat(energy.total().kgCo2ePerMonth())
        .isGreaterThanOrEqualTo(estimate.footprint().kgCo2ePerMonth() - 1e-9);

    // Bad energy facts are refused field by field; members may not set them.
    asPlatformAdmin();
    assertThatThrownBy(
            () ->
                registry.setEnergy(
                    core, new ProviderRegistry.EnergyForm(new BigDecimal("0.9"), 700, 600)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder("pue", "hostIdleWatts"));
    fixture.as(member);
    assertThatThrownBy(
            () -> registry.setEnergy(core, new ProviderRegistry.EnergyForm(null, null, null)))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void platformAdminsUpdateACountrysGridIntensity() {
    fixture.as(member);
    assertThatThrownBy(
            () ->
                intensities.set(
                    "LU", new GridIntensities.IntensityForm(BigDecimal.TEN, 2024, "Own figure")))
        .isInstanceOf(AccessDeniedException.class);
    asPlatformAdmin();
    GridIntensities.Intensity before =
        intensities.all().stream()
            .filter(i -> i.countryCode().equals("LU"))
            .findFirst()
            .orElseThrow();
    try {
      GridIntensities.Intensity set =
          intensities.set(
              " lu ",
              new GridIntensities.IntensityForm(new BigDecimal("58.26"), 2024, "  Own figure "));
      assertThat(set.gramsCo2ePerKwh()).isEqualByComparingTo("58.3");
      assertThat(set.source()).isEqualTo("Own figure");
      assertThat(intensities.table().gramsCo2ePerKwh("LU")).isEqualTo(58.3);
      assertThat(intensities.all().get(0).countryCode()).as("the EU average first").isEqualTo("EU");
      assertThatThrownBy(
              () ->
                  intensities.set(
                      "US", new GridIntensities.IntensityForm(new BigDecimal("-1"), 1800, "")))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.errors())
                      .extracting(FieldError::field)
                      .containsExactlyInAnyOrder(
                          "countryCode", "gramsCo2ePerKwh", "year", "source"));
      assertThat(intensities.table().gramsByCountry()).doesNotContainKey("US");
    } finally {
      intensities.set(
          "LU",
          new GridIntensities.IntensityForm(
              before.gramsCo2ePerKwh(), before.year(), before.source()));
    }
  }

  @Test
  void theRebalancingPlanRelievesAHostPredictedToSaturate() {
    PlacementChoices alphaOnly = choices(null, null, null, null, null, List.of(core), null, null);
    long first = placing.placeOrder(tenantId, form("rb-1", alphaOnly));
    long second = placing.placeOrder(tenantId, form("rb-2", alphaOnly));
    for (long id : List.of(first, second)) {
      eventually(Duration.ofSeconds(60))
          .until(() -> orders.order(tenantId, id).state() == OrderState.RUNNING);
    }
    String hot = orders.order(tenantId, first).hostName();
    // Alpha's host of the first VM is predicted at 95 %, its other host at 10 %.
    fixture.execute(
        "UPDATE provider_host SET forecast_peak_cpu_percent = CASE WHEN name = ?2 THEN 95 ELSE 10"
            + " END WHERE provider_id = ?1",
        core,
        hot);
    asPlatformAdmin();
    RebalancePlans.View view = rebalance.now();
    List<RebalancePlans.MoveLine> ours =
        view.lines().stream().filter(l -> l.orderId() == first || l.orderId() == second).toList();
    assertThat(ours)
        .isNotEmpty()
        .allSatisfy(
            l -> {
              assertThat(l.fromHost()).isEqualTo(hot);
              assertThat(l.toHost()).isNotEqualTo(hot).startsWith("lyon-");
              assertThat(l.providerName()).startsWith("Alpha");
              assertThat(l.move().live()).isTrue();
              assertThat(l.move().reason()).isEqualTo(RebalancePlanner.Reason.HOT_SPOT);
              assertThat(l.move().sourcePeakAfter()).isLessThan(l.move().sourcePeakBefore());
            });
    assertThat(view.plan().stillHot()).doesNotContain(hostId(hot));
    fixture.as(member);
    assertThatThrownBy(() -> rebalance.now()).isInstanceOf(AccessDeniedException.class);
  }

  private long hostId(String name) {
    return ((Number)
            fixture.single(
                "SELECT id FROM provider_host WHERE provider_id = ?1 AND name = ?2", core, name))
        .longValue();
  }

  /** A notebook of size s-2 placed under {@code placement}. */
  private static AiServiceForm notebook(PlacementChoices placement) {
    return new AiServiceForm(
        AiKind.NOTEBOOK,
        "nb-" + UUID.randomUUID().toString().substring(0, 6),
        null,
        "s-2",
        1,
        null,
        null,
        List.of(),
        UUID.randomUUID().toString(),
        null,
        placement);
  }

  @Test
  void anAiServiceTakesTheSameChoices() {
    AiServiceForm form =
        notebook(choices(List.of("HDS"), null, null, null, null, null, null, null));
    assertThat(ai.quote(tenantId, form).decision().choices().get(0).providerId()).isEqualTo(edge);
    long service = ai.order(tenantId, form);
    OrderView vm = ai.service(tenantId, service).vms().get(0);
    assertThat(vm.providerName()).startsWith("Beta");
    assertThat(vm.placement().certificationSet()).containsExactly("HDS");
    assertThatThrownBy(
            () ->
                ai.quote(
                    tenantId,
                    notebook(choices(null, null, null, null, null, null, null, "greenish"))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("strategy"));
  }
}
