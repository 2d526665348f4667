package eu.federa.cloud.opennebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.HistoryRecord;
import eu.federa.cloud.Host;
import eu.federa.cloud.LcmState;
import eu.federa.cloud.SecurityGroupRule;
import eu.federa.cloud.ShowbackRecord;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmState;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.testsupport.AdjustableClock;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The client against the simulator, over real HTTP on loopback: every method, every failure. */
class OpenNebulaClientTest {

  private static final String ADMIN_PASSWORD = "sim-secret";
  private static final String SMALL_VM =
      "NAME = \"web-1\"\nCPU = \"1\"\nVCPU = \"2\"\nMEMORY = \"2048\"\n"
          + "DISK = [ IMAGE_ID = \"0\", SIZE = \"10240\" ]\nNIC = [ NETWORK_ID = \"0\" ]\n"
          + "FEDERA_ORDER_ID = \"order-42\"\nCPU_COST = \"0.02\"\nMEMORY_COST = \"0.00001\"\n";

  private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-10T08:00:00Z"));
  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private OpenNebulaClient client;
  private int cluster;
  private int cpuHost;
  private int gpuHost;

  @BeforeEach
  void start() throws Exception {
    cloud = new SimulatedCloud(0, "fr-par", ADMIN_PASSWORD, clock);
    cloud.setStepDelay(Duration.ofMillis(5));
    cluster = cloud.addCluster("paris-a");
    cpuHost = cloud.addHost("par-cpu-01", cluster, 32, 131072, 2_000_000);
    gpuHost = cloud.addHost("par-gpu-01", cluster, 64, 524288, 4_000_000);
    cloud.addGpu(gpuHost, "10de", "2330", "H100 SXM5 80GB", "0302");
    cloud.addGpu(gpuHost, "10de", "2330", "H100 SXM5 80GB", "0302");
    cloud.addImage("ubuntu-24.04", 4096);
    cloud.addNetwork("public", "10.10.0.10", 50);
    cloud.addTemplate("small", SMALL_VM);
    cloud.addMarketApp("vLLM appliance", 20480, "0.6");
    simulator = OpenNebulaSimulator.start(cloud, 0);
    client = clientAs("oneadmin", ADMIN_PASSWORD, Duration.ofSeconds(5));
  }

