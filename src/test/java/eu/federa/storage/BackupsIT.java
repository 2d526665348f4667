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
import eu.federa.provisioning.VmBackups;
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
 * Issue #23: backups of a VM into its provider's backup datastore, made on demand and daily
 * (keeping the last N), metered, deleted, kept after the VM ends and restored into a new VM; a
 * provider without backup datastore, a failed backup, bad input; and another tenant's backup never
 * listed, deleted or restored.
 */
class BackupsIT extends InContainerTest {

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
  @Inject VmBackups vmBackups;
  @Inject Backups backups;

  private OpenNebulaSimulator simulator;
  private SimulatedCloud cloud;
  private long providerId;
  private String image;

  private void provider() throws Exception {
    SimulatedSite site = SimulatedSite.start(registry, sync, catalog, "bak", "10.79.0.10");
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
          "UPDATE vm_backup SET state = 'DELETED' WHERE provider_id = ?1 AND state <> 'DELETED'",
          providerId);
      fixture.execute("DELETE FROM backup_schedule WHERE provider_id = ?1", providerId);
      simulator.close();
      registry.setEnabled(providerId, false);
    }
  }

  private record Tenant(AuthenticatedUser admin, long id) {}

  private Tenant tenant(String name) {
    AuthenticatedUser admin =
        fixture.person(name, "bak-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    return new Tenant(admin, fixture.tenantOf(admin, "Backup Test " + UUID.randomUUID()));
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
    return until(t, id, OrderState.RUNNING);
  }

  private OrderView until(Tenant t, long orderId, OrderState wanted) {
    fixture.as(t.admin());
    OrderView view =
        eventually(Duration.ofSeconds(60))
            .until(
                () -> orders.order(t.id(), orderId), v -> v.state() == wanted || v.state().ended());
    assertThat(view.state()).as("order %s: %s", orderId, view.failureReason()).isEqualTo(wanted);
    return view;
  }

  private BackupView settled(Tenant t, long backupId) {
    fixture.as(t.admin());
    return eventually(Duration.ofSeconds(30))
        .until(() -> backups.backup(t.id(), backupId), b -> !b.state().inProgress());
  }

  private long held(String ref) {
    return ((Number)
            fixture.single(
                "SELECT COALESCE(SUM(disk_gib), -1) FROM quota_reservation WHERE order_ref = ?1",
                ref))
        .longValue();
  }

  private long diskHeld(long tenantId) {
    return ((Number)
            fixture.single(
                "SELECT COALESCE(SUM(disk_gib), 0) FROM quota_reservation WHERE tenant_id = ?1",
                tenantId))
        .longValue();
  }

  private Object openIntervals(long backupId) {
    return fixture.single(
        "SELECT COUNT(*) FROM usage_interval WHERE backup_id = ?1 AND ended_at IS NULL"
            + " AND usage_state = 'STORED'",
        backupId);
  }

  @Test
  void aBackupIsMadeOnDemandMeteredAndDeleted() throws Exception {
    provider();
    Tenant acme = tenant("Bea");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());
    assertThat(vmBackups.offered(acme.id(), web.id())).isTrue();

    long before = diskHeld(acme.id());
    BackupView asked = vmBackups.take(acme.id(), web.id(), "before upgrade");
    assertThat(asked.state()).isEqualTo(BackupState.CREATING);
    // The VM's disks are held in the disk quota while it is made.
    assertThat(diskHeld(acme.id())).isEqualTo(before + web.diskGib());
    // One at a time per VM: OpenNebula backs a VM up once at a time, and so does Federa.
    assertThatThrownBy(() -> vmBackups.take(acme.id(), web.id(), "again"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("backup.error.busy");

    BackupView made = settled(acme, asked.id());
    assertThat(made.state()).as("%s", made.problem()).isEqualTo(BackupState.READY);
    // Its VM's disk: the size's 20 GiB (grown from its image when the VM was made).
    assertThat(made.sizeMib()).isEqualTo(20480);
    List<Integer> images = cloud.vmBackups(web.vmId());
    assertThat(images).hasSize(1);
    assertThat(openIntervals(made.id())).isEqualTo(1L);
    // Made: it holds what it came to (20 GiB), in use.
    assertThat(held("backup-" + made.id())).isEqualTo(20L);
    assertThat(diskHeld(acme.id())).isEqualTo(before + 20);
    assertThat(
            fixture.single(
                "SELECT disk_gib FROM usage_interval WHERE backup_id = ?1 AND ended_at IS NULL",
                made.id()))
        .isEqualTo(20L);
    assertThat(vmBackups.overview(acme.id(), web.id()).backups())
        .extracting(BackupView::name)
        .containsExactly("before upgrade");

    // A second one, while the VM is stopped: a new image beside the first.
    actions.stop(acme.id(), web.id());
    until(acme, web.id(), OrderState.STOPPED);
    fixture.as(acme.admin());
    BackupView second = settled(acme, vmBackups.take(acme.id(), web.id(), "stopped").id());
    assertThat(second.state()).as("%s", second.problem()).isEqualTo(BackupState.READY);
    assertThat(cloud.vmBackups(web.vmId())).hasSize(2).containsAll(images);

    vmBackups.delete(acme.id(), made.id());
    List<BackupView> left =
        eventually(Duration.ofSeconds(30))
            .until(
                () -> backups.list(acme.id()),
                list -> list.stream().noneMatch(b -> b.id() == made.id()));
    assertThat(left).extracting(BackupView::id).containsExactly(second.id());
    assertThat(cloud.backupImages()).doesNotContain(images.get(0));
    assertThat(cloud.vmBackups(web.vmId())).doesNotContain(images.get(0));
    assertThat(openIntervals(made.id())).isEqualTo(0L);
    assertThat(held("backup-" + made.id())).isEqualTo(-1L);
    assertThatThrownBy(() -> backups.backup(acme.id(), made.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM audit_event WHERE tenant_id = ?1 AND action IN"
                    + " ('BACKUP_TAKEN', 'BACKUP_DELETED')",
                acme.id()))
        .isEqualTo(3L);
  }

  @Test
  void dailyBackupsKeepTheLastNAndEndWithTheirVmWhileTheBackupsStay() throws Exception {
    provider();
    Tenant acme = tenant("Dan");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());

    VmBackups.Overview on = vmBackups.schedule(acme.id(), web.id(), 2);
    assertThat(on.keep()).isEqualTo(2);
    assertThat(on.nextRun()).isAfter(java.time.Instant.now());
    BackupView manual = settled(acme, vmBackups.take(acme.id(), web.id(), "manual").id());

    for (int day = 1; day <= 3; day++) {
      fixture.execute(
          "UPDATE backup_schedule SET next_run_at = TIMESTAMP '2000-01-01 00:00:00'"
              + " WHERE order_id = ?1",
          web.id());
      int made = day;
      eventually(Duration.ofSeconds(30))
          .until(
              () ->
                  ((Number)
                          fixture.single(
                              "SELECT COUNT(*) FROM vm_backup WHERE order_id = ?1"
                                  + " AND scheduled AND state IN ('READY', 'DELETING', 'DELETED')",
                              web.id()))
                      .intValue(),
              n -> n == made);
      fixture.as(acme.admin());
      eventually(Duration.ofSeconds(30))
          .until(
              () -> backups.list(acme.id()),
              list -> list.stream().noneMatch(b -> b.state().inProgress()));
    }
    // The schedule moved on a day each time (never into the past), and kept the newest two.
    assertThat(vmBackups.overview(acme.id(), web.id()).nextRun()).isAfter(java.time.Instant.now());
    List<BackupView> kept = backups.ofVm(acme.id(), web.id());
    assertThat(kept.stream().filter(BackupView::scheduled).toList()).hasSize(2);
    assertThat(kept).extracting(BackupView::id).contains(manual.id());
    assertThat(cloud.vmBackups(web.vmId())).hasSize(3);

    // Lowering the number kept deletes the oldest daily one at once; manual ones stay.
    vmBackups.schedule(acme.id(), web.id(), 1);
    eventually(Duration.ofSeconds(30))
        .until(
            () -> backups.ofVm(acme.id(), web.id()),
            list -> list.stream().filter(BackupView::scheduled).count() == 1);
    assertThatThrownBy(() -> vmBackups.schedule(acme.id(), web.id(), 31))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> vmBackups.schedule(acme.id(), web.id(), -1))
        .isInstanceOf(InvalidInputException.class);

    // The VM ends: its schedule ends; its backups stay, ready to be restored.
    actions.terminate(acme.id(), web.id());
    until(acme, web.id(), OrderState.TERMINATED);
    fixture.as(acme.admin());
    assertThat(fixture.single("SELECT COUNT(*) FROM backup_schedule WHERE order_id = ?1", web.id()))
        .isEqualTo(0L);
    assertThat(backups.list(acme.id())).hasSize(2).allMatch(b -> b.state() == BackupState.READY);
    // The backups page reads them a page at a time, newest first, and polls while none moves.
    List<BackupView> all = backups.list(acme.id());
    assertThat(backups.page(acme.id(), 0, 1).total()).isEqualTo(2);
    assertThat(backups.page(acme.id(), 0, 1).rows()).containsExactly(all.get(0));
    assertThat(backups.page(acme.id(), 1, 1).rows()).containsExactly(all.get(1));
    assertThat(backups.page(acme.id(), 2, 1).rows()).isEmpty();
    assertThat(backups.anyInProgress(acme.id())).isFalse();
  }

  @Test
  void aBackupIsRestoredIntoANewVmAfterItsVmEndedAndWhatTheRestoreMadeGoesWithTheNewVm()
      throws Exception {
    provider();
    Tenant acme = tenant("Ria");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());
    BackupView backup = settled(acme, vmBackups.take(acme.id(), web.id(), "nightly").id());
    actions.terminate(acme.id(), web.id());
    until(acme, web.id(), OrderState.TERMINATED);

    fixture.as(acme.admin());
    String key = UUID.randomUUID().toString();
    long restoredId = vmBackups.restore(acme.id(), backup.id(), "web-1-restored", key);
    // The same request again (a double click, a retry) orders once.
    assertThat(vmBackups.restore(acme.id(), backup.id(), "web-1-restored", key))
        .isEqualTo(restoredId);
    OrderView restored = until(acme, restoredId, OrderState.RUNNING);
    assertThat(restored.providerName()).isEqualTo(web.providerName());
    assertThat(restored.sizeCode()).isEqualTo(web.sizeCode());
    assertThat(restored.restoredFromBackup()).isEqualTo(backup.id());

    List<Integer> restoredImages = cloud.imagesNamed("federa-restore-" + restoredId + "-disk-");
    assertThat(restoredImages).hasSize(1);
    List<Map<String, String>> disks = cloud.vmDisks(restored.vmId());
    assertThat(disks)
        .anyMatch(d -> String.valueOf(restoredImages.get(0)).equals(d.get("IMAGE_ID")));
    assertThat(backups.backup(acme.id(), backup.id()).state()).isEqualTo(BackupState.READY);

    actions.terminate(acme.id(), restoredId);
    until(acme, restoredId, OrderState.TERMINATED);
    assertThat(cloud.imagesNamed("federa-restore-" + restoredId)).isEmpty();

    // Bad input: a bad name, a backup being deleted.
    fixture.as(acme.admin());
    assertThatThrownBy(
            () -> vmBackups.restore(acme.id(), backup.id(), "Not A Name!", UUID.randomUUID() + ""))
        .isInstanceOf(InvalidInputException.class);
    vmBackups.delete(acme.id(), backup.id());
    assertThatThrownBy(
            () -> vmBackups.restore(acme.id(), backup.id(), "web-2", UUID.randomUUID() + ""))
        .isInstanceOf(ConflictException.class)
        .hasMessage("backup.error.notReady");
  }

  @Test
  void aProviderWithoutBackupStorageOffersNoneAndAFailedBackupSaysWhy() throws Exception {
    provider();
    Tenant acme = tenant("Noa");
    OrderView web = running(acme, "web-1");
    fixture.as(acme.admin());

    assertThatThrownBy(() -> vmBackups.take(acme.id(), web.id(), " "))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> vmBackups.take(acme.id(), web.id(), "x".repeat(64)))
        .isInstanceOf(InvalidInputException.class);

    cloud.failNextBackup();
    BackupView failed = settled(acme, vmBackups.take(acme.id(), web.id(), "doomed").id());
    assertThat(failed.state()).isEqualTo(BackupState.FAILED);
    assertThat(failed.reason().key()).isEqualTo("backup.reason.makeFailed");
    assertThat(openIntervals(failed.id())).isEqualTo(0L);
    assertThat(held("backup-" + failed.id())).isEqualTo(-1L);

    // More disk than the provider's backup storage has free: refused by the provider before it
    // starts (OpenNebula counts every disk), recorded failed with its words, nothing held.
    cloud.backupDatastoresFree(1024);
    BackupView tooBig = settled(acme, vmBackups.take(acme.id(), web.id(), "no room").id());
    cloud.backupDatastoresFree(1_000_000);
    assertThat(tooBig.state()).isEqualTo(BackupState.FAILED);
    assertThat(tooBig.reason().key()).isEqualTo("backup.reason.refused");
    assertThat(tooBig.reason().english()).contains("Not enough free space on target datastore");
    assertThat(held("backup-" + tooBig.id())).isEqualTo(-1L);

    // No room in the disk quota: refused now, and a daily backup is recorded failed with why.
    vmBackups.schedule(acme.id(), web.id(), 2);
    fixture.execute(
        "UPDATE tenant_quota SET disk_gib = ?1 WHERE tenant_id = ?2",
        diskHeld(acme.id()) + 1,
        acme.id());
    assertThatThrownBy(() -> vmBackups.take(acme.id(), web.id(), "too big"))
        .isInstanceOf(QuotaExceededException.class);
    fixture.execute(
        "UPDATE backup_schedule SET next_run_at = TIMESTAMP '2000-01-01 00:00:00'"
            + " WHERE order_id = ?1",
        web.id());
    BackupView daily =
        eventually(Duration.ofSeconds(30))
            .until(
                () ->
                    backups.ofVm(acme.id(), web.id()).stream()
                        .filter(BackupView::scheduled)
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(daily.state()).isEqualTo(BackupState.FAILED);
    assertThat(daily.reason().key()).isEqualTo("backup.reason.quota");
    vmBackups.schedule(acme.id(), web.id(), 0);

    cloud.removeBackupDatastores();
    assertThat(vmBackups.offered(acme.id(), web.id())).isFalse();
    assertThatThrownBy(() -> vmBackups.take(acme.id(), web.id(), "none"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("backup.error.unsupported");
    assertThatThrownBy(() -> vmBackups.schedule(acme.id(), web.id(), 3))
        .isInstanceOf(ConflictException.class)
        .hasMessage("backup.error.unsupported");
    assertThat(
            fixture.single(
                "SELECT COUNT(*) FROM vm_backup WHERE order_id = ?1 AND state <> 'FAILED'",
                web.id()))
        .isEqualTo(0L);
  }

  @Test
  void anotherTenantsBackupIsNeverListedDeletedOrRestored() throws Exception {
    provider();
    Tenant acme = tenant("Ivo");
    Tenant globex = tenant("Una");
    OrderView acmeVm = running(acme, "web-1");
    OrderView globexVm = running(globex, "db-1");
    fixture.as(acme.admin());
    BackupView secret = settled(acme, vmBackups.take(acme.id(), acmeVm.id(), "secret").id());

    fixture.as(globex.admin());
    assertThat(backups.list(globex.id())).isEmpty();
    assertThat(vmBackups.overview(globex.id(), globexVm.id()).backups()).isEmpty();
    assertThatThrownBy(() -> backups.backup(globex.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmBackups.delete(globex.id(), secret.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> vmBackups.restore(globex.id(), secret.id(), "stolen", UUID.randomUUID() + ""))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmBackups.overview(globex.id(), acmeVm.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> vmBackups.take(globex.id(), acmeVm.id(), "mine"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> backups.list(acme.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> backups.page(acme.id(), 0, 25)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> backups.anyInProgress(acme.id()))
        .isInstanceOf(NotFoundException.class);

    fixture.as(acme.admin());
    assertThat(backups.backup(acme.id(), secret.id()).state()).isEqualTo(BackupState.READY);
  }
}
