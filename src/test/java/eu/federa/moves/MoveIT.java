package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.billing.Metering;
import eu.federa.billing.UsageRecord;
import eu.federa.catalog.Catalog;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderMoves;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.OrderView;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.SimulatedSite;
import eu.federa.testsupport.TeamFixture;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: a VM moves to another provider. Its disk is saved at the source, copied through Federa
 * and downloaded by the target, the VM is created there from the order and checked, and the order
 * cuts over to it at one second, where its billing switches provider; the source is kept stopped
 * until the move is confirmed. A move that fails in any phase goes back to a running source with
 * nothing left at the target, and so does one the user takes back.
 */
class MoveIT extends InContainerTest {

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
  @Inject Moves moves;
  @Inject eu.federa.provisioning.VmActions actions;
  @Inject eu.federa.provisioning.VmVolumes volumeActions;
  @Inject eu.federa.portability.Exports exports;
  @Inject Metering metering;
  @Resource UserTransaction tx;

  private String tag;
  private SimulatedSite source;
  private SimulatedSite target;
  private AuthenticatedUser admin;
  private long tenantId;

  @BeforeEach
  void sites() throws Exception {
    PlatformAdminCaller.reset();
    tag = UUID.randomUUID().toString().substring(0, 4);
    source = SimulatedSite.start(registry, sync, catalog, "mvsrc" + tag, "10.81.0.10");
    target = SimulatedSite.start(registry, sync, catalog, "mvdst" + tag, "10.82.0.10");
    admin = fixture.person("Mona", "move-" + tag + ".example");
    tenantId = fixture.tenantOf(admin, "Move Test " + UUID.randomUUID());
  }

  @AfterEach
  void stop() {
    SimulatedSite.stopAll(fixture, registry, source, target);
  }

  /** A running VM at the source; then the target offers its image too. */
  private long runningVm() {
    return runningVm("mover", null);
  }

  /** The same, ordered with a volume of {@code volumeGib} (null: none). */
  private long runningVm(String name, Integer volumeGib) {
    fixture.as(admin);
    long order =
        placing.placeOrder(
            tenantId,
            new OrderForm(
                name,
                source.image,
                "s-2",
                List.of(),
                null,
                UUID.randomUUID().toString(),
                false,
                List.of(),
                List.of(),
                false,
                volumeGib));
    OrderView vm = until(order, v -> v.state() == OrderState.RUNNING || v.state().ended());
    assertThat(vm.state()).as("%s", vm.failureReason()).isEqualTo(OrderState.RUNNING);
    PlatformAdminCaller.reset();
    target.alsoOffers(catalog, source.image);
    fixture.as(admin);
    return order;
  }

  private OrderView until(long order, java.util.function.Predicate<OrderView> done) {
    return eventually(Duration.ofSeconds(60))
        .until(
            () -> {
              fixture.as(admin);
              return orders.order(tenantId, order);
            },
            done);
  }

  private MoveView moveUntil(long move, java.util.function.Predicate<MoveView> done) {
    return eventually(Duration.ofSeconds(120))
        .until(
            () -> {
              fixture.as(admin);
              return moves.view(tenantId, move);
            },
            done);
  }

