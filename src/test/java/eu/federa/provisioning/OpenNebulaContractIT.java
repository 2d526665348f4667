package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Size;
import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.Host;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VirtualNetwork;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.opennebula.RecoverOperation;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.storage.BackupState;
import eu.federa.storage.BackupView;
import eu.federa.storage.Backups;
import eu.federa.storage.SnapshotState;
import eu.federa.storage.SnapshotView;
import eu.federa.storage.Snapshots;
import eu.federa.storage.VolumeState;
import eu.federa.storage.VolumeView;
import eu.federa.storage.Volumes;
import eu.federa.testsupport.ContractFrontEnd;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedProviders;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's order journey through Federa's own provisioning (tenant preparation with its rights,
 * the saga, placement, metering) at one OpenNebula front-end: the simulator in {@code ./federa
 * test}, a real one when {@code FEDERA_ONE_CONTRACT_URL} is set ({@code
 * bench/opennebula-contract.sh}). Order, run, stop, resize with a move to another host, start,
 * terminate; and an inference endpoint of two GPU replicas on separate hosts.
 */
class OpenNebulaContractIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  private static final Duration PATIENCE = Duration.ofSeconds(150);
  private static final AuthenticatedUser ADMIN = PlatformAdminCaller.user;

  @Inject VmActions actions;
  @Inject eu.federa.cloud.registry.ProviderVms providerVms;
  @Inject OrderQueries orders;
  @Inject OrderPlacement placing;
  @Inject Resizes resizes;
  @Inject AiServices ai;
  @Inject Catalog catalog;
  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject TeamFixture fixture;
  @Inject VmVolumes vmVolumes;
  @Inject VmSnapshots vmSnapshots;
  @Inject VmBackups vmBackups;
  @Inject Backups backups;
  @Inject Volumes volumes;
  @Inject Snapshots snapshots;

  private ContractFrontEnd frontEnd;
  private OpenNebulaClient admin;
  private long providerId;
  private String image;
  private String gpuSize;
  private long tenantId;
  private Integer filler;

  @BeforeEach
  void providerAndTenant() throws Exception {
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    frontEnd = ContractFrontEnd.start();
    admin = frontEnd.admin();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // Registered through the same form and connection check as an operator's provider.
    providerId =
        SimulatedProviders.register(
            registry, frontEnd.endpoint(), frontEnd.user(), "Contract", frontEnd.password());
    sync.syncNow(providerId);
    image = "contract-os-" + tag;
    catalog.addImage(new Image(image, "Contract OS", "1", "x86_64"));
    catalog.offer(image, providerId, frontEnd.templateId());
    catalog.offer("vllm-appliance", providerId, frontEnd.templateId());
    gpuSize = "cgpu-" + tag;
    catalog.addSize(new Size(gpuSize, "Contract GPU", 1, 1024, 10, 1, "0302", null, 48));
    AuthenticatedUser member = fixture.person("Cora", "contract-" + tag + ".example");
    tenantId = fixture.tenantOf(member, "Contract Tenant " + tag);
    fixture.as(member);
  }

  @AfterEach
  void stop() {
    fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE tenant_id = ?1", tenantId);
    if (filler != null) {
      admin.recoverVm(filler, RecoverOperation.DELETE);
    }
    leaveNothingBehind();
    PlatformAdminCaller.user = ADMIN;
    PlatformAdminCaller.platformAdmin = true;
    registry.setEnabled(providerId, false);
    frontEnd.close();
  }

  /**
   * A failed run leaves the tenant's VMs and images on the front-end, and the next run (a fresh
   * database, the same ids) would find them by name: they go, whatever the test reached.
   */
  private void leaveNothingBehind() {
    String agent = "federa-tenant-" + tenantId + "-agent";
    List<VirtualMachine> left =
        admin.vmPool(OpenNebulaClient.ALL, -1, -1, OpenNebulaClient.ANY_BUT_DONE).stream()
            .filter(v -> agent.equals(v.userName()))
            .toList();
    left.forEach(v -> admin.recoverVm(v.id(), RecoverOperation.DELETE));
    await("the tenant's VMs gone")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> left.stream().allMatch(v -> admin.vm(v.id()).condition() == VmCondition.GONE));
    admin.imagePool(-2, -1, -1).stream()
        .filter(i -> i.name().startsWith("federa-") || i.type() == 6)
        .forEach(
            i -> {
              try {
                admin.deleteImage(i.id());
              } catch (CloudApiException e) {
                // another run's, or in use: left
              }
            });
  }

  private OrderView waitFor(long orderId, OrderState wanted) {
    OrderView view =
        await("order " + orderId + " " + wanted)
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            // the services read the caller from the request context of this thread
            .pollInSameThread()
            .until(
                () -> orders.order(tenantId, orderId),
                v -> v.state() == wanted || v.state().ended());
    assertThat(view.state()).as("order %s: %s", orderId, view.failureReason()).isEqualTo(wanted);
    return view;
  }

  private AiServiceView waitForService(long serviceId, OrderState wanted) {
    AiServiceView view =
        await("service " + serviceId + " " + wanted)
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(250))
            // the services read the caller from the request context of this thread
            .pollInSameThread()
            .until(() -> ai.service(tenantId, serviceId), v -> v.state() == wanted);
    assertThat(view.state()).as("service %s: %s", serviceId, view.vms()).isEqualTo(wanted);
    return view;
  }

  private VolumeView settled(long volumeId) {
    return await("volume " + volumeId)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .until(() -> volumes.volume(tenantId, volumeId), v -> !v.state().inProgress());
  }

  private SnapshotView snapshotSettled(long orderId, long snapshotId) {
    return settledIn(() -> vmSnapshots.list(tenantId, orderId), snapshotId);
  }

  private SnapshotView volumeSnapshotSettled(long volumeId, long snapshotId) {
    return settledIn(() -> snapshots.ofVolume(tenantId, volumeId), snapshotId);
  }

  /** The snapshot, among {@code listed}, once no step of it is under way. */
  private SnapshotView settledIn(
      java.util.function.Supplier<List<SnapshotView>> listed, long snapshotId) {
    return await("snapshot " + snapshotId)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .until(
            () -> listed.get().stream().filter(s -> s.id() == snapshotId).findFirst().orElseThrow(),
            s -> !s.state().inProgress());
  }

  private BackupView backupSettled(long backupId) {
    return await("backup " + backupId)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .until(() -> backups.backup(tenantId, backupId), b -> !b.state().inProgress());
  }

  /**
   * The image is gone from the front-end. OpenNebula deletes an image in the background (it is in
   * state DELETE until its datastore removed it), so this waits for it.
   */
  private void gone(int imageId) {
    await("image " + imageId + " gone")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              try {
                admin.image(imageId);
                return false;
              } catch (CloudApiException.NotFound deleted) {
                return true;
              }
            });
  }

  private int hostOf(int vmId) {
    VirtualMachine vm = admin.vm(vmId);
    return vm.history().get(vm.history().size() - 1).hostId();
  }

  /**
   * Issue #20: the hosts' monitoring records come into the utilisation history with the inventory
   * sync (the first sync read the last hour; one more when due again takes in the newer ones).
   */
  @Test
  void theHostsMonitoringComesIntoTheUtilisationHistory() {
    fixture.execute(
        "UPDATE provider_status SET monitoring_next_at = NULL WHERE provider_id = ?1", providerId);
    sync.syncNow(providerId);
    List<Object[]> points =
        fixture.rows(
            "SELECT one_host_id, cpu_percent_sum / samples, memory_percent_sum / samples, samples"
                + " FROM host_utilisation WHERE provider_id = ?1",
            providerId);
    assertThat(points).as("five-minute points of the provider's hosts").isNotEmpty();
    for (Object[] p : points) {
      assertThat(((Number) p[1]).doubleValue()).isBetween(0.0, 100.0);
      assertThat(((Number) p[2]).doubleValue()).isBetween(0.0, 100.0);
    }
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT COUNT(*) FROM host_utilisation_hourly WHERE provider_id = ?1",
                        providerId))
                .longValue())
        .isPositive();
  }

  @Test
  void anOrderRunsStopsIsResizedOntoAnotherHostStartsAndTerminates() throws Exception {
    long id =
        placing.placeOrder(
            tenantId,
            new OrderForm(
                "contract-vm", image, "s-2", List.of(), null, UUID.randomUUID().toString()));
    OrderView running = waitFor(id, OrderState.RUNNING);
    assertThat(running.ipAddress()).startsWith("10.250.0.");
    int vm = running.vmId();
    // Created by the tenant's own agent (so its group quota applies), not by Federa's account.
    assertThat(admin.vm(vm).userName()).isEqualTo("federa-tenant-" + tenantId + "-agent");
    // On the tenant's own reservation of the template's network, behind the tenant's group only.
    VirtualMachine.Nic nic = admin.vm(vm).nics().get(0);
    VirtualNetwork reservation = admin.network(nic.networkId());
    assertThat(reservation.name())
        .isEqualTo("federa-tenant-" + tenantId + "-net-" + reservation.parentId());
    assertThat(reservation.ownerId()).isEqualTo(admin.vm(vm).userId());
    assertThat(nic.securityGroups())
        .singleElement()
        .satisfies(
            g ->
                assertThat(admin.securityGroup(g).name())
                    .isEqualTo("federa-tenant-" + tenantId + "-firewall"));

    // Monitored by its provider (a move's health check at its target waits for this).
    java.time.Instant since = java.time.Instant.now().minusSeconds(1);
    eventually(Duration.ofSeconds(90))
        .until(() -> providerVms.monitoredSince(providerId, tenantId, vm, since));

    // A volume: a persistent datablock of the tenant's, hot-plugged into the running VM.
    VolumeView data = vmVolumes.add(tenantId, id, "contract-data", 1);
    VolumeView attached = settled(data.id());
    assertThat(attached.state()).as("%s", attached.reason()).isEqualTo(VolumeState.ATTACHED);
    int imageId =
        admin.imagePool(-2, -1, -1).stream()
            .filter(i -> i.name().equals("federa-volume-" + data.id()))
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(admin.vm(vm).diskOfImage(imageId)).isPresent();
    assertThat(admin.image(imageId).sizeMib()).isEqualTo(1024);

    // A snapshot of the VM's disk while it runs.
    SnapshotView snap = vmSnapshots.take(tenantId, id, "contract-snap");
    SnapshotView taken = snapshotSettled(id, snap.id());
    assertThat(taken.state()).as("%s", taken.reason()).isEqualTo(SnapshotState.READY);
    assertThat(admin.vm(vm).snapshotNamed(0, "federa-snapshot-" + snap.id())).isPresent();
    // A snapshot of the volume's disk (a persistent image's) while the VM runs.
    SnapshotView volumeSnap = vmSnapshots.take(tenantId, id, "contract-volume-snap", data.id());
    SnapshotView volumeTaken = snapshotSettled(id, volumeSnap.id());
    assertThat(volumeTaken.state()).as("%s", volumeTaken.reason()).isEqualTo(SnapshotState.READY);
    int volumeDisk = admin.vm(vm).diskOfImage(imageId).orElseThrow().diskId();
    assertThat(admin.vm(vm).snapshotNamed(volumeDisk, "federa-snapshot-" + volumeSnap.id()))
        .isPresent();
    actions.stop(tenantId, id);
    waitFor(id, OrderState.STOPPED);
    // Restored while powered off (DISK_SNAPSHOT_REVERT_POWEROFF), the VM back in POWEROFF.
    vmSnapshots.restore(tenantId, id, snap.id());
    SnapshotView restored = snapshotSettled(id, snap.id());
    assertThat(restored.state()).as("%s", restored.reason()).isEqualTo(SnapshotState.READY);
    assertThat(restored.revertedAt()).isNotNull();
    // Detached and attached again while powered off (HOTPLUG_EPILOG/PROLOG_POWEROFF).
    vmVolumes.detach(tenantId, id, data.id());
    assertThat(settled(data.id()).state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(admin.vm(vm).diskOfImage(imageId)).isEmpty();
    assertThat(admin.image(imageId).state()).isEqualTo(eu.federa.cloud.Image.READY);
    // Detached, the image keeps the volume's snapshot (PERSISTENT_SNAPSHOTS), restored through
    // the image (one.image.snapshotrevert). The dummy datastore denies orphans: the snapshot the
    // image is at cannot be deleted (one.image.snapshotdelete), and Federa says why.
    assertThat(admin.image(imageId).snapshotIds()).hasSize(1);
    snapshots.revertVolume(tenantId, data.id(), volumeSnap.id());
    SnapshotView volumeBack = volumeSnapshotSettled(data.id(), volumeSnap.id());
    assertThat(volumeBack.state()).as("%s", volumeBack.reason()).isEqualTo(SnapshotState.READY);
    assertThat(volumeBack.revertedAt()).isNotNull();
    assertThat(admin.image(imageId).state()).isEqualTo(eu.federa.cloud.Image.READY);
    snapshots.deleteOfVolume(tenantId, data.id(), volumeSnap.id());
    SnapshotView volumeKept = volumeSnapshotSettled(data.id(), volumeSnap.id());
    assertThat(volumeKept.state()).isEqualTo(SnapshotState.READY);
    assertThat(volumeKept.problem()).contains("Cannot delete the active snapshot");
    assertThat(admin.image(imageId).snapshotIds()).hasSize(1);
    // A backup of the stopped VM (BACKUP_POWEROFF) into the provider's backup datastore: a
    // backup image (TYPE 6) of the tenant's, listed in the VM's BACKUPS. Taken while the volume is
    // detached: a backup counts every disk, and the dummy driver's backup datastore has 20 GiB
    // free, as much as the VM's own disk (with the volume OpenNebula refuses it, "Not enough free
    // space on target datastore": OpenNebulaContractTest).
    BackupView backup = backupSettled(vmBackups.take(tenantId, id, "contract-backup").id());
    assertThat(backup.state()).as("%s", backup.problem()).isEqualTo(BackupState.READY);
    List<Integer> backupIds = admin.vm(vm).backupIds();
    assertThat(backupIds).hasSize(1);
    int backupImage = backupIds.get(0);
    assertThat(admin.image(backupImage).type()).isEqualTo(6);
    assertThat(admin.vm(vm).state().is(eu.federa.cloud.VmState.POWEROFF)).isTrue();
    vmVolumes.attach(tenantId, id, data.id());
    assertThat(settled(data.id()).state()).isEqualTo(VolumeState.ATTACHED);
    assertThat(admin.vm(vm).diskOfImage(imageId)).isPresent();
    // Attached again, the volume's snapshot is on its disk in the VM.
    int diskAgain = admin.vm(vm).diskOfImage(imageId).orElseThrow().diskId();
    assertThat(admin.vm(vm).snapshotNamed(diskAgain, "federa-snapshot-" + volumeSnap.id()))
        .isPresent();

    // Fill its host, outside Federa, so that the bigger size fits only on the other host.
    int home = hostOf(vm);
    Host homeHost = admin.host(home);
    long freeCores = (homeHost.maxCpuPercent() - homeHost.allocatedCpuPercent()) / 100;
    filler =
        admin.allocateVm(
            "NAME = \"contract-filler\"\nCPU = \"" + (freeCores - 1) + "\"\nMEMORY = \"128\"\n",
            true);
    admin.deployVm(filler, home, true, -1);
    sync.syncNow(providerId);

    resizes.resize(tenantId, id, 4, 8192);
    OrderView resized = waitFor(id, OrderState.STOPPED);
    assertThat(resized.failureReason()).isNull();
    assertThat(resized.vcpu()).isEqualTo(4);
    assertThat(resized.memoryMib()).isEqualTo(8192);
    assertThat(hostOf(vm)).isNotEqualTo(home);
    assertThat(resized.hostName()).isEqualTo(admin.host(hostOf(vm)).name());
    assertThat(admin.vm(vm).vcpu()).isEqualTo(4);
    assertThat(admin.vm(vm).memoryMib()).isEqualTo(8192);

    actions.start(tenantId, id);
    waitFor(id, OrderState.RUNNING);
    actions.terminate(tenantId, id);
    waitFor(id, OrderState.TERMINATED);
    assertThat(admin.vm(vm).condition()).isEqualTo(VmCondition.GONE);
    // The volume outlives its VM, with its snapshot, and is deleted with its image and snapshot.
    assertThat(volumes.volume(tenantId, data.id()).state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(admin.image(imageId).snapshotIds()).hasSize(1);
    volumes.delete(tenantId, data.id());
    await("volume deleted")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> volumes.list(tenantId).stream().noneMatch(v -> v.id() == data.id()));
    gone(imageId);
    assertThat(fixture.single("SELECT state FROM disk_snapshot WHERE id = ?1", volumeSnap.id()))
        .isEqualTo("DELETED");
    // The backup outlives its VM too, and is deleted with its image.
    assertThat(backups.backup(tenantId, backup.id()).state()).isEqualTo(BackupState.READY);
    vmBackups.delete(tenantId, backup.id());
    await("backup deleted")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> backups.list(tenantId).stream().noneMatch(b -> b.id() == backup.id()));
    gone(backupImage);
  }

  @Test
  void anInferenceEndpointRunsTwoGpuReplicasOnSeparateHosts() throws Exception {
    long id =
        ai.order(
            tenantId,
            new AiServiceForm(
                AiKind.INFERENCE,
                "contract-llm",
                "mistral-7b-instruct",
                gpuSize,
                2,
                null,
                null,
                List.of("FR"),
                UUID.randomUUID().toString(),
                null));
    AiServiceView view = waitForService(id, OrderState.RUNNING);
    assertThat(view.vms()).hasSize(2);
    assertThat(view.vms()).extracting(OrderView::hostName).doesNotHaveDuplicates();
    // Called through the AI gateway; each replica has its address on the provider's network.
    assertThat(view.vms())
        .extracting(OrderView::ipAddress)
        .allMatch(ip -> ip != null && ip.startsWith("10.250.0."));

    ai.terminate(tenantId, id);
    view = waitForService(id, OrderState.TERMINATED);
    for (OrderView replica : view.vms()) {
      assertThat(admin.vm(replica.vmId()).condition()).isEqualTo(VmCondition.GONE);
    }
  }
}
