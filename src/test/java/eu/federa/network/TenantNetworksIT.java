package eu.federa.network;

import static eu.federa.testsupport.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.billing.PriceListForm;
import eu.federa.billing.PriceService;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.opennebula.RecoverOperation;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.network.SecurityGroups.Overview;
import eu.federa.placement.Filter;
import eu.federa.platform.persistence.UtcColumns;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.NoPlacementException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.Reconciler;
import eu.federa.provisioning.VmActions;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #23: each tenant's VMs on the tenant's own network at the provider, behind the tenant's
 * firewall, whose changes reach running VMs; another tenant's firewall is never seen or changed.
 */
class TenantNetworksIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject Catalog catalog;
  @Inject TeamFixture fixture;
  @Inject OrderPlacement placing;
  @Inject OrderQueries orders;
  @Inject VmActions actions;
  @Inject Reconciler reconciler;
  @Inject SecurityGroups groups;
  @Inject PriceService prices;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private long providerId;
  private String image;

  /** A provider whose template connects VMs to its network "shared" of {@code addresses}. */
  private void provider(int addresses) throws Exception {
    provider(addresses, null);
  }

  /** As above, offering public addresses from {@code publicNetwork} (null: none). */
  private void provider(int addresses, String publicNetwork) throws Exception {
    cloud = new SimulatedCloud(0, "net-zone", "it-secret", Clock.systemUTC());
    cloud.setStepDelay(Duration.ofMillis(50));
    int cluster = cloud.addCluster("net");
    cloud.addHost("net-01", cluster, 16, 65536, 1_000_000);
    cloud.addImage("net-os", 2048);
    cloud.addNetwork("shared", "10.77.0.10", addresses);
    int template =
        cloud.addTemplate(
            "net-os",
            "CPU = \"1\"\nMEMORY = \"1024\"\nDISK = [ IMAGE_ID = \"0\" ]\n"
                + "NIC = [ NETWORK = \"shared\", NETWORK_UNAME = \"oneadmin\" ]\n");
    cloud.addNetwork("internet", "203.0.113.10", 20);
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId =
        SimulatedProviders.register(
            registry, simulator.endpoint(), "oneadmin", "Net", "it-secret", publicNetwork);
    sync.syncNow(providerId);
    image = "net-os-" + UUID.randomUUID().toString().substring(0, 8);
    catalog.addImage(new Image(image, "Net OS", "1", "x86_64"));
    catalog.offer(image, providerId, template);
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      PlatformAdminCaller.reset();
      fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", providerId);
      simulator.close();
      registry.setEnabled(providerId, false);
    }
  }

  private record Tenant(AuthenticatedUser admin, long id) {}

  private Tenant tenant(String name) {
    AuthenticatedUser admin =
        fixture.person(name, "net-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    long id = fixture.tenantOf(admin, "Network Test " + UUID.randomUUID());
    return new Tenant(admin, id);
  }

  private OrderView order(Tenant t, String name, OrderState wanted) {
    return order(t, name, false, wanted);
  }

  private OrderView order(Tenant t, String name, boolean publicAddress, OrderState wanted) {
    fixture.as(t.admin());
    long id =
        placing.placeOrder(
            t.id(),
            new OrderForm(
                name,
                image,
                "s-2",
                List.of(),
                null,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                List.of(),
                publicAddress,
                null));
    OrderView view =
        eventually(Duration.ofSeconds(60))
            .until(() -> orders.order(t.id(), id), v -> v.state() == wanted || v.state().ended());
    assertThat(view.state()).as("order %s: %s", id, view.failureReason()).isEqualTo(wanted);
    return view;
  }

  @Test
  void eachTenantsVmsShareItsOwnNetworkBehindItsFirewallAndChangesReachThem() throws Exception {
    provider(100);
    Tenant acme = tenant("Ada");
    Tenant globex = tenant("Gus");

    OrderView first = order(acme, "web-1", OrderState.RUNNING);
    OrderView second = order(acme, "web-2", OrderState.RUNNING);
    OrderView others = order(globex, "db-1", OrderState.RUNNING);

    int acmeNet = cloud.networkNamed("federa-tenant-" + acme.id() + "-net-0");
    int globexNet = cloud.networkNamed("federa-tenant-" + globex.id() + "-net-0");
    assertThat(acmeNet).isPositive().isNotEqualTo(globexNet);
    assertThat(cloud.vmNetworks(first.vmId())).containsExactly(acmeNet);
    assertThat(cloud.vmNetworks(second.vmId())).containsExactly(acmeNet);
    assertThat(cloud.vmNetworks(others.vmId())).containsExactly(globexNet);
    // Only the tenant's own group: SSH in from anywhere, everything out; not the allow-all default.
    assertThat(cloud.vmFirewall(first.vmId()))
        .extracting(r -> r.get("PROTOCOL") + " " + r.get("RULE_TYPE") + " " + r.get("RANGE"))
        .containsExactly("TCP inbound 22", "ALL outbound null");
    String acmeGroup = cloud.vmFirewall(first.vmId()).get(0).get("SECURITY_GROUP_ID");
    assertThat(cloud.vmFirewall(others.vmId()))
        .extracting(r -> r.get("SECURITY_GROUP_ID"))
        .doesNotContain(acmeGroup, "0");

    fixture.as(acme.admin());
    long https = groups.add(acme.id(), "TCP", 443, null, "192.0.2.0/24");
    eventually(Duration.ofSeconds(30))
        .until(
            () -> cloud.vmFirewall(second.vmId()),
            rules -> rules.stream().anyMatch(r -> "443".equals(r.get("RANGE"))));
    assertThat(cloud.vmFirewall(second.vmId()))
        .filteredOn(r -> "443".equals(r.get("RANGE")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("IP")).isEqualTo("192.0.2.0");
              assertThat(r.get("SIZE")).isEqualTo("256");
            });
    // An IPv6 source reaches the VMs as OpenNebula writes it: first address and size.
    groups.add(acme.id(), "TCP", 8443, null, "2001:db8::/112");
    eventually(Duration.ofSeconds(30))
        .until(
            () -> cloud.vmFirewall(second.vmId()),
            rules -> rules.stream().anyMatch(r -> "8443".equals(r.get("RANGE"))));
    assertThat(cloud.vmFirewall(second.vmId()))
        .filteredOn(r -> "8443".equals(r.get("RANGE")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("IP")).isEqualTo("2001:db8::");
              assertThat(r.get("SIZE")).isEqualTo("65536");
            });
    Overview overview =
        eventually(Duration.ofSeconds(30))
            .until(
                () -> groups.overview(acme.id()),
                o -> o.providers().stream().allMatch(p -> p.current()));
    assertThat(overview.providers())
        .singleElement()
        .satisfies(p -> assertThat(p.networks()).containsExactly(acmeNet));
    // The other tenant's VMs never got the rule.
    assertThat(cloud.vmFirewall(others.vmId())).noneMatch(r -> "443".equals(r.get("RANGE")));

    groups.remove(acme.id(), https);
    eventually(Duration.ofSeconds(30))
        .until(
            () -> cloud.vmFirewall(first.vmId()),
            rules -> rules.stream().noneMatch(r -> "443".equals(r.get("RANGE"))));

    // Another tenant's firewall is not there for them.
    fixture.as(globex.admin());
    long ssh = overview.rules().get(0).id();
    assertThatThrownBy(() -> groups.overview(acme.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> groups.remove(acme.id(), ssh)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> groups.remove(globex.id(), ssh)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> groups.add(acme.id(), "TCP", 80, null, "0.0.0.0/0"))
        .isInstanceOf(NotFoundException.class);
  }

  private Instant checkedAt(Tenant t) {
    Object at =
        em.createNativeQuery("SELECT applied_at FROM provider_tenant_secgroup WHERE tenant_id = ?1")
            .setParameter(1, t.id())
            .getSingleResult();
    return UtcColumns.instant(at);
  }

  /** Makes the tenant's copy due for its hourly check; the instant it was last checked. */
  private Instant dueForCheck(Tenant t) {
    Instant longAgo = Instant.now().minus(Duration.ofHours(2));
    fixture.execute(
        "UPDATE provider_tenant_secgroup SET applied_at = ?1 WHERE tenant_id = ?2",
        longAgo,
        t.id());
    return longAgo;
  }

  @Test
  void aCopyChangedAtTheProviderIsPutBackAndAnUnchangedOneIsLeftAlone() throws Exception {
    provider(100);
    Tenant t = tenant("Dot");
    OrderView vm = order(t, "app-1", OrderState.RUNNING);
    int group = Integer.parseInt(cloud.vmFirewall(vm.vmId()).get(0).get("SECURITY_GROUP_ID"));
    int writes = cloud.securityGroupWrites(group);

    // Checked, found as Federa left it: read, not written (a write touches every VM's firewall).
    Instant due = dueForCheck(t);
    eventually(Duration.ofSeconds(30)).until(() -> checkedAt(t), at -> at.isAfter(due));
    assertThat(cloud.securityGroupWrites(group)).isEqualTo(writes);

    // Opened to everything by someone at the provider: put back at the next check.
    cloud.replaceSecurityGroupRules(
        group, List.of(Map.of("PROTOCOL", "ALL", "RULE_TYPE", "INBOUND")));
    dueForCheck(t);
    List<Map<String, String>> restored =
        eventually(Duration.ofSeconds(30))
            .until(
                () -> cloud.vmFirewall(vm.vmId()),
                rules -> rules.stream().anyMatch(r -> "22".equals(r.get("RANGE"))));
    assertThat(restored)
        .extracting(r -> r.get("PROTOCOL") + " " + r.get("RULE_TYPE") + " " + r.get("RANGE"))
        .containsExactly("TCP inbound 22", "ALL outbound null");
  }

  @Test
  void aPublicAddressIsGivenOnlyWhenAskedForBehindTheFirewallAndMetered() throws Exception {
    provider(100, "internet");
    Tenant t = tenant("Pia");

    OrderView inside = order(t, "db-1", OrderState.RUNNING);
    OrderView exposed = order(t, "web-1", true, OrderState.RUNNING);

    assertThat(inside.publicIp()).isNull();
    assertThat(cloud.vmNetworks(inside.vmId())).hasSize(1);
    // Its address comes from a reservation of the provider's public network of the VM's own, so
    // that the network's own groups (OpenNebula's allow-all default) do not come along.
    int internet = cloud.networkNamed("internet");
    int ownPublic = cloud.networkNamed("federa-order-" + exposed.id() + "-public");
    assertThat(ownPublic).isPositive();
    assertThat(cloud.reservedAddresses(internet)).isEqualTo(1);
    assertThat(cloud.vmNetworks(exposed.vmId())).hasSize(2).endsWith(ownPublic);
    assertThat(exposed.publicIp()).startsWith("203.0.113.");
    assertThat(exposed.ipAddress()).startsWith("10.77.0.");
    // The public NIC is behind the organisation's firewall too: SSH in, nothing else.
    assertThat(cloud.vmFirewall(exposed.vmId()))
        .extracting(r -> r.get("PROTOCOL") + " " + r.get("RULE_TYPE") + " " + r.get("RANGE"))
        .containsExactly("TCP inbound 22", "ALL outbound null");
    // Metered with its address, from the start.
    assertThat(
            ((Number)
                    em.createNativeQuery(
                            "SELECT MAX(public_ips) FROM usage_interval WHERE order_id = ?1")
                        .setParameter(1, exposed.id())
                        .getSingleResult())
                .intValue())
        .isEqualTo(1);
    assertThat(
            ((Number)
                    em.createNativeQuery(
                            "SELECT MAX(public_ips) FROM usage_interval WHERE order_id = ?1")
                        .setParameter(1, inside.id())
                        .getSingleResult())
                .intValue())
        .isZero();

    // Terminated, its address goes back to the provider's public network.
    actions.terminate(t.id(), exposed.id());
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(t.id(), exposed.id()).state(), st -> st == OrderState.TERMINATED);
    assertThat(cloud.networkNamed("federa-order-" + exposed.id() + "-public")).isEqualTo(-1);
    assertThat(cloud.reservedAddresses(internet)).isZero();

    // A VM that fails to boot gives its public address back with the rest.
    cloud.failNextBoot(36); // BOOT_FAILURE
    OrderView broken = order(t, "web-2", true, OrderState.FAILED);
    assertThat(cloud.networkNamed("federa-order-" + broken.id() + "-public")).isEqualTo(-1);
    assertThat(cloud.reservedAddresses(internet)).isZero();

    // A VM deleted behind Federa's back: once the reconciler finds it gone, its address goes back
    // too. (Only this test's passes run: the background reconciler leaves the provider alone.)
    fixture.execute(
        "INSERT INTO provider_reconciliation (provider_id, next_run_at) VALUES (?1, ?2)"
            + " ON DUPLICATE KEY UPDATE next_run_at = ?2",
        providerId,
        Instant.parse("2100-01-01T00:00:00Z"));
    OrderView lost = order(t, "web-3", true, OrderState.RUNNING);
    assertThat(cloud.reservedAddresses(internet)).isEqualTo(1);
    OpenNebulaClient.create(new Endpoint(simulator.endpoint(), "oneadmin", "it-secret"))
        .recoverVm(lost.vmId(), RecoverOperation.DELETE);
    eventually(Duration.ofSeconds(20)).until(() -> cloud.vmState(lost.vmId()) == 6);
    reconciler.reconcile(providerId, Duration.ofHours(1), Duration.ofMinutes(2));
    reconciler.reconcile(providerId, Duration.ofHours(1), Duration.ofMinutes(2));
    fixture.as(t.admin());
    assertThat(orders.order(t.id(), lost.id()).state()).isEqualTo(OrderState.VANISHED);
    assertThat(cloud.networkNamed("federa-order-" + lost.id() + "-public")).isEqualTo(-1);
    assertThat(cloud.reservedAddresses(internet)).isZero();
  }

  @Test
  void aPublicAddressIsNotPlacedWhereNoneIsOffered() throws Exception {
    provider(100);
    Tenant t = tenant("Ned");
    fixture.as(t.admin());

    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    t.id(),
                    new OrderForm(
                        "web-1",
                        image,
                        "s-2",
                        List.of(),
                        null,
                        UUID.randomUUID().toString(),
                        false,
                        List.of(),
                        List.of(),
                        true,
                        null)))
        .isInstanceOfSatisfying(
            NoPlacementException.class,
            e -> assertThat(e.shortfall().filter()).isEqualTo(Filter.PUBLIC_ADDRESS));
  }

  @Test
  void aPublicAddressIsNotPlacedWhereItsPriceListHasNoPriceForOne() throws Exception {
    provider(100, "internet");
    // The provider's network of addresses is named, but its prices give none for an address.
    prices.add(
        new PriceListForm(
            providerId,
            Instant.now().minus(Duration.ofDays(1)),
            null,
            new BigDecimal("0.01"),
            new BigDecimal("0.002"),
            new BigDecimal("0.04"),
            null,
            null,
            null));
    Tenant t = tenant("Ola");
    fixture.as(t.admin());

    assertThatThrownBy(
            () ->
                placing.placeOrder(
                    t.id(),
                    new OrderForm(
                        "web-1",
                        image,
                        "s-2",
                        List.of(),
                        null,
                        UUID.randomUUID().toString(),
                        false,
                        List.of(),
                        List.of(),
                        true,
                        null)))
        .isInstanceOfSatisfying(
            NoPlacementException.class,
            e -> assertThat(e.shortfall().filter()).isEqualTo(Filter.PROVIDER_LIST));
    // Without an address, the same provider still takes the order.
    assertThat(order(t, "web-2", OrderState.RUNNING).publicIp()).isNull();
  }

  @Test
  void aProviderNetworkWithoutRoomForTheTenantFailsTheOrderWithTheReason() throws Exception {
    provider(8);
    order(tenant("Fay"), "first", OrderState.RUNNING);

    OrderView refused = order(tenant("Sam"), "second", OrderState.FAILED);

    assertThat(refused.failureReason()).contains("no free addresses");
  }

  @Test
  void aNewFirewallLetsSshInAndOnlyAdminsChangeItWithClearReasons() {
    Tenant t = tenant("Ivy");
    fixture.as(t.admin());

    Overview fresh = groups.overview(t.id());
    assertThat(fresh.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.protocol()).isEqualTo("TCP");
              assertThat(r.ports()).isEqualTo("22");
              assertThat(r.anywhere()).isTrue();
            });
    assertThat(fresh.providers()).isEmpty();

    refused(
        () -> groups.add(t.id(), "TCP", 0, null, "0.0.0.0/0"), "portFrom", "firewall.error.port");
    refused(
        () -> groups.add(t.id(), "TCP", 22, null, "10.0.0.0/8"),
        "source",
        "firewall.error.overlap");
    refused(
        () -> groups.add(t.id(), "UDP", 53, null, "10.0.0.1/8"),
        "source",
        "firewall.error.hostBits");
    refused(
        () -> groups.add(t.id(), "ICMP", 1, null, "0.0.0.0/0"),
        "portFrom",
        "firewall.error.noPorts");
    assertThat(groups.overview(t.id()).rules()).hasSize(1);
    assertThat(groups.overview(t.id()).revision()).isEqualTo(fresh.revision());

    for (int port = 1000;
        groups.overview(t.id()).rules().size() < SecurityGroups.MAX_RULES;
        port++) {
      groups.add(t.id(), "TCP", port, null, "0.0.0.0/0");
    }
    refused(
        () -> groups.add(t.id(), "UDP", 9999, null, "0.0.0.0/0"),
        "protocol",
        "firewall.error.limit");

    AuthenticatedUser member = fixture.memberOf(t.id(), "Moe", "net.example");
    fixture.as(member);
    assertThat(groups.overview(t.id()).rules()).hasSize(SecurityGroups.MAX_RULES);
    long any = groups.overview(t.id()).rules().get(0).id();
    assertThatThrownBy(() -> groups.remove(t.id(), any)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> groups.add(t.id(), "TCP", 8080, null, "0.0.0.0/0"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void twoAdminsAddingTheSameRuleAtOnceKeepOne() throws Exception {
    Tenant t = tenant("Rae");
    fixture.as(t.admin());
    groups.overview(t.id());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> added = new ArrayList<>();
        int port = 2000 + round;
        added.add(pool.submit(adds(start, t, port)));
        added.add(pool.submit(adds(start, t, port)));
        start.countDown();
        int kept = 0;
        for (Future<Boolean> f : added) {
          kept += f.get() ? 1 : 0;
        }
        assertThat(kept).as("round %s", round).isEqualTo(1);
      }
      fixture.as(t.admin());
      assertThat(groups.overview(t.id()).rules()).hasSize(11);
    } finally {
      pool.shutdownNow();
    }
  }

  private Callable<Boolean> adds(CountDownLatch start, Tenant t, int port) {
    return () -> {
      RequestContextController request = CDI.current().select(RequestContextController.class).get();
      start.await();
      request.activate();
      PlatformAdminCaller.onThisThread.set(t.admin());
      try {
        groups.add(t.id(), "TCP", port, null, "0.0.0.0/0");
        return true;
      } catch (InvalidInputException overlap) {
        return false;
      } finally {
        PlatformAdminCaller.onThisThread.remove();
        request.deactivate();
      }
    };
  }
}