  private static String linkBase() {
    return "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080") + "/federa-it";
  }

  /** The order's usage intervals, oldest first: provider, state, start, end ("-": open). */
  private List<String[]> intervals(long order) {
    Object joined =
        fixture.single(
            "SELECT GROUP_CONCAT(CONCAT(provider_id, '|', usage_state, '|', started_at, '|',"
                + " IFNULL(ended_at, '-')) ORDER BY started_at, id SEPARATOR ';')"
                + " FROM usage_interval WHERE order_id = ?1",
            order);
    List<String[]> rows = new ArrayList<>();
    if (joined != null) {
      Arrays.stream(joined.toString().split(";")).forEach(r -> rows.add(r.split("\\|")));
    }
    return rows;
  }

  private long reservations(String ref) {
    return ((Number)
            fixture.single("SELECT COUNT(*) FROM quota_reservation WHERE order_ref = ?1", ref))
        .longValue();
  }

  @Test
  void aVmMovesToTheTargetAndItsSourceGoesOnceConfirmed() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();

    Moves.Plan plan = moves.plan(tenantId, order);
    assertThat(plan.options().whyNot()).isNull();
    assertThat(plan.options().targets())
        .extracting(OrderMoves.Target::providerId)
        .containsExactly(target.providerId);
    assertThat(plan.options().targets().get(0).whyNot()).isNull();
    assertThat(plan.downtimeSeconds()).isPositive();

    long move = moves.start(tenantId, order, target.providerId, linkBase());
    // The target is held before the copy starts: both copies count until the cutover.
    assertThat(reservations("move-of-" + order)).isEqualTo(1);
    assertThat(orders.order(tenantId, order).state()).isEqualTo(OrderState.MOVING);
    // A second move of the same VM is refused while this one runs.
    assertThatThrownBy(() -> moves.start(tenantId, order, target.providerId, linkBase()))
        .isInstanceOf(ConflictException.class)
        .hasFieldOrPropertyWithValue("messageKey", "move.why.moving");

    MoveView kept = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(kept.state())
        .as("%s in %s", kept.failure(), kept.failedPhase())
        .isEqualTo(MoveState.KEPT);
    assertThat(kept.bytesDone()).isPositive().isEqualTo(kept.bytesTotal());
    OrderView moved = orders.order(tenantId, order);
    assertThat(moved.state()).isEqualTo(OrderState.RUNNING);
    assertThat(moved.providerName()).startsWith("mvdst" + tag);
    assertThat(target.cloud.vmState(moved.vmId())).isEqualTo(3); // ACTIVE
    assertThat(source.cloud.vmState(sourceVm)).isEqualTo(8); // POWEROFF, kept
    assertThat(reservations("move-of-" + order)).isZero();
    assertThat(reservations(refOf(order))).isEqualTo(1);
    // Nothing of the copy is left at the source but the stopped VM.
    assertThat(source.cloud.imagesNamed("federa-move-")).isEmpty();

    // Billing: the source running, then powered off while its disk moved, then the target running
    // from the cutover second; no gap, no overlap.
    List<String[]> used = intervals(order);
    assertThat(used).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)[2])
          .as("interval %d starts where %d ended", i, i - 1)
          .isEqualTo(used.get(i - 1)[3]);
    }
    String[] last = used.get(used.size() - 1);
    assertThat(last[0]).isEqualTo(Long.toString(target.providerId));
    assertThat(last[1]).isEqualTo(UsageRecord.RUNNING);
    assertThat(last[3]).isEqualTo("-");
    assertThat(used.get(used.size() - 2)[0]).isEqualTo(Long.toString(source.providerId));
    assertThat(used.get(used.size() - 2)[1]).isEqualTo(UsageRecord.POWEROFF);

    MoveView confirmed = moves.confirm(tenantId, move);
    assertThat(confirmed.phase()).isEqualTo(MovePhase.DELETING_SOURCE);
    MoveView done = moveUntil(move, v -> v.state().over());
    assertThat(done.state()).isEqualTo(MoveState.DONE);
    assertThat(source.cloud.vmState(sourceVm)).isEqualTo(6); // DONE
    assertThat(fixture.countAudit(tenantId, "MOVE_CUT_OVER", "SUCCESS")).isEqualTo(1);
    assertThat(orders.order(tenantId, order).moveId()).isNull();
  }

  private static String refOf(long order) {
    return eu.federa.provisioning.VmOrder.refOf(order);
  }

  /** After a failure in {@code phase}, the VM runs at its source again and nothing is left. */
  private void rolledBack(long order, long move, MovePhase phase, int sourceVm) {
    MoveView back = moveUntil(move, v -> v.state().over());
    assertThat(back.state()).isEqualTo(MoveState.ROLLED_BACK);
    assertThat(back.failedPhase()).isEqualTo(phase);
    assertThat(back.failure()).isNotNull();
    OrderView vm = orders.order(tenantId, order);
    assertThat(vm.state()).isEqualTo(OrderState.RUNNING);
    assertThat(vm.vmId()).isEqualTo(sourceVm);
    assertThat(vm.moveId()).isNull();
    assertThat(source.cloud.vmState(sourceVm)).isEqualTo(3);
    assertThat(reservations("move-of-" + order)).isZero();
    assertThat(target.cloud.imagesNamed("federa-move-")).isEmpty();
    assertThat(source.cloud.imagesNamed("federa-move-")).isEmpty();
    List<String[]> used = intervals(order);
    String[] last = used.get(used.size() - 1);
    assertThat(last[0]).isEqualTo(Long.toString(source.providerId));
    assertThat(last[1]).isEqualTo(UsageRecord.RUNNING);
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)[2]).isEqualTo(used.get(i - 1)[3]);
    }
  }

  @Test
  void aSourceThatCannotSaveTheDiskGoesBackToRunning() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    source.simulator.faults().failMethod("one.vm.disksaveas", 2048, "no space in datastore");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.SAVING_DISK, sourceVm);
    assertThat(moves.view(tenantId, move).failure().args()).anyMatch(a -> a.contains("no space"));
  }

  @Test
  void aSourceThatRefusesToStopTheVmKeepsItRunning() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    source.simulator.faults().failMethod("one.vm.action", 0x0200, "not authorized to poweroff");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    MoveView failed = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(failed.failure().key()).isEqualTo("move.reason.refused");
    source.simulator.faults().clear();
    rolledBack(order, move, MovePhase.STOPPING_SOURCE, sourceVm);
  }

  @Test
  void aTargetThatCannotTellTheVmsMonitoringSendsItBack() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    target.simulator.faults().failMethod("one.vm.monitoring", 0x0200, "monitoring not allowed");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.CHECKING, sourceVm);
    assertThat(moves.view(tenantId, move).failure().key()).isEqualTo("move.reason.notChecked");
  }

  @Test
  void aTargetThatCannotImportTheDiskLeavesTheVmRunningAtItsSource() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    target.simulator.faults().failMethod("one.image.allocate", 0x4000, "datastore full");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.IMPORTING_DISK, sourceVm);
  }

  @Test
  void aTargetThatRefusesTheVmLeavesNothingThere() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    target.simulator.faults().failMethod("one.template.instantiate", 0x4000, "group quota");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.CREATING_VM, sourceVm);
  }

  @Test
  void aVmThatFailsToBootAtTheTargetGoesBack() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    target.cloud.failNextBoot(36); // BOOT_FAILURE
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.STARTING_VM, sourceVm);
  }

  @Test
  void aTargetThatStopsAnsweringIsGivenUpAfterSomeAttempts() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    // The target is down when the move reaches it (XML-RPC answers 503).
    target.simulator.faults().httpStatus(503);
    attempts(move, 1);
    // Its earlier attempts are taken as done, so the test does not wait minutes of back-off.
    dueNow(move, MoveWorker.MAX_ATTEMPTS - 1);
    MoveView back = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(back.failure().key()).isEqualTo("move.reason.unreachable");
    target.simulator.faults().httpStatus(0);
    rolledBack(order, move, MovePhase.IMPORTING_DISK, sourceVm);
  }

  @Test
  void aMarketplaceThatCannotPublishTheDiskSendsTheMoveBack() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    source.cloud.failNextExport(); // the app is allocated, then goes to ERROR
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.PUBLISHING_DISK, sourceVm);
    assertThat(moves.view(tenantId, move).failure().key())
        .isEqualTo("move.reason.disk.NOT_PUBLISHED");
  }

  /** Waits until the move has failed {@code n} times in its phase (and is waiting to retry). */
  private void attempts(long move, int n) {
    eventually(Duration.ofSeconds(120))
        .until(
            () ->
                ((Number) fixture.single("SELECT attempts FROM vm_move WHERE id = ?1", move))
                    .intValue(),
            attempts -> attempts >= n);
  }

  /** The move's back-off is over: it is looked at again now (the test does not wait minutes). */
  private void dueNow(long move, int attempts) {
    fixture.execute(
        "UPDATE vm_move SET attempts = ?1, next_step_at = ?2 WHERE id = ?3",
        attempts,
        Instant.now(),
        move);
  }

  @Test
  void aDiskThatNeverArrivesWholeSendsTheMoveBackSayingWhy() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    // Every download has a wrong byte: the MD5 never matches, the copy is tried again and again.
    source.simulator.faults().corruptTransfers(true);
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    attempts(move, 1);
    assertThat(moves.view(tenantId, move).phase()).isEqualTo(MovePhase.COPYING_DISK);
    dueNow(move, MoveWorker.MAX_ATTEMPTS - 1);
    MoveView failed = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(failed.failure().key()).isEqualTo("move.reason.copyMismatch");
    assertThat(failed.failure().english())
        .as("said in the bundle's words, the checksums left to the log")
        .startsWith("The disk could not be copied from mvsrc" + tag)
        .endsWith(": what arrived did not match its checksum, several times in a row.");
    rolledBack(order, move, MovePhase.COPYING_DISK, sourceVm);
    // Nothing of the copy is left in Federa either.
    assertThat(java.nio.file.Files.exists(MoveFiles.part(move))).isFalse();
    assertThat(java.nio.file.Files.exists(MoveFiles.disk(move))).isFalse();
  }

  @Test
  void aSourceThatGoesDownInTheMiddleOfTheCopyIsResumedWhereItStopped() throws Exception {
    long order = runningVm();
    // Half way through the disk the source's front-end goes down (connections refused).
    source.simulator.faults().breakNextTransferAfter(300_000).downAtTransferBreak(true);
    int resumedBefore = source.cloud.resumedTransfers.get();
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    attempts(move, 2); // the cut, then a source that does not answer
    MoveView waiting = moves.view(tenantId, move);
    assertThat(waiting.state()).isEqualTo(MoveState.MOVING);
    assertThat(waiting.phase()).isEqualTo(MovePhase.COPYING_DISK);
    // What reached Federa before the cut is kept: up to the 300,000 bytes the source sent (a
    // connection that fails loses what was still in flight, as a real one does).
    long before = waiting.bytesDone();
    assertThat(before)
        .as("what came before the cut is kept")
        .isPositive()
        .isLessThanOrEqualTo(300_000);
    source.simulator.up();
    dueNow(move, 2);
    MoveView kept = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(kept.state())
        .as("%s in %s", kept.failure(), kept.failedPhase())
        .isEqualTo(MoveState.KEPT);
    assertThat(kept.bytesDone()).isEqualTo(kept.bytesTotal());
    assertThat(source.cloud.resumedTransfers.get())
        .as("the copy went on from where it stopped")
        .isGreaterThan(resumedBefore);
    assertThat(source.cloud.lastResumedFrom.get()).isEqualTo(before);
    assertThat(orders.order(tenantId, order).providerName()).startsWith("mvdst" + tag);
  }

  @Test
  void aStoppedVmMovesStoppedAndStaysStoppedWhenItsMoveFails() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    actions.stop(tenantId, order);
    until(order, v -> v.state() == OrderState.STOPPED);
    assertThat(moves.plan(tenantId, order).options().whyNot()).isNull();

    // A first move fails at the target: the VM is back at its source, still stopped.
    target.simulator.faults().failMethodOnce("one.image.allocate", 0x4000, "datastore full");
    long failed = moves.start(tenantId, order, target.providerId, linkBase());
    MoveView back = moveUntil(failed, v -> v.state().over());
    assertThat(back.state()).isEqualTo(MoveState.ROLLED_BACK);
    assertThat(back.failedPhase()).isEqualTo(MovePhase.IMPORTING_DISK);
    OrderView atSource = orders.order(tenantId, order);
    assertThat(atSource.state()).isEqualTo(OrderState.STOPPED);
    assertThat(atSource.vmId()).isEqualTo(sourceVm);
    assertThat(source.cloud.vmState(sourceVm)).isEqualTo(8); // POWEROFF

    // The second one arrives: checked running at the target, then stopped there again.
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    MoveView kept = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(kept.state())
        .as("%s in %s", kept.failure(), kept.failedPhase())
        .isEqualTo(MoveState.KEPT);
    OrderView moved = orders.order(tenantId, order);
    assertThat(moved.state()).isEqualTo(OrderState.STOPPED);
    assertThat(moved.providerName()).startsWith("mvdst" + tag);
    assertThat(target.cloud.vmState(moved.vmId())).isEqualTo(8);
    // Charged powered off all along: at the source, then at the target from the cutover.
    List<String[]> used = intervals(order);
    String[] last = used.get(used.size() - 1);
    assertThat(last[0]).isEqualTo(Long.toString(target.providerId));
    assertThat(last[1]).isEqualTo(UsageRecord.POWEROFF);
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)[2]).isEqualTo(used.get(i - 1)[3]);
    }
    moves.confirm(tenantId, move);
    assertThat(moveUntil(move, v -> v.state().over()).state()).isEqualTo(MoveState.DONE);
    assertThat(orders.order(tenantId, order).state()).isEqualTo(OrderState.STOPPED);
  }

  /** A running VM at the source with a volume of 1 GiB attached; the target offers its image. */
  private long runningVmWithVolume() {
    long order = runningVm("keeper", 1);
    eventually(Duration.ofSeconds(60))
        .until(
            () -> fixture.single("SELECT state FROM volume WHERE order_id = ?1", order),
            state -> "ATTACHED".equals(state));
    return order;
  }

  /** The order's volume: id, provider, image there, DISK_ID in its VM. */
  private long[] volumeOf(long order) {
    Object row =
        fixture.single(
            "SELECT CONCAT(id, ' ', provider_id, ' ', one_image_id, ' ', disk_id)"
                + " FROM volume WHERE order_id = ?1",
            order);
    return Arrays.stream(row.toString().split(" ")).mapToLong(Long::parseLong).toArray();
  }

  @Test
  void aVmMovesWithItsVolumeWhichIsBilledAtTheTargetFromTheCutover() {
    long order = runningVmWithVolume();
    long[] before = volumeOf(order);
    assertThat(before[1]).isEqualTo(source.providerId);
    // The move page says the volume goes along, and counts its copy in the downtime.
    Moves.Plan plan = moves.plan(tenantId, order);
    assertThat(plan.volumes()).extracting(v -> v.id()).containsExactly(before[0]);
    assertThat(plan.downtimeSeconds())
        .isEqualTo(Moves.downtimeSeconds(orders.order(tenantId, order).diskGib() + 1));

    long move = moves.start(tenantId, order, target.providerId, linkBase());
    // The volume is held a second time at the target until the cutover.
    assertThat(
            ((Number)
                    fixture.single(
                        "SELECT disk_gib FROM quota_reservation WHERE order_ref = ?1",
                        "move-of-" + order))
                .intValue())
        .isEqualTo(orders.order(tenantId, order).diskGib() + 1);
    MoveView kept = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(kept.state())
        .as("%s in %s", kept.failure(), kept.failedPhase())
        .isEqualTo(MoveState.KEPT);
    assertThat(kept.bytesDone()).isEqualTo(kept.bytesTotal());

    // The volume is a disk of the VM at the target, in a persistent image of the tenant there.
    OrderView moved = orders.order(tenantId, order);
    long[] after = volumeOf(order);
    assertThat(after[0]).isEqualTo(before[0]);
    assertThat(after[1]).isEqualTo(target.providerId);
    assertThat(target.cloud.imagesNamed("federa-move-" + move + "-volume-"))
        .containsExactly((int) after[2]);
    assertThat(target.cloud.vmDisks(moved.vmId()))
        .anyMatch(
            d ->
                String.valueOf(after[2]).equals(d.get("IMAGE_ID"))
                    && String.valueOf(after[3]).equals(d.get("DISK_ID")));
    // Its billing: at the source until the cutover second, at the target from it.
    Object joined =
        fixture.single(
            "SELECT GROUP_CONCAT(CONCAT(provider_id, '|', started_at, '|', IFNULL(ended_at, '-'))"
                + " ORDER BY started_at SEPARATOR ';') FROM usage_interval WHERE volume_id = ?1",
            before[0]);
    String[] stored = joined.toString().split(";");
    String[] last = stored[stored.length - 1].split("\\|");
    String[] previous = stored[stored.length - 2].split("\\|");
    assertThat(last[0]).isEqualTo(Long.toString(target.providerId));
    assertThat(last[2]).isEqualTo("-");
    assertThat(previous[0]).isEqualTo(Long.toString(source.providerId));
    assertThat(previous[2]).isEqualTo(last[1]);
    assertThat(reservations("move-of-" + order)).isZero();

    // Confirmed: the source VM and the volume's image at the source go.
    moves.confirm(tenantId, move);
    assertThat(moveUntil(move, v -> v.state().over()).state()).isEqualTo(MoveState.DONE);
    assertThat(source.cloud.imageState((int) before[2])).isEqualTo(-1);
    // The volume works where it is now: detached, it is available at the target.
    volumeActions.detach(tenantId, order, before[0]);
    eventually(Duration.ofSeconds(60))
        .until(
            () -> fixture.single("SELECT state FROM volume WHERE id = ?1", before[0]),
            state -> "AVAILABLE".equals(state));
    assertThat(target.cloud.vmDisks(moved.vmId()))
        .noneMatch(d -> String.valueOf(after[2]).equals(d.get("IMAGE_ID")));
  }

  @Test
  void aTargetThatCannotAttachTheVolumeLeavesItOnTheVmAtItsSource() {
    long order = runningVmWithVolume();
    int sourceVm = orders.order(tenantId, order).vmId();
    long[] before = volumeOf(order);
    target.simulator.faults().failMethod("one.vm.attach", 0x0400, "no free target device");
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    rolledBack(order, move, MovePhase.ATTACHING_VOLUMES, sourceVm);
    assertThat(moves.view(tenantId, move).failure().key()).isEqualTo("move.reason.attachRefused");
    assertThat(volumeOf(order)).containsExactly(before);
    assertThat(fixture.single("SELECT state FROM volume WHERE id = ?1", before[0]))
        .isEqualTo("ATTACHED");
    assertThat(source.cloud.vmDisks(sourceVm))
        .anyMatch(d -> String.valueOf(before[2]).equals(d.get("IMAGE_ID")));
    // While a move is under way or awaits a decision, the volume stays as it is.
    long again = moves.start(tenantId, order, target.providerId, linkBase());
    assertThatThrownBy(() -> volumeActions.detach(tenantId, order, before[0]))
        .isInstanceOf(ConflictException.class)
        .hasFieldOrPropertyWithValue("messageKey", "volume.error.moving");
    moves.takeBack(tenantId, again);
    moveUntil(again, v -> v.state().over());
  }

  @Test
  void anExportAskedForDuringAMoveWaitsForItAndHasTheVmsDiskFromItsNewProvider() {
    long order = runningVm();
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    long export = exports.request(tenantId).id();
    // A VM between providers is neither left out of the bundle nor copied from under the move.
    assertThat(moveUntil(move, v -> v.state() != MoveState.MOVING).state())
        .isEqualTo(MoveState.KEPT);
    eventually(Duration.ofSeconds(120))
        .until(
            () -> fixture.single("SELECT state FROM data_export WHERE id = ?1", export),
            state -> "READY".equals(state) || "FAILED".equals(state));
    assertThat(fixture.single("SELECT state FROM data_export WHERE id = ?1", export))
        .isEqualTo("READY");
    assertThat(
            fixture.single(
                "SELECT CONCAT(provider_id, ' ', state) FROM data_export_disk"
                    + " WHERE export_id = ?1 AND order_id = ?2",
                export,
                order))
        .isEqualTo(target.providerId + " DONE");
  }

  @Test
  void aMoveTakenBackAfterItsCutoverReturnsTheVmToItsSource() {
    long order = runningVm();
    int sourceVm = orders.order(tenantId, order).vmId();
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    MoveView kept = moveUntil(move, v -> v.state() != MoveState.MOVING);
    assertThat(kept.state()).isEqualTo(MoveState.KEPT);
    int targetVm = orders.order(tenantId, order).vmId();

    moves.takeBack(tenantId, move);
    MoveView back = moveUntil(move, v -> v.state().over());
    assertThat(back.state()).isEqualTo(MoveState.ROLLED_BACK);
    assertThat(back.failure().key()).isEqualTo("move.reason.byUser");
    OrderView vm = orders.order(tenantId, order);
    assertThat(vm.state()).isEqualTo(OrderState.RUNNING);
    assertThat(vm.vmId()).isEqualTo(sourceVm);
    assertThat(source.cloud.vmState(sourceVm)).isEqualTo(3);
    assertThat(target.cloud.vmState(targetVm)).isEqualTo(6);
    // Billing went to the target at the cutover and back to the source when it ran again.
    List<String[]> used = intervals(order);
    assertThat(used.stream().map(r -> r[0]).distinct()).hasSize(2);
    assertThat(used.get(used.size() - 1)[0]).isEqualTo(Long.toString(source.providerId));
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)[2]).isEqualTo(used.get(i - 1)[3]);
    }
    assertThatThrownBy(() -> moves.confirm(tenantId, move)).isInstanceOf(ConflictException.class);
  }

  @Test
  void anotherTenantNeitherSeesNorMovesTheVm() {
    long order = runningVm();
    AuthenticatedUser stranger = fixture.person("Sly", "other-move.example");
    long other = fixture.tenantOf(stranger, "Other Move " + UUID.randomUUID());
    fixture.as(stranger);
    assertThatThrownBy(() -> moves.plan(other, order)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> moves.start(other, order, target.providerId, linkBase()))
        .isInstanceOf(NotFoundException.class);
    fixture.as(admin);
    long move = moves.start(tenantId, order, target.providerId, linkBase());
    fixture.as(stranger);
    assertThatThrownBy(() -> moves.view(other, move)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> moves.takeBack(other, move)).isInstanceOf(NotFoundException.class);
    fixture.as(admin);
    moveUntil(move, v -> v.state() != MoveState.MOVING);
  }

  @Test
  void aVmCannotMoveToAProviderThatDoesNotOfferItsImage() {
    long order = runningVm();
    assertThatThrownBy(() -> moves.start(tenantId, order, source.providerId, linkBase()))
        .isInstanceOf(ConflictException.class)
        .hasFieldOrPropertyWithValue("messageKey", "move.error.target");
    assertThat(orders.order(tenantId, order).state()).isEqualTo(OrderState.RUNNING);
    assertThat(reservations("move-of-" + order)).isZero();
  }

  @Test
  void aCutoverAcrossTheMonthEndBillsTheSourceUntilItAndTheTargetFromIt() throws Exception {
    long orderId = 900_000_000L + tenantId;
    Metering.Resource atSource = resource(orderId, source.providerId);
    Metering.Resource atTarget = resource(orderId, target.providerId);
    tx.begin();
    metering.observe(atSource, UsageRecord.RUNNING, Instant.parse("2026-09-30T22:00:00Z"));
    metering.observe(atTarget, UsageRecord.RUNNING, Instant.parse("2026-10-01T00:30:00Z"));
    metering.observe(atTarget, null, Instant.parse("2026-10-01T02:00:00Z"));
    tx.commit();
    List<String[]> used = intervals(orderId);
    assertThat(used)
        .extracting(r -> r[0] + " " + r[2] + " " + r[3])
        .containsExactly(
            source.providerId + " 2026-09-30 22:00:00.000000 2026-10-01 00:00:00.000000",
            source.providerId + " 2026-10-01 00:00:00.000000 2026-10-01 00:30:00.000000",
            target.providerId + " 2026-10-01 00:30:00.000000 2026-10-01 02:00:00.000000");
  }

  private Metering.Resource resource(long orderId, long providerId) {
    return new Metering.Resource(
        orderId, tenantId, null, "crossing", "VM", providerId, "p", "FR", 2, 2048, 10, 0, null, 0);
  }
}
