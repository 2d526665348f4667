package eu.federa.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.VmActions;
import eu.federa.provisioning.VmSnapshots;
import eu.federa.provisioning.VmVolumes;
import eu.federa.quota.QuotaExceededException;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #23: volumes made for a VM and hot-plugged into it at the provider, detached and attached
 * to another VM of the project, deleted; their quota and metering; a failed hot-plug; bad input;
 * and another tenant's volume never listed, attached or changed. And snapshots of a VM's disk:
 * taken running, restored stopped, deleted, ended with the VM, limited per project, isolated; and a
 * volume's, which stay with it from VM to VM and end with it.
 */
class VolumesIT extends InContainerTest {

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
  @Inject VmVolumes vmVolumes;
  @Inject Volumes volumes;
  @Inject VmSnapshots vmSnapshots;
  @Inject Snapshots snapshots;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private long providerId;
  private String image;

  private void provider() throws Exception {
    SimulatedSite site = SimulatedSite.start(registry, sync, catalog, "vol", "10.78.0.10");
    cloud = site.cloud;
    simulator = site.simulator;
    providerId = site.providerId;
    image = site.image;
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      PlatformAdminCaller.reset();
      fixture.execute("UPDATE vm_order SET next_step_at = NULL WHERE provider_id = ?1", providerId);
      fixture.execute(
          "UPDATE volume SET state = 'DELETED' WHERE provider_id = ?1 AND state <> 'DELETED'",
          providerId);
      fixture.execute(
          "UPDATE disk_snapshot SET state = 'DELETED' WHERE provider_id = ?1"
              + " AND state <> 'DELETED'",
          providerId);
      simulator.close();
      registry.setEnabled(providerId, false);
    }
  }

  private record Tenant(AuthenticatedUser admin, long id) {}

  private Tenant tenant(String name) {
    AuthenticatedUser admin =
        fixture.person(name, "vol-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    return new Tenant(admin, fixture.tenantOf(admin, "Volume Test " + UUID.randomUUID()));
  }

  private OrderView running(Tenant t, String name) {
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
                false,
                null));
    OrderView view =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> orders.order(t.id(), id),
                v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(view.state())
        .as("order %s: %s", id, view.failureReason())
        .isEqualTo(OrderState.RUNNING);
    return view;
  }

  private VolumeView settled(Tenant t, long volumeId) {
    fixture.as(t.admin());
    return eventually(Duration.ofSeconds(30))
        .until(() -> volumes.volume(t.id(), volumeId), v -> !v.state().inProgress());
  }

  private int imageOf(long volumeId) {
    List<Integer> ids = cloud.imagesNamed("federa-volume-" + volumeId);
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }

  private static boolean hasImage(List<Map<String, String>> disks, int imageId) {
    return disks.stream().anyMatch(d -> String.valueOf(imageId).equals(d.get("IMAGE_ID")));
  }

  private long diskHeld(long tenantId) {
    return ((Number)
            fixture.single(
                "SELECT COALESCE(SUM(disk_gib), 0) FROM quota_reservation WHERE tenant_id = ?1",
                tenantId))
        .longValue();
  }

  @Test
  void aVolumeIsMadeForAVmMovedToAnotherAndDeletedWithItsQuotaAndMetering() throws Exception {
    provider();
    Tenant acme = tenant("Vera");
    OrderView web1 = running(acme, "web-1");
    OrderView web2 = running(acme, "web-2");
    long before = diskHeld(acme.id());

    fixture.as(acme.admin());
    VolumeView data = vmVolumes.add(acme.id(), web1.id(), "data", 30);
    assertThat(diskHeld(acme.id())).isEqualTo(before + 30);
    VolumeView attached = settled(acme, data.id());
    assertThat(attached.state()).as("%s", attached.reason()).isEqualTo(VolumeState.ATTACHED);
    int imageId = imageOf(data.id());
    assertThat(hasImage(cloud.vmDisks(web1.vmId()), imageId)).isTrue();
    assertThat(cloud.imageState(imageId)).isEqualTo(8); // USED_PERS
    assertThat(vmVolumes.overview(acme.id(), web1.id()).attached())
        .extracting(VolumeView::name)
        .containsExactly("data");
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE volume_id = ?1 AND ended_at IS NULL"
                    + " AND disk_gib = 30 AND usage_state = 'STORED'",
                data.id()))
        .isEqualTo(1L);

    vmVolumes.detach(acme.id(), web1.id(), data.id());
    VolumeView detached = settled(acme, data.id());
    assertThat(detached.state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(detached.orderId()).isNull();
    assertThat(hasImage(cloud.vmDisks(web1.vmId()), imageId)).isFalse();
    assertThat(cloud.imageState(imageId)).isEqualTo(1); // READY, data kept

    assertThat(vmVolumes.overview(acme.id(), web2.id()).attachable())
        .extracting(VolumeView::id)
        .containsExactly(data.id());
    vmVolumes.attach(acme.id(), web2.id(), data.id());
    assertThat(settled(acme, data.id()).state()).isEqualTo(VolumeState.ATTACHED);
    assertThat(hasImage(cloud.vmDisks(web2.vmId()), imageId)).isTrue();

    assertThatThrownBy(() -> volumes.delete(acme.id(), data.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("volume.error.deleteAttached");

    // The VM ends: its volume stays, available, its image released at the provider.
    actions.terminate(acme.id(), web2.id());
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(acme.id(), web2.id()).state(), s -> s == OrderState.TERMINATED);
    assertThat(volumes.volume(acme.id(), data.id()).state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(cloud.imageState(imageId)).isEqualTo(1);

    volumes.delete(acme.id(), data.id());
    eventually(Duration.ofSeconds(30))
        .until(
            () -> volumes.list(acme.id()).stream().map(VolumeView::id).toList(),
            ids -> !ids.contains(data.id()));
    assertThat(cloud.imageState(imageId)).isEqualTo(-1);
    assertThatThrownBy(() -> volumes.volume(acme.id(), data.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM quota_reservation WHERE order_ref = ?1",
                "volume-" + data.id()))
        .isEqualTo(0L);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE volume_id = ?1 AND ended_at IS NULL",
                data.id()))
        .isEqualTo(0L);
  }

  private long orderWithVolume(Tenant t, String name, Integer volumeGib) {
    fixture.as(t.admin());
    return placing.placeOrder(
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
            false,
            volumeGib));
  }

  @Test
  void aVolumeOrderedWithItsVmIsMadeOnceItRunsAndGivenBackWhenTheVmNeverRuns() throws Exception {
    provider();
    Tenant acme = tenant("Lea");
    long before = diskHeld(acme.id());

    long db = orderWithVolume(acme, "db-1", 15);
    // Held with the order, before anything exists: the VM's 20 GiB and the volume's 15.
    assertThat(diskHeld(acme.id())).isEqualTo(before + 20 + 15);
    assertThat(volumes.list(acme.id()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo("db-1-data");
              assertThat(v.orderId()).isEqualTo(db);
            });
    OrderView running =
        eventually(Duration.ofSeconds(60))
            .until(() -> orders.order(acme.id(), db), v -> v.state() == OrderState.RUNNING);
    long volumeId = volumes.list(acme.id()).get(0).id();
    VolumeView attached = settled(acme, volumeId);
    assertThat(attached.state()).as("%s", attached.reason()).isEqualTo(VolumeState.ATTACHED);
    assertThat(hasImage(cloud.vmDisks(running.vmId()), imageOf(volumeId))).isTrue();

    // A VM that never boots: its volume is never made, and its quota goes back with the VM's.
    long held = diskHeld(acme.id());
    cloud.failNextBoot(36);
    long broken = orderWithVolume(acme, "db-2", 5);
    eventually(Duration.ofSeconds(60))
        .until(() -> orders.order(acme.id(), broken).state(), s -> s == OrderState.FAILED);
    assertThat(volumes.list(acme.id()))
        .filteredOn(v -> v.name().equals("db-2-data"))
        .singleElement()
        .satisfies(v -> assertThat(v.state()).isEqualTo(VolumeState.FAILED));
    assertThat(cloud.imagesNamed("federa-volume-")).hasSize(1);
    assertThat(diskHeld(acme.id())).isEqualTo(held);

    // Too much for the disk quota with its volume: the order is refused as a whole.
    fixture.execute(
        "UPDATE tenant_quota SET disk_gib = ?1 WHERE tenant_id = ?2", held + 20, acme.id());
    assertThatThrownBy(() -> orderWithVolume(acme, "db-3", 1))
        .isInstanceOf(QuotaExceededException.class);
    assertThat(diskHeld(acme.id())).isEqualTo(held);
    assertThatThrownBy(() -> orderWithVolume(acme, "db-4", -1))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("volumeGib"));
    assertThat(volumes.list(acme.id())).hasSize(2);
    // The volumes page reads them a page at a time, newest first, and polls while one moves.
    assertThat(volumes.page(acme.id(), 0, 1))
        .satisfies(p -> assertThat(p.total()).isEqualTo(2))
        .satisfies(
            p -> assertThat(p.rows()).extracting(VolumeView::name).containsExactly("db-2-data"));
    assertThat(volumes.page(acme.id(), 1, 1).rows())
        .extracting(VolumeView::name)
        .containsExactly("db-1-data");
    assertThat(volumes.page(acme.id(), 0, 0).rows()).isEmpty();
    assertThat(volumes.anyInProgress(acme.id())).isFalse();
  }

  @Test
  void aFailedHotPlugLeavesTheVolumeAvailableWithTheReasonAndItCanBeAttachedAgain()
      throws Exception {
    provider();
    Tenant acme = tenant("Hugo");
    OrderView web = running(acme, "web-1");
    cloud.failNextAttach();

    fixture.as(acme.admin());
    VolumeView logs = vmVolumes.add(acme.id(), web.id(), "logs", 5);
    VolumeView failed = settled(acme, logs.id());
    assertThat(failed.state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(failed.reason().key()).isEqualTo("volume.reason.attachFailed");
    int imageId = imageOf(logs.id());
    assertThat(hasImage(cloud.vmDisks(web.vmId()), imageId)).isFalse();
    assertThat(cloud.imageState(imageId)).isEqualTo(1);

    vmVolumes.attach(acme.id(), web.id(), logs.id());
    VolumeView attached = settled(acme, logs.id());
    assertThat(attached.state()).isEqualTo(VolumeState.ATTACHED);
    assertThat(attached.reason()).isNull();
  }

  @Test
  void badInputAndTheDiskQuotaAreRefusedWithTheReasonAndNothingIsWritten() throws Exception {
    provider();
    Tenant acme = tenant("Iris");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());

    assertThatThrownBy(() -> vmVolumes.add(acme.id(), web.id(), " ", 10))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("name"));
    assertThatThrownBy(() -> vmVolumes.add(acme.id(), web.id(), "big", 0))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey())
                    .containsExactly("volume.error.size"));
    assertThatThrownBy(() -> vmVolumes.add(acme.id(), web.id(), "huge", Volumes.MAX_GIB + 1))
        .isInstanceOf(InvalidInputException.class);

    vmVolumes.add(acme.id(), web.id(), "data", 2);
    assertThatThrownBy(() -> vmVolumes.add(acme.id(), web.id(), "data", 2))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey())
                    .containsExactly("volume.error.nameTaken"));

    long held = diskHeld(acme.id());
    fixture.execute(
        "UPDATE tenant_quota SET disk_gib = ?1 WHERE tenant_id = ?2", held + 5, acme.id());
    assertThatThrownBy(() -> vmVolumes.add(acme.id(), web.id(), "more", 6))
        .isInstanceOf(QuotaExceededException.class);
    assertThat(volumes.list(acme.id())).extracting(VolumeView::name).containsExactly("data");
    assertThat(diskHeld(acme.id())).isEqualTo(held);

    assertThatThrownBy(() -> vmVolumes.add(acme.id(), 999_999, "x", 1))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anotherTenantsVolumeIsNeverListedAttachedDetachedOrDeleted() throws Exception {
    provider();
    Tenant acme = tenant("Jon");
    Tenant globex = tenant("Kim");
    OrderView acmeVm = running(acme, "web-1");
    OrderView globexVm = running(globex, "db-1");
    fixture.as(acme.admin());
    VolumeView secret = vmVolumes.add(acme.id(), acmeVm.id(), "secret", 1);
    settled(acme, secret.id());

    fixture.as(globex.admin());
    assertThat(volumes.list(globex.id())).isEmpty();
    assertThatThrownBy(() -> volumes.volume(globex.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> volumes.list(acme.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmVolumes.attach(globex.id(), globexVm.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmVolumes.detach(globex.id(), globexVm.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> volumes.delete(globex.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmVolumes.overview(globex.id(), acmeVm.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(vmVolumes.overview(globex.id(), globexVm.id()).attachable()).isEmpty();

    fixture.as(acme.admin());
    assertThat(volumes.volume(acme.id(), secret.id()).state()).isEqualTo(VolumeState.ATTACHED);
  }

  private SnapshotView snapshotSettled(Tenant t, long orderId, long snapshotId) {
    return settledIn(t, () -> vmSnapshots.list(t.id(), orderId), snapshotId);
  }

  /** The snapshot once no step of it is under way, among {@code listed}; null once deleted. */
  private SnapshotView settledIn(
      Tenant t, java.util.function.Supplier<List<SnapshotView>> listed, long snapshotId) {
    fixture.as(t.admin());
    // Empty once deleted (Awaitility never matches a null).
    return eventually(Duration.ofSeconds(30))
        .until(
            () -> listed.get().stream().filter(s -> s.id() == snapshotId).findFirst(),
            s -> s.isEmpty() || !s.get().state().inProgress())
        .orElse(null);
  }

  private List<Map<String, String>> named(int vmId, long snapshotId) {
    return cloud.vmDiskSnapshots(vmId).stream()
        .filter(m -> m.get("NAME").equals("federa-snapshot-" + snapshotId))
        .toList();
  }

  @Test
  void aSnapshotIsTakenRunningRestoredStoppedDeletedAndMetered() throws Exception {
    provider();
    Tenant acme = tenant("Max");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());

    SnapshotView before = vmSnapshots.take(acme.id(), web.id(), "before upgrade");
    SnapshotView taken = snapshotSettled(acme, web.id(), before.id());
    assertThat(taken.state()).as("%s", taken.reason()).isEqualTo(SnapshotState.READY);
    // Its disk's size: the VM's size's 20 GiB (grown from its image when the VM was made).
    assertThat(taken.sizeMib()).isEqualTo(20480);
    // It held its disk's size in the disk quota until taken, and now what it came to.
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT disk_gib FROM quota_reservation WHERE order_ref = ?1"
                            + " AND state = 'IN_USE'",
                        "snapshot-" + before.id()))
                .intValue())
        .isEqualTo(20);
    assertThat(named(web.vmId(), before.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.get("DISK_ID")).isEqualTo("0"));
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE snapshot_id = ?1 AND ended_at IS NULL"
                    + " AND disk_gib = 20",
                before.id()))
        .isEqualTo(1L);
    assertThatThrownBy(() -> vmSnapshots.take(acme.id(), web.id(), "before upgrade"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey())
                    .containsExactly("snapshot.error.nameTaken"));
    assertThatThrownBy(() -> vmSnapshots.take(acme.id(), web.id(), ""))
        .isInstanceOf(InvalidInputException.class);

    // Restored only while stopped.
    assertThatThrownBy(() -> vmSnapshots.restore(acme.id(), web.id(), before.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("snapshot.error.restoreStopped");
    actions.stop(acme.id(), web.id());
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(acme.id(), web.id()).state(), s -> s == OrderState.STOPPED);
    vmSnapshots.restore(acme.id(), web.id(), before.id());
    SnapshotView restored = snapshotSettled(acme, web.id(), before.id());
    assertThat(restored.state()).isEqualTo(SnapshotState.READY);
    assertThat(restored.revertedAt()).isNotNull();
    assertThat(cloud.diskReverts(web.vmId())).isEqualTo(1);

    vmSnapshots.delete(acme.id(), web.id(), before.id());
    assertThat(snapshotSettled(acme, web.id(), before.id())).isNull();
    assertThat(named(web.vmId(), before.id())).isEmpty();
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM quota_reservation WHERE order_ref = ?1",
                "snapshot-" + before.id()))
        .isEqualTo(0L);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE snapshot_id = ?1 AND ended_at IS NULL",
                before.id()))
        .isEqualTo(0L);

    // A snapshot that fails at the provider says so; one kept ends with its VM.
    cloud.failNextDiskSnapshot();
    SnapshotView broken = vmSnapshots.take(acme.id(), web.id(), "broken");
    SnapshotView failed = snapshotSettled(acme, web.id(), broken.id());
    assertThat(failed.state()).isEqualTo(SnapshotState.FAILED);
    assertThat(failed.reason().key()).isEqualTo("snapshot.reason.takeFailed");
    SnapshotView kept = vmSnapshots.take(acme.id(), web.id(), "kept");
    assertThat(snapshotSettled(acme, web.id(), kept.id()).state()).isEqualTo(SnapshotState.READY);
    actions.terminate(acme.id(), web.id());
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(acme.id(), web.id()).state(), s -> s == OrderState.TERMINATED);
    assertThat(vmSnapshots.list(acme.id(), web.id()))
        .extracting(SnapshotView::state)
        .containsExactly(SnapshotState.FAILED);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE snapshot_id = ?1 AND ended_at IS NULL",
                kept.id()))
        .isEqualTo(0L);
  }

  @Test
  void snapshotsAreLimitedPerProjectAndAnotherTenantsAreNeverSeenRestoredOrDeleted()
      throws Exception {
    provider();
    Tenant acme = tenant("Nia");
    Tenant globex = tenant("Otto");
    OrderView web = running(acme, "web-1");
    OrderView theirs = running(globex, "db-1");
    fixture.as(acme.admin());
    SnapshotView first = vmSnapshots.take(acme.id(), web.id(), "s-0");
    for (int i = 1; i < Snapshots.perProject(); i++) {
      vmSnapshots.take(acme.id(), web.id(), "s-" + i);
    }
    assertThatThrownBy(() -> vmSnapshots.take(acme.id(), web.id(), "one too many"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("snapshot.error.limit");
    snapshotSettled(acme, web.id(), first.id());

    fixture.as(globex.admin());
    assertThatThrownBy(() -> vmSnapshots.list(globex.id(), web.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmSnapshots.restore(globex.id(), theirs.id(), first.id()))
        .isInstanceOf(ConflictException.class); // their own VM is running: refused before
    assertThatThrownBy(() -> vmSnapshots.delete(globex.id(), theirs.id(), first.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmSnapshots.delete(acme.id(), web.id(), first.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(vmSnapshots.list(globex.id(), theirs.id())).isEmpty();

    fixture.as(acme.admin());
    assertThat(vmSnapshots.list(acme.id(), web.id())).hasSize(Snapshots.perProject());
  }

  private SnapshotView volumeSnapshotSettled(Tenant t, long volumeId, long snapshotId) {
    return settledIn(t, () -> snapshots.ofVolume(t.id(), volumeId), snapshotId);
  }

  private long openIntervals(long snapshotId) {
    return ((Number)
            fixture.single(
                "SELECT COUNT(*) FROM usage_interval WHERE snapshot_id = ?1 AND ended_at IS NULL",
                snapshotId))
        .longValue();
  }

  private OrderState stopped(Tenant t, OrderView vm) {
    actions.stop(t.id(), vm.id());
    return eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(t.id(), vm.id()).state(), s -> s == OrderState.STOPPED);
  }

  @Test
  void aVolumesSnapshotsStayWithItFromVmToVmAreRestoredThroughItsImageAndEndWithIt()
      throws Exception {
    provider();
    Tenant acme = tenant("Pia");
    Tenant globex = tenant("Quentin");
    OrderView web = running(acme, "web-1");
    OrderView db = running(acme, "db-1");
    fixture.as(acme.admin());
    VolumeView data = vmVolumes.add(acme.id(), web.id(), "data", 5);
    assertThat(settled(acme, data.id()).state()).isEqualTo(VolumeState.ATTACHED);
    int imageId = imageOf(data.id());

    // Taken on the volume's disk in its VM, listed on the VM's page and with the volume.
    SnapshotView first = vmSnapshots.take(acme.id(), web.id(), "first", data.id());
    SnapshotView taken = snapshotSettled(acme, web.id(), first.id());
    assertThat(taken.state()).as("%s", taken.reason()).isEqualTo(SnapshotState.READY);
    assertThat(taken.volumeName()).isEqualTo("data");
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT disk_gib FROM quota_reservation WHERE order_ref = ?1",
                        "snapshot-" + first.id()))
                .intValue())
        .isEqualTo(5);
    SnapshotView second = vmSnapshots.take(acme.id(), web.id(), "second", data.id());
    assertThat(snapshotSettled(acme, web.id(), second.id()).state()).isEqualTo(SnapshotState.READY);
    assertThat(snapshots.ofVolume(acme.id(), data.id()))
        .extracting(SnapshotView::name)
        .containsExactly("first", "second");
    // A name is the volume's: taken there, free for the VM's own disk.
    assertThatThrownBy(() -> vmSnapshots.take(acme.id(), web.id(), "first", data.id()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey())
                    .containsExactly("snapshot.error.nameTaken"));
    SnapshotView own = vmSnapshots.take(acme.id(), web.id(), "first");
    assertThat(snapshotSettled(acme, web.id(), own.id()).volumeId()).isNull();

    // While a snapshot step is under way, the volume stays where it is.
    SnapshotView third = vmSnapshots.take(acme.id(), web.id(), "third", data.id());
    assertThatThrownBy(() -> vmVolumes.detach(acme.id(), web.id(), data.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("volume.error.snapshotBusy");
    assertThat(snapshotSettled(acme, web.id(), third.id()).state()).isEqualTo(SnapshotState.READY);

    // Detached, its image keeps them; the VM's page no longer lists them.
    vmVolumes.detach(acme.id(), web.id(), data.id());
    assertThat(settled(acme, data.id()).state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(cloud.imageSnapshots(imageId))
        .extracting(m -> m.get("NAME"))
        .containsExactly(
            "federa-snapshot-" + first.id(),
            "federa-snapshot-" + second.id(),
            "federa-snapshot-" + third.id());
    assertThat(vmSnapshots.list(acme.id(), web.id()))
        .extracting(SnapshotView::name)
        .containsExactly("first");

    // Restored through the image, on the volumes' page.
    snapshots.revertVolume(acme.id(), data.id(), first.id());
    SnapshotView back = volumeSnapshotSettled(acme, data.id(), first.id());
    assertThat(back.state()).as("%s", back.reason()).isEqualTo(SnapshotState.READY);
    assertThat(back.revertedAt()).isNotNull();
    assertThat(cloud.imageReverts(imageId)).isEqualTo(1);

    // The provider keeps the snapshot the volume is at now: its refusal is shown, nothing lost.
    snapshots.deleteOfVolume(acme.id(), data.id(), first.id());
    SnapshotView refused = volumeSnapshotSettled(acme, data.id(), first.id());
    assertThat(refused.state()).isEqualTo(SnapshotState.READY);
    assertThat(refused.reason().key()).isEqualTo("snapshot.reason.deleteRefused");
    assertThat(refused.problem()).contains("Cannot delete the active snapshot");
    // One with nothing after it goes, with its quota and metering.
    snapshots.deleteOfVolume(acme.id(), data.id(), third.id());
    assertThat(volumeSnapshotSettled(acme, data.id(), third.id())).isNull();
    assertThat(cloud.imageSnapshots(imageId)).hasSize(2);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM quota_reservation WHERE order_ref = ?1",
                "snapshot-" + third.id()))
        .isEqualTo(0L);
    assertThat(openIntervals(third.id())).isZero();

    // Another tenant never sees, restores or deletes them, nor snapshots the volume.
    fixture.as(globex.admin());
    assertThatThrownBy(() -> snapshots.ofVolume(globex.id(), data.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> snapshots.revertVolume(globex.id(), data.id(), second.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> snapshots.deleteOfVolume(globex.id(), data.id(), second.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmSnapshots.take(globex.id(), web.id(), "x", data.id()))
        .isInstanceOf(NotFoundException.class);

    // Attached to another VM of the project, they follow it: restored there, the VM stopped.
    fixture.as(acme.admin());
    vmVolumes.attach(acme.id(), db.id(), data.id());
    assertThat(settled(acme, data.id()).state()).isEqualTo(VolumeState.ATTACHED);
    assertThat(vmSnapshots.list(acme.id(), db.id()))
        .extracting(SnapshotView::name)
        .containsExactly("first", "second");
    assertThatThrownBy(() -> snapshots.revertVolume(acme.id(), data.id(), second.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("snapshot.error.volumeOnVm");
    assertThatThrownBy(() -> vmSnapshots.restore(acme.id(), web.id(), second.id()))
        .isInstanceOf(ConflictException.class); // web runs: refused before the snapshot is read
    stopped(acme, db);
    vmSnapshots.restore(acme.id(), db.id(), second.id());
    SnapshotView onDb = snapshotSettled(acme, db.id(), second.id());
    assertThat(onDb.state()).as("%s", onDb.reason()).isEqualTo(SnapshotState.READY);
    assertThat(onDb.revertedAt()).isNotNull();
    assertThat(cloud.diskReverts(db.vmId())).isEqualTo(1);

    // The VM ends: the volume and its snapshots stay, billed.
    actions.terminate(acme.id(), db.id());
    eventually(Duration.ofSeconds(30))
        .until(() -> orders.order(acme.id(), db.id()).state(), s -> s == OrderState.TERMINATED);
    assertThat(settled(acme, data.id()).state()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(snapshots.ofVolume(acme.id(), data.id()))
        .extracting(SnapshotView::state)
        .containsExactly(SnapshotState.READY, SnapshotState.READY);
    assertThat(openIntervals(first.id())).isEqualTo(1);

    // Deleting the volume deletes them with its image: quota back, metering over.
    volumes.delete(acme.id(), data.id());
    eventually(Duration.ofSeconds(30))
        .until(
            () -> fixture.single("SELECT state FROM volume WHERE id = ?1", data.id()),
            "DELETED"::equals);
    assertThat(cloud.imagesNamed("federa-volume-" + data.id())).isEmpty();
    for (SnapshotView s : List.of(first, second)) {
      assertThat(fixture.single("SELECT state FROM disk_snapshot WHERE id = ?1", s.id()))
          .isEqualTo("DELETED");
      assertThat(
              fixture.single(
                  "SELECT COUNT(*) FROM quota_reservation WHERE order_ref = ?1",
                  "snapshot-" + s.id()))
          .isEqualTo(0L);
      assertThat(openIntervals(s.id())).isZero();
    }
  }
}
