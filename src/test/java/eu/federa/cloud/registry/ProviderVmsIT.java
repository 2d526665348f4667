package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.registry.ProviderVms.PinnedVm;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.security.NotFoundException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pinning a VM to the chosen host: deployed there, or scheduled there without deploy rights. */
class ProviderVmsIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject ProviderVms vms;
  @Inject ProviderRegistry registry;
  @Inject HostCapacities capacities;
  @Inject InventorySync sync;
  @Inject SyncWork work;
  @Inject ProviderClients clients;

  private OpenNebulaSimulator simulator;
  private long providerId;

  @BeforeEach
  void provider() throws Exception {
    PlatformAdminCaller.platformAdmin = true;
    SimulatedCloud cloud = new SimulatedCloud(0, "pin-zone", "it-secret", Clock.systemUTC());
    int cluster = cloud.addCluster("pin");
    cloud.addHost("pin-01", cluster, 16, 65536, 1_000_000);
    cloud.addHost("pin-02", cluster, 16, 65536, 1_000_000);
    simulator = OpenNebulaSimulator.start(cloud, 0);
    providerId = SimulatedProviders.register(registry, simulator, "Pin", "it-secret");
    sync.syncNow(providerId);
  }

  @AfterEach
  void stop() {
    simulator.close();
    // Nothing of this test is left for the workers: its provider is gone with its simulator.
    PlatformAdminCaller.reset();
    registry.setEnabled(providerId, false);
  }

  private HostCapacity host(String name) {
    return capacities.all().stream()
        .filter(h -> h.providerId() == providerId && h.hostName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private VirtualMachine vm(int id) {
    OpenNebulaClient client = clients.clientFor(work.connection(providerId));
    return client.vm(id);
  }

  private static final String TEMPLATE = "NAME=\"pinned\"\nCPU=\"1\"\nVCPU=\"2\"\nMEMORY=\"2048\"";

  @Test
  void theVmIsDeployedToTheChosenHost() {
    PinnedVm pinned = vms.createOnHost(providerId, host("pin-02").hostId(), TEMPLATE);
    assertThat(pinned.deployed()).isTrue();
    assertThat(vm(pinned.vmId()).hostName()).isEqualTo("pin-02");
  }

  @Test
  void withoutDeployRightsTheProvidersSchedulerIsToldWhichHost() throws Exception {
    simulator.faults().failMethod("one.vm.deploy", 0x0200, "[one.vm.deploy] Not authorized");
    // pin-02, not the first host: the scheduler must follow SCHED_REQUIREMENTS to get there.
    PinnedVm pinned = vms.createOnHost(providerId, host("pin-02").hostId(), TEMPLATE);
    assertThat(pinned.deployed()).isFalse();
    eventually(Duration.ofSeconds(5)).until(() -> vm(pinned.vmId()).hostName() != null);
    assertThat(vm(pinned.vmId()).hostName()).isEqualTo("pin-02");
    // The held VM of the first attempt is gone: one VM only.
    assertThat(
            clients.clientFor(work.connection(providerId)).vmPool(-2, -1, -1, -1).stream()
                .filter(v -> v.name().equals("pinned")))
        .hasSize(1);
  }

  @Test
  void aHostOfAnotherProviderIsNotFound() {
    assertThatThrownBy(() -> vms.createOnHost(providerId, 987654321L, TEMPLATE))
        .isInstanceOf(NotFoundException.class);
  }
}