  private OpenNebulaClient clientAs(String user, String password, Duration readTimeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    CallGuard.Settings settings =
        new CallGuard.Settings(1000, 1, Duration.ofMillis(1), 100, Duration.ofSeconds(30));
    return new OpenNebulaClient(
        new Endpoint(simulator.endpoint(), user, password),
        http,
        readTimeout,
        new CallGuard(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis())));
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private VirtualMachine awaitState(int vmId, int state, int lcm) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              VirtualMachine vm = client.vm(vmId);
              return vm.state().code() == state
                  && (state != VmState.ACTIVE || vm.lcmState().code() == lcm);
            });
    return client.vm(vmId);
  }

  private int runningVm() {
    int id = client.allocateVm(SMALL_VM, true);
    client.deployVm(id, cpuHost, true, -1);
    awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
    return id;
  }

  @Nested
  class Inventory {

    @Test
    void versionZonesAndClusters() {
      assertThat(client.version()).isEqualTo("7.0.0");
      assertThat(client.zonePool())
          .singleElement()
          .satisfies(
              z -> {
                assertThat(z.name()).isEqualTo("fr-par");
                assertThat(z.endpoint()).isEqualTo(simulator.endpoint().toString());
              });
      assertThat(client.clusterPool())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.id()).isEqualTo(cluster);
                assertThat(c.hostIds()).containsExactlyInAnyOrder(cpuHost, gpuHost);
              });
    }

    @Test
    void hostsComeWithCapacityInCoresAndMibAndTheirGpus() {
      List<Host> hosts = client.hostPool();

      // highest id first, as OpenNebula 7 lists pools
      assertThat(hosts).extracting(Host::name).containsExactly("par-gpu-01", "par-cpu-01");
      Host gpu = client.host(gpuHost);
      assertThat(gpu.totalCores()).isEqualTo(64.0);
      assertThat(gpu.totalMemoryMib()).isEqualTo(524288);
      assertThat(gpu.state().takesNewVms()).isTrue();
      assertThat(gpu.gpus())
          .hasSize(2)
          .allSatisfy(
              d -> {
                assertThat(d.vendor()).isEqualTo("10de");
                assertThat(d.deviceClass()).isEqualTo("0302");
                assertThat(d.isFree()).isTrue();
              });
    }

    @Test
    void templatesImagesNetworksAndMarketplace() {
      assertThat(client.templatePool(OpenNebulaClient.ALL, -1, -1))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.name()).isEqualTo("small");
                assertThat(t.memoryMib()).isEqualTo(2048);
                assertThat(t.vcpu()).isEqualTo(2);
              });
      assertThat(client.template(0).attributes()).containsEntry("FEDERA_ORDER_ID", "order-42");
      assertThat(client.imagePool(OpenNebulaClient.ALL, -1, -1))
          .singleElement()
          .satisfies(i -> assertThat(i.sizeMib()).isEqualTo(4096));
      assertThat(client.networkPool(OpenNebulaClient.ALL, -1, -1))
          .singleElement()
          .satisfies(n -> assertThat(n.name()).isEqualTo("public"));
      assertThat(client.marketAppPool(OpenNebulaClient.ALL, -1, -1))
          .singleElement()
          .satisfies(a -> assertThat(a.version()).isEqualTo("0.6"));
    }

    @Test
    void aMissingHostIsNotFoundWithItsId() {
      assertThatThrownBy(() -> client.host(99))
          .isInstanceOfSatisfying(
              CloudApiException.NotFound.class,
              e -> {
                assertThat(e.resourceId()).isEqualTo(99);
                assertThat(e.method()).isEqualTo("one.host.info");
                assertThat(e.getMessage()).startsWith("[one.host.info]");
              });
    }

    @Test
    void aUserOutsideOneadminSeesAnEmptyHostPool() {
      cloud.addUser("tenant-a", "pw");
      assertThat(clientAs("tenant-a", "pw", Duration.ofSeconds(5)).hostPool()).isEmpty();
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void deployedVmGoesThroughPrologAndBootToRunningAndTakesHostCapacity() {
      int id = client.allocateVm(SMALL_VM, true);
      assertThat(client.vm(id).state().name()).isEqualTo("HOLD");

      client.deployVm(id, cpuHost, true, -1);
      VirtualMachine vm = awaitState(id, VmState.ACTIVE, LcmState.RUNNING);

      assertThat(vm.displayState()).isEqualTo("ACTIVE/RUNNING");
      assertThat(vm.hostName()).isEqualTo("par-cpu-01");
      assertThat(vm.ips()).containsExactly("10.10.0.10");
      assertThat(vm.userTemplate()).containsEntry("FEDERA_ORDER_ID", "order-42");
      assertThat(vm.history())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.start()).isNotNull();
                assertThat(h.runningStart()).isNotNull();
                assertThat(h.end()).isNull();
              });
      Host host = client.host(cpuHost);
      assertThat(host.allocatedCpuPercent()).isEqualTo(100);
      assertThat(host.allocatedMemoryKib()).isEqualTo(2048 * 1024);
    }

    @Test
    void deployBeyondCapacityIsRefusedAsNotFitting() {
      int id = client.allocateVm("NAME=\"huge\"\nCPU=\"2\"\nMEMORY=\"999999\"\n", true);

      assertThatThrownBy(() -> client.deployVm(id, cpuHost, true, -1))
          .isInstanceOf(CloudApiException.DoesNotFit.class)
          .hasMessageContaining("does not fit in host [" + cpuHost + "]")
          .hasMessageContaining("Not enough memory");
      assertThat(client.vm(id).state().name()).isEqualTo("HOLD");
    }

    @Test
    void pendingVmIsPlacedWhereSchedRequirementsPoint() {
      int id =
          client.allocateVm(SMALL_VM + "SCHED_REQUIREMENTS = \"ID = " + gpuHost + "\"\n", false);

      VirtualMachine vm = awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
      assertThat(vm.hostName()).isEqualTo("par-gpu-01");
    }

    @Test
    void requirementsWithGreaterOrEqualNeverPlaceTheVm() {
      int id = client.allocateVm(SMALL_VM + "SCHED_REQUIREMENTS = \"FREE_CPU >= 100\"\n", false);

      // Many scheduler steps (5 ms each here) later, it is still waiting for a host.
      await()
          .pollInterval(Duration.ofMillis(20))
          .during(Duration.ofMillis(400))
          .atMost(Duration.ofSeconds(2))
          .until(() -> client.vm(id).state().name().equals("PENDING"));
    }

    @Test
    void gpuRequestTakesTheDeviceAndBlocksLiveMigration() {
      int id =
          client.allocateVm(SMALL_VM + "PCI = [ VENDOR = \"10de\", CLASS = \"0302\" ]\n", true);
      client.deployVm(id, gpuHost, true, -1);
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);

      assertThat(client.host(gpuHost).freeGpuCount()).isEqualTo(1);
      assertThat(client.host(gpuHost).gpus()).anySatisfy(d -> assertThat(d.vmId()).isEqualTo(id));
      assertThatThrownBy(() -> client.migrateVm(id, cpuHost, true, false, -1))
          .isInstanceOf(CloudApiException.WrongState.class)
          .hasMessageContaining("PCI");
    }

    @Test
    void poweroffResumeRebootSuspendAndTerminate() {
      int id = runningVm();

      client.vmAction(VmAction.POWEROFF, id);
      awaitState(id, VmState.POWEROFF, 0);
      client.vmAction(VmAction.RESUME, id);
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
      client.vmAction(VmAction.REBOOT, id);
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
      client.vmAction(VmAction.SUSPEND, id);
      awaitState(id, VmState.SUSPENDED, 0);
      client.vmAction(VmAction.RESUME, id);
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
      client.vmAction(VmAction.TERMINATE, id);
      VirtualMachine done = awaitState(id, VmState.DONE, 0);

      assertThat(done.endTime()).isNotNull();
      assertThat(client.host(cpuHost).allocatedCpuPercent()).isZero();
      assertThat(client.networkPool(OpenNebulaClient.ALL, -1, -1).get(0).usedLeases()).isZero();
    }

    @Test
    void stopFreesTheHostAndHoldRelease() {
      int id = runningVm();
      client.vmAction(VmAction.STOP, id);
      awaitState(id, VmState.STOPPED, 0);
      assertThat(client.host(cpuHost).allocatedMemoryKib()).isZero();

      int pending = client.allocateVm(SMALL_VM + "SCHED_REQUIREMENTS = \"ID = 77\"\n", false);
      client.vmAction(VmAction.HOLD, pending);
      assertThat(client.vm(pending).state().name()).isEqualTo("HOLD");
      client.vmAction(VmAction.RELEASE, pending);
      assertThat(client.vm(pending).state().name()).isEqualTo("PENDING");
    }

    @Test
    void undeployAndReschedFlags() {
      int id = runningVm();
      client.vmAction(VmAction.RESCHED, id);
      client.vmAction(VmAction.UNRESCHED, id);
      client.vmAction(VmAction.UNDEPLOY, id);
      awaitState(id, VmState.UNDEPLOYED, 0);
      assertThat(client.host(cpuHost).allocatedCpuPercent()).isZero();
    }

    @Test
    void hardActionsAreAcceptedToo() {
      int id = runningVm();
      client.vmAction(VmAction.REBOOT_HARD, id);
      client.vmAction(VmAction.POWEROFF_HARD, id);
      awaitState(id, VmState.POWEROFF, 0);
      client.vmAction(VmAction.TERMINATE_HARD, id);
      awaitState(id, VmState.DONE, 0);
      int other = runningVm();
      client.vmAction(VmAction.UNDEPLOY_HARD, other);
      awaitState(other, VmState.UNDEPLOYED, 0);
    }

    @Test
    void migrationIsAcceptedForARunningVmAndColdForAPoweredOffOne() {
      int id = runningVm();
      assertThat(client.migrateVm(id, gpuHost, true, false, -1)).isEqualTo(id);
      // It passes through ACTIVE/MIGRATE (a poweroff is refused meanwhile) and runs there.
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
      assertThat(client.vm(id).history())
          .last()
          .satisfies(h -> assertThat(h.hostId()).isEqualTo(gpuHost));
      client.vmAction(VmAction.POWEROFF, id);
      awaitState(id, VmState.POWEROFF, 0);

      assertThat(client.migrateVm(id, gpuHost, false, false, -1)).isEqualTo(id);
      assertThatThrownBy(() -> client.migrateVm(id, 99, false, false, -1))
          .isInstanceOf(CloudApiException.NotFound.class);
    }

    @Test
    void recoverDeleteEndsTheVm() {
      int id = client.allocateVm(SMALL_VM, true);
      client.recoverVm(id, RecoverOperation.DELETE);
      assertThat(client.vm(id).state().name()).isEqualTo("DONE");
    }

    @Test
    void injectedBootFailureShowsAsAFailureState() {
      cloud.failNextBoot(LcmState.BOOT_FAILURE);
      int id = client.allocateVm(SMALL_VM, true);
      client.deployVm(id, cpuHost, true, -1);

      VirtualMachine vm = awaitState(id, VmState.ACTIVE, LcmState.BOOT_FAILURE);
      assertThat(vm.condition() == VmCondition.FAILED).isTrue();
      client.recoverVm(id, RecoverOperation.RETRY);
      awaitState(id, VmState.ACTIVE, LcmState.RUNNING);
    }

    @Test
    void instantiateFromTemplateWithExtraAttributes() {
      int id =
          client.instantiateTemplate(0, "from-template", true, "FEDERA_PROJECT = \"p-7\"", false);
      VirtualMachine vm = client.vm(id);
      assertThat(vm.name()).isEqualTo("from-template");
      assertThat(vm.userTemplate()).containsEntry("FEDERA_PROJECT", "p-7");
    }
  }

  @Nested
  class Errors {

    @Test
    void actionOnAMissingVmIsNotFoundEvenWithAnInvalidActionName() {
      assertThatThrownBy(() -> client.call("one.vm.action", "explode", 4242))
          .isInstanceOfSatisfying(
              CloudApiException.NotFound.class, e -> assertThat(e.resourceId()).isEqualTo(4242));
    }

    @Test
    void invalidActionOnAnExistingVmIsAWrongStateError() {
      int id = client.allocateVm(SMALL_VM, true);
      assertThatThrownBy(() -> client.call("one.vm.action", "explode", id))
          .isInstanceOf(CloudApiException.WrongState.class)
          .hasMessageContaining("Action \"explode\" is not supported");
    }

    @Test
    void actionNotAllowedInTheStateSaysWhichState() {
      int id = client.allocateVm(SMALL_VM + "SCHED_REQUIREMENTS = \"ID = 77\"\n", false);
      assertThatThrownBy(() -> client.vmAction(VmAction.POWEROFF, id))
          .isInstanceOf(CloudApiException.WrongState.class)
          .hasMessageContaining("This action is not available for state PENDING");
    }

    @Test
    void wrongCredentialsAreAnAuthenticationFailure() {
      assertThatThrownBy(() -> clientAs("oneadmin", "wrong", Duration.ofSeconds(5)).version())
          .isInstanceOf(CloudApiException.AuthenticationFailed.class);
      simulator.faults().rejectAuthentication(true);
      assertThatThrownBy(() -> client.version())
          .isInstanceOf(CloudApiException.AuthenticationFailed.class);
    }

    @Test
    void quotaRefusalIsNotAuthorizedAndNamesTheQuota() {
      int group = client.allocateGroup("tenant-acme");
      int user = client.allocateUser("federa-acme", "pw", "core", List.of(group));
      // what Federa grants a tenant's group: a new group may create nothing, use nothing
      client.addAclRule(Acl.create(group, Set.of(Acl.Resource.VM, Acl.Resource.TEMPLATE)));
      client.addAclRule(Acl.use(group, Acl.Resource.IMAGE, 0));
      client.setGroupQuota(group, "VM = [ VMS = 1, CPU = 8, MEMORY = 16384 ]");
      client.setUserQuota(user, "VM = [ VMS = -2 ]");
      OpenNebulaClient tenant = clientAs("federa-acme", "pw", Duration.ofSeconds(5));
      tenant.allocateVm(SMALL_VM, true);

      assertThatThrownBy(() -> tenant.allocateVm(SMALL_VM, true))
          .isInstanceOfSatisfying(
              CloudApiException.NotAuthorized.class,
              e -> {
                assertThat(e.isQuotaExceeded()).isTrue();
                assertThat(e.getMessage()).contains("VMS quota");
              });
    }

    @Test
    void everyErrorCodeBecomesItsOwnException() {
      simulator.faults().failMethod("one.system.version", 0x8000, "locked");
      assertThatThrownBy(() -> client.version()).isInstanceOf(CloudApiException.Locked.class);
      simulator.faults().failMethod("one.system.version", 0x4000, "no");
      assertThatThrownBy(() -> client.version())
          .isInstanceOf(CloudApiException.AllocationFailed.class);
      simulator.faults().failMethod("one.system.version", 0x2000, "boom");
      assertThatThrownBy(() -> client.version())
          .isInstanceOf(CloudApiException.ProviderInternalError.class);
      simulator.faults().failMethod("one.system.version", 0x1000, "params");
      assertThatThrownBy(() -> client.version()).isInstanceOf(CloudApiException.BadRequest.class);
      simulator.faults().failMethod("one.system.version", 0x10000, "replica");
      assertThatThrownBy(() -> client.version())
          .isInstanceOf(CloudApiException.ReplicationFailed.class);
      simulator.faults().failMethod("one.system.version", 0x0200, "nope");
      assertThatThrownBy(() -> client.version())
          .isInstanceOf(CloudApiException.NotAuthorized.class);
      simulator.faults().clear();
      assertThat(client.version()).isEqualTo("7.0.0");
    }

    @Test
    void unknownMethodAndWrongParameterTypeAreStandardFaults() {
      assertThatThrownBy(() -> client.call("one.vm.explode", 1))
          .isInstanceOfSatisfying(
              CloudTransportException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(CloudTransportException.Kind.MALFORMED);
                assertThat(e.getMessage()).contains("-506").contains("Method not defined");
              });
      assertThatThrownBy(() -> client.call("one.vm.info", "not-a-number"))
          .isInstanceOfSatisfying(
              CloudTransportException.class, e -> assertThat(e.getMessage()).contains("-501"));
    }

    @Test
    void downSlowHttpErrorAndGarbageAreTransportFailuresOfTheirKind() throws Exception {
      simulator.faults().httpStatus(503);
      assertThatThrownBy(() -> client.version())
          .isInstanceOfSatisfying(
              CloudTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(CloudTransportException.Kind.HTTP_ERROR));
      simulator.faults().clear().garbage(true);
      assertThatThrownBy(() -> client.version())
          .isInstanceOfSatisfying(
              CloudTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(CloudTransportException.Kind.MALFORMED));
      simulator.faults().clear().slow(Duration.ofMillis(800));
      assertThatThrownBy(
              () -> clientAs("oneadmin", ADMIN_PASSWORD, Duration.ofMillis(200)).version())
          .isInstanceOfSatisfying(
              CloudTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(CloudTransportException.Kind.TIMEOUT));
      simulator.faults().clear();
      simulator.down();
      assertThatThrownBy(() -> client.version())
          .isInstanceOfSatisfying(
              CloudTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(CloudTransportException.Kind.UNREACHABLE));
      simulator.up();
      assertThat(client.version()).isEqualTo("7.0.0");
    }
  }

  @Nested
  class PoolsAndAccounting {

    @Test
    void vmPoolsAreInDescendingIdOrderShortOrExtended() {
      int first = client.allocateVm(SMALL_VM, true);
      int second = client.allocateVm(SMALL_VM, true);

      assertThat(client.vmPool(OpenNebulaClient.ALL, -1, -1, OpenNebulaClient.ANY_BUT_DONE))
          .extracting(VirtualMachine::id)
          .containsExactly(second, first);
      assertThat(client.vmPool(OpenNebulaClient.ALL, -1, -1, -1).get(0).userTemplate()).isEmpty();
      assertThat(client.vmPoolExtended(OpenNebulaClient.ALL, -1, -1, -1).get(0).userTemplate())
          .containsEntry("FEDERA_ORDER_ID", "order-42");
      assertThat(client.vmPoolInfoSet(List.of(first), true))
          .extracting(VirtualMachine::id)
          .containsExactly(first);
    }

    @Test
    void monitoringOfARunningVm() {
      int id = runningVm();
      assertThat(client.vmMonitoring(id))
          .singleElement()
          .satisfies(m -> assertThat(m.memoryKib()).isPositive());
    }

    @Test
    void accountingHasOneRecordPerHostStayWithItsTimes() {
      int id = runningVm();
      client.vmAction(VmAction.TERMINATE, id);
      awaitState(id, VmState.DONE, 0);

      List<HistoryRecord> records =
          client.accounting(OpenNebulaClient.ALL, Instant.parse("2026-11-10T07:00:00Z"), null);
      assertThat(records)
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.vmId()).isEqualTo(id);
                assertThat(h.hostId()).isEqualTo(cpuHost);
                assertThat(h.start()).isNotNull();
                assertThat(h.end()).isNotNull();
                assertThat(h.runningStart()).isNotNull();
                assertThat(h.runningEnd()).isNotNull();
              });
    }

    @Test
    void showbackPerVmAndMonthFromTheTemplatePrices() {
      int id = runningVm();
      clock.advance(Duration.ofHours(10));
      YearMonth november = YearMonth.of(2026, 11);

      List<ShowbackRecord> records = client.showback(OpenNebulaClient.ALL, november, november);

      assertThat(records)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.vmId()).isEqualTo(id);
                assertThat(s.year()).isEqualTo(2026);
                assertThat(s.month()).isEqualTo(11);
                assertThat(s.runningHours()).isEqualByComparingTo("10");
                // 1 CPU x 0.02 x 10 h, and 2048 MB x 0.00001 x 10 h
                assertThat(s.cpuCost()).isEqualByComparingTo("0.2");
                assertThat(s.memoryCost()).isEqualByComparingTo("0.2048");
              });
    }
  }

  /** A tenant's reservation and security group, as Federa makes them through its agent user. */
  @Nested
  class NetworksAndSecurityGroups {

    private OpenNebulaClient tenant;
    private int group;

    @BeforeEach
    void tenantAccount() {
      group = client.allocateGroup("tenant-net");
      client.allocateUser("federa-net", "pw", "core", List.of(group));
      client.addAclRule(Acl.create(group, Set.of(Acl.Resource.VM, Acl.Resource.TEMPLATE)));
      client.addAclRule(Acl.use(group, Acl.Resource.IMAGE, 0));
      tenant = clientAs("federa-net", "pw", Duration.ofSeconds(5));
    }

    @Test
    void aReservationBelongsToTheCallerAndHoldsItsAddressesAtTheNetwork() {
      // A new group may use the networks of its default VDC's clusters, as OpenNebula sets it up.
      int reservation = tenant.reserveNetwork(0, "SIZE = \"8\"\nNAME = \"mine\"\n");

      VirtualNetwork mine = tenant.network(reservation);
      assertThat(mine.parentId()).isZero();
      assertThat(mine.size()).isEqualTo(8);
      assertThat(mine.freeLeases()).isEqualTo(8);
      assertThat(mine.securityGroups()).containsExactly(0);
      assertThat(tenant.networkPool(-3, -1, -1))
          .extracting(VirtualNetwork::id)
          .containsExactly(reservation);
      assertThat(client.network(0).usedLeases()).isEqualTo(8);
    }

    @Test
    void aReservationWithoutRoomFailsAsOpenNebulaSays() {

      assertThatThrownBy(() -> tenant.reserveNetwork(0, "SIZE = \"51\"\nNAME = \"big\"\n"))
          .isInstanceOfSatisfying(
              CloudApiException.WrongState.class,
              e -> assertThat(e.getMessage()).contains("Not enough free addresses"));
      assertThatThrownBy(() -> tenant.reserveNetwork(0, "SIZE = \"4\"\n"))
          .isInstanceOf(CloudApiException.WrongState.class);
    }

    @Test
    void aVmOnTheReservationCarriesTheTenantsGroupAndFollowsItsChanges() {
      int reservation = tenant.reserveNetwork(0, "SIZE = \"2\"\nNAME = \"mine\"\n");
      assertThatThrownBy(() -> tenant.allocateSecurityGroup("NAME = \"fw\"\n" + sshRule()))
          .isInstanceOf(CloudApiException.NotAuthorized.class);
      client.addAclRule(Acl.create(group, Set.of(Acl.Resource.SECGROUP)));
      int firewall = tenant.allocateSecurityGroup("NAME = \"fw\"\n" + sshRule());
      tenant.updateNetwork(reservation, "SECURITY_GROUPS = \"" + firewall + "\"\n", true);

      int vm =
          tenant.allocateVm(
              SMALL_VM.replace(
                  "NIC = [ NETWORK_ID = \"0\" ]", "NIC = [ NETWORK_ID = \"" + reservation + "\" ]"),
              true);

      assertThat(cloud.vmFirewall(vm))
          .extracting(r -> r.get("SECURITY_GROUP_ID") + " " + r.get("RANGE"))
          .containsExactly(firewall + " 22");
      tenant.updateSecurityGroup(
          firewall,
          "NAME = \"fw\"\n"
              + new SecurityGroupRule("TCP", true, "443", "192.0.2.0", 256).templateText(),
          false);
      assertThat(cloud.vmFirewall(vm)).extracting(r -> r.get("RANGE")).containsExactly("443");
      assertThat(tenant.securityGroup(firewall).rules())
          .containsExactly(new SecurityGroupRule("TCP", true, "443", "192.0.2.0", 256));
    }

    @Test
    void badRulesAreRefusedByTheProvider() {
      client.addAclRule(Acl.create(group, Set.of(Acl.Resource.SECGROUP)));

      assertThatThrownBy(
              () ->
                  tenant.allocateSecurityGroup(
                      "NAME = \"fw\"\nRULE = [ PROTOCOL = \"TCP\", RULE_TYPE = \"inbound\","
                          + " RANGE = \"70000\" ]\n"))
          .isInstanceOf(CloudApiException.class)
          .hasMessageContaining("RANGE out of bounds");
    }

    @Test
    void aFullReservationRefusesTheNextVmUntilItGrows() {
      int reservation = tenant.reserveNetwork(0, "SIZE = \"1\"\nNAME = \"tiny\"\n");
      String onIt =
          SMALL_VM.replace(
              "NIC = [ NETWORK_ID = \"0\" ]", "NIC = [ NETWORK_ID = \"" + reservation + "\" ]");
      tenant.allocateVm(onIt, true);

      assertThatThrownBy(() -> tenant.allocateVm(onIt, true))
          .isInstanceOfSatisfying(
              CloudApiException.AllocationFailed.class,
              e -> assertThat(e.getMessage()).contains("Cannot get IP/MAC lease"));
      tenant.reserveNetwork(0, "SIZE = \"1\"\nNETWORK_ID = \"" + reservation + "\"\n");
      assertThat(tenant.network(reservation).size()).isEqualTo(2);
      tenant.allocateVm(onIt, true);
    }

    private String sshRule() {
      return new SecurityGroupRule("TCP", true, "22", null, 0).templateText();
    }
  }
}
