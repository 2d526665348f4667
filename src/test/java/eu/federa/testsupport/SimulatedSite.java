package eu.federa.testsupport;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A simulated provider with one host, one network "shared" and one template whose VMs boot from an
 * image disk and sit on that network, registered (as a platform admin) and offering a new catalog
 * image of its own: what an in-container test of VMs needs.
 */
public final class SimulatedSite {

  public final SimulatedCloud cloud;
  public final OpenNebulaSimulator simulator;
  public final long providerId;

  /** The catalog image only this provider offers. */
  public final String image;

  /** The template the catalog image is offered with. */
  public final int template;

  private SimulatedSite(
      SimulatedCloud cloud,
      OpenNebulaSimulator simulator,
      long providerId,
      String image,
      int template) {
    this.cloud = cloud;
    this.simulator = simulator;
    this.providerId = providerId;
    this.image = image;
    this.template = template;
  }

  /**
   * {@code name} names the zone, cluster, host and image; the network starts at {@code firstIp}.
   */
  public static SimulatedSite start(
      ProviderRegistry registry, InventorySync sync, Catalog catalog, String name, String firstIp)
      throws Exception {
    return start(registry, sync, catalog, name, firstIp, "FR");
  }

  /** As above, a provider in {@code country}. */
  public static SimulatedSite start(
      ProviderRegistry registry,
      InventorySync sync,
      Catalog catalog,
      String name,
      String firstIp,
      String country)
      throws Exception {
    return start(registry, sync, catalog, name, firstIp, country, 1);
  }

  /** As above, with {@code hosts} hosts of 16 cores ({@code name-01}, {@code name-02}, ...). */
  public static SimulatedSite start(
      ProviderRegistry registry,
      InventorySync sync,
      Catalog catalog,
      String name,
      String firstIp,
      String country,
      int hosts)
      throws Exception {
    SimulatedCloud cloud = new SimulatedCloud(0, name + "-zone", "it-secret", Clock.systemUTC());
    cloud.setStepDelay(Duration.ofMillis(50));
    int cluster = cloud.addCluster(name);
    for (int h = 1; h <= hosts; h++) {
      cloud.addHost(String.format("%s-%02d", name, h), cluster, 16, 65536, 1_000_000);
    }
    cloud.addImage(name + "-os", 2048);
    cloud.addNetwork("shared", firstIp, 100);
    int template =
        cloud.addTemplate(
            name + "-os",
            "CPU = \"1\"\nMEMORY = \"1024\"\nDISK = [ IMAGE_ID = \"0\" ]\n"
                + "NIC = [ NETWORK = \"shared\", NETWORK_UNAME = \"oneadmin\" ]\n");
    OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, 0);
    long providerId =
        SimulatedProviders.register(
            registry, simulator.endpoint(), "oneadmin", name, "it-secret", null, country);
    sync.syncNow(providerId);
    String image = name + "-os-" + UUID.randomUUID().toString().substring(0, 8);
    catalog.addImage(new Image(image, name + " OS", "1", "x86_64"));
    catalog.offer(image, providerId, template);
    return new SimulatedSite(cloud, simulator, providerId, image, template);
  }

  /** This provider offers {@code otherImage} too (another site's), with its own template. */
  public void alsoOffers(Catalog catalog, String otherImage) {
    catalog.offer(otherImage, providerId, template);
  }

  /**
   * Stops each site (the caller becomes a platform admin) with nothing of its orders or moves left
   * due: no worker looks at a provider that is gone.
   */
  public static void stopAll(
      TeamFixture fixture, ProviderRegistry registry, SimulatedSite... sites) {
    PlatformAdminCaller.reset();
    for (SimulatedSite site : sites) {
      if (site != null) {
        fixture.execute(
            "UPDATE vm_move SET next_step_at = NULL WHERE source_provider_id = ?1"
                + " OR target_provider_id = ?1",
            site.providerId);
        fixture.execute(
            "UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", site.providerId);
        site.stop(registry);
      }
    }
  }

  /** Stops the simulator and disables the provider (the caller is a platform admin). */
  public void stop(ProviderRegistry registry) {
    simulator.close();
    registry.setEnabled(providerId, false);
  }
}
