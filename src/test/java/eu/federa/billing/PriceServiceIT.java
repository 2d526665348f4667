package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.KeptListing;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Price lists in MariaDB: no overlaps, estimates in orders, the cheapest provider chosen. */
class PriceServiceIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject PriceService prices;
  @Inject OrderPlacement placing;
  @Inject Catalog catalog;
  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject TeamFixture fixture;
  @Inject ReferenceRevision revisions;
  @Inject KeptListing keptListing;
  @Inject KeptPriceComparison keptPrices;

  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;
  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private final List<OpenNebulaSimulator> simulators = new ArrayList<>();
  private final List<Long> providers = new ArrayList<>();
  private String image;

  /** Two identical providers in FR offering one image. */
  @BeforeEach
  void twoProviders() throws Exception {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    image = "price-os-" + UUID.randomUUID().toString().substring(0, 6);
    catalog.addImage(new Image(image, "Price OS", "1", "x86_64"));
    for (int i = 0; i < 2; i++) {
      SimulatedCloud cloud = new SimulatedCloud(i, "price-" + i, "it-secret", Clock.systemUTC());
      cloud.addHost("price-host", cloud.addCluster("c"), 8, 65536, 1_000_000);
      cloud.addNetwork("public", "10.98." + i + ".10", 10);
      int template = cloud.addTemplate("os", "CPU = \"1\"\nMEMORY = \"512\"\n");
      OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, 0);
      simulators.add(simulator);
      long id = SimulatedProviders.register(registry, simulator, "Priced", "it-secret");
      sync.syncNow(id);
      catalog.offer(image, id, template);
      providers.add(id);
    }
  }

  @AfterEach
  void stop() {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    simulators.forEach(OpenNebulaSimulator::close);
    providers.forEach(id -> registry.setEnabled(id, false));
  }

  private PriceListForm list(long provider, Instant from, Instant until, String vcpu) {
    return new PriceListForm(
        provider,
        from,
        until,
        new BigDecimal(vcpu),
        new BigDecimal("0.003"),
        new BigDecimal("0.04"),
        null,
        null,
        null);
  }

  /**
   * The catalog page's listing and price table, kept by the node with the reference data's
   * revision: every change of a size, a provider or a price list moves the revision (the database's
   * triggers) and is shown at once; a list that comes into force later ends what is kept when it
   * starts.
   */
  @Test
  void theCatalogIsReadAgainAfterEveryChangeOfItsReferenceData() {
    long first = providers.get(0);
    long start = revisions.current();
    assertThat(offersOfTheImage(keptListing.at(start))).hasSize(2);

    String size = "rev-" + UUID.randomUUID().toString().substring(0, 8);
    catalog.addSize(new Size(size, "Revision size", 1, 1024, 10, 0, null, null, 0));
    long afterSize = revisions.current();
    assertThat(afterSize).isGreaterThan(start);
    assertThat(keptListing.at(afterSize).sizes()).extracting(Size::code).contains(size);

    registry.setEnabled(providers.get(1), false);
    long afterDisabling = revisions.current();
    assertThat(afterDisabling).isGreaterThan(afterSize);
    assertThat(offersOfTheImage(keptListing.at(afterDisabling))).hasSize(1);

    Instant now = Instant.now();
    Instant raise = now.plus(java.time.Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    prices.add(list(first, JAN, raise, "0.02"));
    long afterPrices = revisions.current();
    assertThat(afterPrices).isGreaterThan(afterDisabling);
    Catalog.Listing listing = keptListing.at(afterPrices);
    PriceComparison table = keptPrices.at(afterPrices, listing.sizes(), listing.providers());
    assertThat(table.rows())
        .filteredOn(r -> r.size().code().equals(size))
        .singleElement()
        .satisfies(r -> assertThat(r.byProvider()).containsKey(first));
    assertThat(keptPrices.at(afterPrices, listing.sizes(), listing.providers()))
        .as("kept at the same revision")
        .isSameAs(table);
    assertThat(prices.comparison(listing.sizes(), listing.providers()).until())
        .as("held until the list ends")
        .isEqualTo(raise);
    prices.add(list(first, raise, null, "0.05"));
    assertThat(revisions.current()).isGreaterThan(afterPrices);
    assertThat(prices.comparison(listing.sizes(), listing.providers()).until())
        .as("held until one list ends and the next comes into force")
        .isEqualTo(raise);
  }

  private List<Offer> offersOfTheImage(Catalog.Listing listing) {
    return listing.offers().stream().filter(o -> o.imageCode().equals(image)).toList();
  }

  @Test
  void listsOfAProviderNeverOverlapAndOnlyPlatformAdminsAddThem() {
    long provider = providers.get(0);
    prices.add(list(provider, JAN, Instant.parse("2026-07-01T00:00:00Z"), "0.02"));
    assertThatThrownBy(
            () -> prices.add(list(provider, Instant.parse("2026-06-01T00:00:00Z"), null, "0.03")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors().get(0).messageKey()).isEqualTo("price.error.overlap"));
    prices.add(list(provider, Instant.parse("2026-07-01T00:00:00Z"), null, "0.03"));
    assertThat(prices.lists(provider)).hasSize(2);
    // The admins' page lists them a page at a time, the latest first.
    var latest = prices.page(provider, 0, 1);
    assertThat(latest.total()).isEqualTo(2);
    assertThat(latest.rows())
        .singleElement()
        .satisfies(l -> assertThat(l.validFrom()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z")));
    assertThat(prices.page(provider, 1, 1).rows())
        .singleElement()
        .satisfies(l -> assertThat(l.validFrom()).isEqualTo(JAN));
    assertThat(prices.inForce().get(provider).eurPerVcpuHour()).isEqualByComparingTo("0.03");

    fixture.person("Carl", "price-" + UUID.randomUUID() + ".example");
    assertThatThrownBy(
            () -> prices.add(list(provider, Instant.parse("2030-01-01T00:00:00Z"), null, "1")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(prices.lists(provider)).hasSize(2);
  }

  @Test
  void ordersShowTheEstimateAndGoToTheCheaperProvider() {
    prices.add(list(providers.get(0), JAN, null, "0.05"));
    prices.add(list(providers.get(1), JAN, null, "0.01"));
    AuthenticatedUser member = fixture.person("Pia", "price-" + UUID.randomUUID() + ".example");
    long tenant = fixture.tenantOf(member, "Price Test " + UUID.randomUUID());
    fixture.as(member);
    OrderPlacement.Quote quote =
        placing.quote(
            tenant,
            new OrderForm(
                "cheap", image, "s-2", List.of("FR"), null, UUID.randomUUID().toString()));
    assertThat(quote.decision().choices().get(0).providerId()).isEqualTo(providers.get(1));
    // 2 × 0.01 + 4 × 0.003 = 0.032 per hour; × 730 = 23.36; + 20 GiB × 0.04 = 0.80.
    assertThat(quote.estimate().eurPerMonth()).isEqualByComparingTo("24.16");
    assertThat(quote.decision().explanation().alternatives().get(0).priceEurPerHour())
        .isEqualByComparingTo("0.0331");
  }
}
