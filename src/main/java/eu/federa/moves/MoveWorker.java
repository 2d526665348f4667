package eu.federa.moves;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.Image;
import eu.federa.cloud.PowerAction;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.BackupUnsupportedException;
import eu.federa.cloud.registry.CopyFailure;
import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.cloud.registry.NetworkFullException;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.PublicNetworkMissingException;
import eu.federa.cloud.registry.TemplateUnusableException;
import eu.federa.cloud.registry.TenantAccounts;
import eu.federa.cloud.registry.TenantBackups;
import eu.federa.cloud.registry.TenantVolumes;
import eu.federa.platform.Incidents;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.work.Ticker;
import eu.federa.provisioning.OrderMoves;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.VmOrder;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Carries moves between providers through their phases, from the state in {@code vm_move}: any node
 * takes a move that is due, takes it as far as it goes without waiting, and leaves it for the next
 * look. Before the cutover every failure rolls the move back to its source (started again, what the
 * target got removed); a provider out of reach is tried again a few times first. After the cutover
 * nothing is given up: keeping, deleting the source or going back is tried until done.
 */
@ApplicationScoped
public class MoveWorker {

  private static final Logger LOG = Logger.getLogger(MoveWorker.class.getName());

  /**
   * How long a claimed move is this node's: renewed every {@link #RENEW_EVERY} while the node
   * carries it (and as its disk comes in), so that a live step is never taken over, and a node that
   * died hands its moves on within a minute.
   */
  static final Duration LEASE = Duration.ofSeconds(60);

  /** How often the leases of this node's moves are renewed (well within {@link #LEASE}). */
  static final Duration RENEW_EVERY = Duration.ofSeconds(15);

  /** What the signed link to a moving disk is signed for. */
  static final String DISK_LINK = "move-disk";

  /** How many moves one tick takes at most. */
  static final int PER_TICK = 8;

  /** How long the source may take to power off. */
  static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

  /** How long the target may take to download the disk. */
  static final Duration IMPORT_TIMEOUT = Duration.ofHours(2);

  /** How long the VM at the target may take to run. */
  static final Duration BOOT_TIMEOUT = Duration.ofMinutes(10);

  /** How long the VM at the target may run before its provider monitors it. */
  static final Duration CHECK_TIMEOUT = Duration.ofMinutes(5);

  private static final Set<MovePhase> COPY_PHASES =
      java.util.EnumSet.of(
          MovePhase.SAVING_DISK, MovePhase.PUBLISHING_DISK, MovePhase.COPYING_DISK);

  /** A provider out of reach this many times in a row before the cutover: the move goes back. */
  static final int MAX_ATTEMPTS = 6;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MoveSteps steps;
  @Inject ProviderVms vms;
  @Inject DiskTransfer transfer;
  @Inject DiskExports disks;
  @Inject TenantVolumes volumesThere;
  @Inject TenantBackups backups;
  @Inject TenantAccounts accounts;
  @Inject OrderMoves orders;
  @Inject LinkSigner signer;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);
  private final Set<MoveSteps.Claim> inFlight = ConcurrentHashMap.newKeySet();

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 720)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(4), watch(), "Move worker", this::tick);
    ticker.every(
        scheduler,
        RENEW_EVERY.toSeconds(),
        RENEW_EVERY.toSeconds(),
        "Move lease renewal",
        this::renewLeases);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /**
   * Takes the moves that are due, one after the other, each as far as it goes now (a move that
   * waits for a provider is left for a later look, so moves interleave); at most {@link #PER_TICK}
   * per tick, so that the other background work of the node keeps its threads.
   */
  public int tick() {
    int taken = 0;
    while (taken < PER_TICK && !ticker.stopping()) {
      Optional<MoveSteps.Claim> claim =
          steps.claimNext(LEASE, Setting.MOVE_PARALLEL_PER_PROVIDER.intValue());
      if (claim.isEmpty()) {
        break;
      }
      taken++;
      carry(claim.get());
    }
    return taken;
  }

  /** Runs a move as far as it goes now, then lets it go (any node takes its next step). */
  public void carry(MoveSteps.Claim claim) {
    inFlight.add(claim);
    try {
      for (int step = 0; step < 20 && advance(claim); step++) {
        // the next phase at once
      }
    } finally {
      inFlight.remove(claim);
      steps.release(claim);
    }
  }

  /** The leases of this node's moves do not run out while they wait for a provider. */
  void renewLeases() {
    for (MoveSteps.Claim claim : inFlight) {
      steps.renew(claim, LEASE);
    }
  }

  /** One phase; true when the next one is to be taken at once. */
  private boolean advance(MoveSteps.Claim claim) {
    VmMove m;
    try {
      m = steps.load(claim);
    } catch (MoveSteps.Stale stale) {
      return false;
    }
    if (m.getNextStepAt() == null || m.getNextStepAt().isAfter(clock.instant())) {
      return false;
    }
    MovePhase phase = m.getPhase();
    try {
      return switch (phase) {
        // Started by the claim that found its providers with room for one more move.
        case QUEUED -> false;
        case STOPPING_SOURCE -> stopSource(claim, m);
        case SAVING_DISK, PUBLISHING_DISK, COPYING_DISK -> copyDisk(claim, m);
        case IMPORTING_DISK -> importDisk(claim, m);
        case CREATING_VM -> createVm(claim, m);
        case STARTING_VM -> startVm(claim, m);
        case ATTACHING_VOLUMES -> attachVolumes(claim, m);
        case CHECKING -> check(claim, m);
        case STOPPING_TARGET -> stopTarget(claim, m);
        case KEEPING_SOURCE -> keep(claim, m);
        case DELETING_SOURCE -> deleteSource(claim, m);
        case RESTARTING_SOURCE -> restartSource(claim, m);
        case CLEANING_TARGET -> cleanTarget(claim, m);
        case FINISHED -> false;
      };
    } catch (MoveSteps.Stale stale) {
      LOG.fine(stale::getMessage);
      return false;
    } catch (CloudTransportException | IOException | NotFoundException e) {
      unreachable(claim, m, phase, e);
      return false;
    } catch (Exception e) {
      // Checked ones too: a step whose commit failed reaches here as the transaction
      // interceptor's undeclared RollbackException.
      String incident = Incidents.logged(LOG, "Move " + m.getId() + " (" + phase + ") failed", e);
      boolean passing = transientFailure(e) && m.getAttempts() + 1 < MAX_ATTEMPTS;
      if (phase.beforeCutover() && m.getState() == MoveState.MOVING && !passing) {
        // What the error says is for the operators (logged above), not the reader's sentence.
        steps.fail(claim, phase, Reason.keyed("move.reason.portalError", incident));
        return true;
      }
      // After the cutover nothing is given up; a deadlock or a lock wait is tried again too.
      steps.retryLater(claim, phase, backoff(m.getAttempts()));
      return false;
    }
  }

  /**
   * Whether the failure is the database's passing refusal (a deadlock, a lock wait that timed out,
   * a commit rolled back for either): the step is taken again, the move is not sent back for it.
   */
  static boolean transientFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLTransientException
          || t instanceof jakarta.persistence.PessimisticLockException
          || t instanceof jakarta.persistence.LockTimeoutException
          || t instanceof jakarta.persistence.OptimisticLockException
          || t instanceof jakarta.transaction.RollbackException) {
        return true;
      }
    }
    return false;
  }

  /** A provider could not be asked: tried again later; before the cutover, given up after a few. */
  private void unreachable(MoveSteps.Claim claim, VmMove m, MovePhase seen, Exception e) {
    LOG.info(() -> "Move " + m.getId() + " (" + seen + "): " + e.getMessage() + "; retrying");
    try {
      // The disk's phases follow one another within one step: the failure is the latest one's.
      MovePhase phase = seen;
      if (COPY_PHASES.contains(seen)) {
        MovePhase now = steps.load(claim).getPhase();
        phase = COPY_PHASES.contains(now) ? now : seen;
      }
      int attempts = steps.retryLater(claim, phase, backoff(m.getAttempts()));
      if (attempts >= MAX_ATTEMPTS && phase.beforeCutover() && m.getState() == MoveState.MOVING) {
        String provider =
            phase.ordinal() < MovePhase.IMPORTING_DISK.ordinal()
                ? m.getSourceProviderName()
                : m.getTargetProviderName();
        // A copy that keeps breaking says how (a cut connection, a disk that does not match).
        steps.fail(
            claim,
            phase,
            e instanceof IOException failure && phase == MovePhase.COPYING_DISK
                ? copyFailed(provider, failure)
                : Reason.keyed("move.reason.unreachable", provider));
      }
    } catch (MoveSteps.Stale stale) {
      LOG.fine(stale::getMessage);
    }
  }

  /**
   * Why a disk's copy was given up, wholly in the bundles' words (a reader of any language gets it
   * in theirs); the failure's own message, a library's English, goes to the log.
   */
  static Reason copyFailed(String provider, IOException failure) {
    LOG.warning(
        () -> "move: the disk's copy from " + provider + " failed: " + failure.getMessage());
    CopyFailure why = CopyFailure.of(failure);
    return switch (why.kind()) {
      case CUT -> Reason.keyed("move.reason.copyCut", provider, why.number());
      case ANSWERED -> Reason.keyed("move.reason.copyAnswered", provider, why.number());
      case MISMATCH -> Reason.keyed("move.reason.copyMismatch", provider);
      case UNREACHABLE -> Reason.keyed("move.reason.copyUnreachable", provider);
    };
  }

  private static Duration backoff(int attempts) {
    long seconds = Math.min(300, 5L << Math.min(attempts, 6));
    return Duration.ofSeconds(seconds);
  }

  private boolean overdue(VmMove m, Duration limit) {
    return clock.instant().isAfter(m.getPhaseStartedAt().plus(limit));
  }

  private boolean stopSource(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm;
    try {
      vm = vms.vm(m.getSourceProviderId(), m.getTenantId(), m.getSourceVmId());
    } catch (CloudApiException.NotFound gone) {
      steps.fail(claim, m.getPhase(), Reason.keyed("move.reason.sourceGone", source(m)));
      return true;
    }
    if (m.getDiskId() == null && !diskFound(claim, m)) {
      return true;
    }
    return switch (powerOff(claim, m, vm, m.getSourceProviderId(), source(m), "sourceState")) {
      case OFF -> {
        steps.sourceStopped(claim);
        yield true;
      }
      case FAILED -> true;
      case WAITING -> false;
    };
  }

  /** Where a power-off the move asked for is. */
  private enum Off {
    OFF,
    /** The move failed (and goes back), saying why. */
    FAILED,
    WAITING
  }

  /**
   * Brings a VM of the move to POWEROFF (the source before its copy, a VM that moved stopped at the
   * target after its check): asked once it runs, waited for, and given up after {@link
   * #STOP_TIMEOUT} or when the VM fails ({@code failedKey}) or its provider refuses.
   */
  private Off powerOff(
      MoveSteps.Claim claim,
      VmMove m,
      VirtualMachine vm,
      long providerId,
      String provider,
      String failedKey) {
    if (vm.state().is(VmState.POWEROFF)) {
      return Off.OFF;
    }
    VmCondition condition = vm.condition();
    if (condition == VmCondition.FAILED || condition == VmCondition.GONE) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason." + failedKey, provider, vm.displayState()));
      return Off.FAILED;
    }
    if (overdue(m, STOP_TIMEOUT)) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.stopTimeout", provider, STOP_TIMEOUT.toMinutes()));
      return Off.FAILED;
    }
    if (condition == VmCondition.RUNNING) {
      try {
        send(providerId, m.getTenantId(), vm.id(), PowerAction.POWER_OFF);
      } catch (CloudApiException refused) {
        steps.fail(
            claim,
            m.getPhase(),
            Reason.keyed("move.reason.refused", provider, refused.getMessage()));
        return Off.FAILED;
      }
    }
    steps.waitFor(claim, m.getPhase(), watch());
    return Off.WAITING;
  }

  /**
   * Which disk moves, asked of the source when the move's turn comes; false when the VM has not
   * exactly one (the move fails before anything was stopped or copied).
   */
  private boolean diskFound(MoveSteps.Claim claim, VmMove m) {
    // Its volumes are disks of it too: they move as volumes, each into an image of its own.
    Set<Integer> volumeDisks =
        steps.volumes(claim).stream()
            .map(MoveVolume::getSourceDiskId)
            .collect(java.util.stream.Collectors.toSet());
    List<DiskExports.Disk> own =
        disks.disksOf(m.getSourceProviderId(), m.getTenantId(), m.getSourceVmId()).stream()
            .filter(d -> !volumeDisks.contains(d.diskId()))
            .toList();
    if (own.size() != 1) {
      steps.fail(claim, m.getPhase(), Reason.keyed("move.why.disks", own.size()));
      return false;
    }
    steps.diskFound(claim, own.get(0).diskId(), own.get(0).sizeMib());
    return true;
  }

  /** The VM's disk, then each of its volumes' disks, into Federa; then the target's import. */
  private boolean copyDisk(MoveSteps.Claim claim, VmMove m) throws IOException {
    steps.copyAttempt(claim);
    DiskTransfer.Disk d = m.disk();
    if (d.state != DiskTransfer.State.DONE) {
      transfer.copy(
          m.getTenantId(),
          d,
          m.diskName(),
          MoveFiles.part(m.getId()),
          MoveFiles.disk(m.getId()),
          progressed -> steps.disk(claim, progressed, LEASE));
      if (!copied(claim, m, d)) {
        return d.state == DiskTransfer.State.FAILED;
      }
    }
    for (MoveVolume v : steps.volumes(claim)) {
      DiskTransfer.Disk vd = v.disk(m.getSourceProviderId(), m.getSourceVmId());
      if (vd.state == DiskTransfer.State.DONE) {
        continue;
      }
      transfer.copy(
          m.getTenantId(),
          vd,
          v.diskName(),
          MoveFiles.part(m.getId(), v.getVolumeId()),
          MoveFiles.disk(m.getId(), v.getVolumeId()),
          progressed -> steps.volumeDisk(claim, v.getVolumeId(), progressed, LEASE));
      if (!copied(claim, m, vd)) {
        return vd.state == DiskTransfer.State.FAILED;
      }
    }
    VmMove now = steps.load(claim);
    steps.enter(claim, now.getPhase(), MovePhase.IMPORTING_DISK);
    return true;
  }

  /** Whether the disk is here whole; a failed one fails the move (in the phase it came to). */
  private boolean copied(MoveSteps.Claim claim, VmMove m, DiskTransfer.Disk d) {
    if (d.state == DiskTransfer.State.FAILED) {
      VmMove now = steps.load(claim);
      steps.fail(
          claim,
          now.getPhase(),
          Reason.keyed("move.reason.disk." + d.failure.name(), source(m), d.reason));
      return false;
    }
    return d.state == DiskTransfer.State.DONE;
  }

  /** What the link to a moving disk signs: the move, and the volume when it is one's. */
  static String signedPart(long moveId, Long volumeId) {
    return volumeId == null ? Long.toString(moveId) : moveId + "/" + volumeId;
  }

  /** The link the target downloads the disk from, signed, without signing in. */
  String diskUrl(VmMove m) {
    return diskUrl(m, null);
  }

  /** The same for the disk of one of its volumes ({@code volumeId} null: the VM's own). */
  String diskUrl(VmMove m, Long volumeId) {
    return m.getLinkBase().replaceAll("/+$", "")
        + "/disks/moves/"
        + m.getId()
        + (volumeId == null ? "" : "/volumes/" + volumeId)
        + "?s="
        + signer.sign(DISK_LINK, signedPart(m.getId(), volumeId));
  }

  /** The target downloads the VM's disk and its volumes' disks, each into an image there. */
  private boolean importDisk(MoveSteps.Claim claim, VmMove m) {
    long target = m.getTargetProviderId();
    List<Integer> images = new java.util.ArrayList<>();
    try {
      accounts.prepare(target, m.getTenantId());
      int imageId = backups.importDisk(target, m.getTenantId(), diskUrl(m), m.diskName());
      if (m.getTargetImageId() == null) {
        steps.targetImage(claim, imageId);
      }
      images.add(imageId);
      for (MoveVolume v : steps.volumes(claim)) {
        int volumeImage =
            backups.importVolume(
                target, m.getTenantId(), diskUrl(m, v.getVolumeId()), v.diskName());
        if (v.getTargetImageId() == null) {
          steps.volumeImage(claim, v.getVolumeId(), volumeImage, null);
        }
        images.add(volumeImage);
      }
    } catch (BackupUnsupportedException none) {
      steps.fail(claim, m.getPhase(), Reason.keyed("move.reason.importUnsupported", target(m)));
      return true;
    } catch (CloudApiException refused) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.refused", target(m), refused.getMessage()));
      return true;
    }
    boolean pending = false;
    java.util.Map<Integer, Integer> datastores = new java.util.HashMap<>();
    for (int imageId : images) {
      Image image = backups.image(target, m.getTenantId(), imageId).orElse(null);
      if (image == null || image.state() == Image.ERROR) {
        steps.fail(claim, m.getPhase(), Reason.keyed("move.reason.importFailed", target(m)));
        return true;
      }
      pending |= image.inProgress();
      datastores.put(imageId, image.datastoreId());
    }
    if (pending) {
      if (overdue(m, IMPORT_TIMEOUT)) {
        steps.fail(
            claim,
            m.getPhase(),
            Reason.keyed("move.reason.importTimeout", target(m), IMPORT_TIMEOUT.toHours()));
        return true;
      }
      steps.waitFor(claim, m.getPhase(), watch());
      return false;
    }
    // The target has every byte: Federa's copies are no longer needed. Each volume is in the
    // datastore its image went to.
    for (MoveVolume v : steps.volumes(claim)) {
      steps.volumeImage(
          claim, v.getVolumeId(), v.getTargetImageId(), datastores.get(v.getTargetImageId()));
    }
    MoveFiles.delete(m.getId());
    steps.enter(claim, MovePhase.IMPORTING_DISK, MovePhase.CREATING_VM);
    return true;
  }

  private boolean createVm(MoveSteps.Claim claim, VmMove m) {
    Reason refused;
    try {
      int vmId =
          orders.createTarget(
              m.getOrderId(),
              m.getTargetProviderId(),
              m.getTargetHostId(),
              m.getTargetTemplateId(),
              m.getTargetImageId());
      steps.targetVm(claim, vmId);
      return true;
    } catch (CloudApiException e) {
      refused = Reason.keyed("move.reason.refused", target(m), e.getMessage());
    } catch (NetworkFullException e) {
      refused = Reason.keyed("move.reason.networkFull", target(m));
    } catch (PublicNetworkMissingException e) {
      refused = Reason.keyed("move.reason.noPublicNetwork", target(m));
    } catch (TemplateUnusableException e) {
      refused = Reason.keyed("move.reason.templateUnusable", target(m), e.missing());
    }
    steps.fail(claim, m.getPhase(), refused);
    return true;
  }

  private boolean startVm(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm = targetVm(claim, m);
    if (vm == null) {
      return true;
    }
    VmCondition condition = vm.condition();
    if (condition == VmCondition.RUNNING) {
      steps.enter(claim, MovePhase.STARTING_VM, MovePhase.ATTACHING_VOLUMES);
      return true;
    }
    if (condition == VmCondition.FAILED || condition == VmCondition.GONE) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.bootFailed", target(m), vm.displayState()));
      return true;
    }
    if (overdue(m, BOOT_TIMEOUT)) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.bootTimeout", target(m), BOOT_TIMEOUT.toMinutes()));
      return true;
    }
    steps.waitFor(claim, m.getPhase(), watch());
    return false;
  }

  /**
   * The volumes are hot-plugged into the running VM at the target, one at a time (a VM takes one
   * hot-plug at once); each is recorded once the VM shows it as a disk.
   */
  private boolean attachVolumes(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm = targetVm(claim, m);
    if (vm == null) {
      return true;
    }
    VmCondition condition = vm.condition();
    if (condition == VmCondition.FAILED || condition == VmCondition.GONE) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.bootFailed", target(m), vm.displayState()));
      return true;
    }
    if (overdue(m, BOOT_TIMEOUT)) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.attachTimeout", target(m), BOOT_TIMEOUT.toMinutes()));
      return true;
    }
    if (condition != VmCondition.RUNNING) {
      // A hot-plug under way: its disk counts once the VM runs again.
      steps.waitFor(claim, m.getPhase(), watch());
      return false;
    }
    for (MoveVolume v : steps.volumes(claim)) {
      if (v.getTargetDiskId() != null) {
        continue;
      }
      Optional<VirtualMachine.Disk> there =
          vm.disks().stream().filter(d -> d.imageId() == v.getTargetImageId()).findFirst();
      if (there.isPresent()) {
        steps.volumeAttached(claim, v.getVolumeId(), there.get().diskId());
        continue;
      }
      try {
        volumesThere.attach(
            m.getTargetProviderId(), m.getTenantId(), vm.id(), v.getTargetImageId());
      } catch (CloudApiException.WrongState busy) {
        LOG.fine(() -> "VM " + vm.id() + " takes no hot-plug now: " + busy.getMessage());
      } catch (CloudApiException refused) {
        steps.fail(
            claim,
            m.getPhase(),
            Reason.keyed("move.reason.attachRefused", target(m), refused.getMessage()));
        return true;
      }
      steps.waitFor(claim, m.getPhase(), watch());
      return false;
    }
    steps.enter(claim, MovePhase.ATTACHING_VOLUMES, MovePhase.CHECKING);
    return true;
  }

  /** The VM at the target as its provider reports it; null when it is gone (the move fails). */
  private VirtualMachine targetVm(MoveSteps.Claim claim, VmMove m) {
    try {
      return vms.vm(m.getTargetProviderId(), m.getTenantId(), m.getTargetVmId());
    } catch (CloudApiException.NotFound gone) {
      steps.fail(claim, m.getPhase(), Reason.keyed("move.reason.targetGone", target(m)));
      return null;
    }
  }

  /** The health check: the VM at the target runs and its provider monitors it. */
  private boolean check(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm = targetVm(claim, m);
    if (vm == null) {
      return true;
    }
    if (vm.condition() != VmCondition.RUNNING) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.checkFailed", target(m), vm.displayState()));
      return true;
    }
    boolean monitored;
    try {
      monitored =
          vms.monitoredSince(
              m.getTargetProviderId(), m.getTenantId(), m.getTargetVmId(), m.getPhaseStartedAt());
    } catch (CloudApiException refused) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.notChecked", target(m), refused.getMessage()));
      return true;
    }
    if (monitored) {
      if (m.isEndsStopped()) {
        steps.enter(claim, MovePhase.CHECKING, MovePhase.STOPPING_TARGET);
      } else {
        steps.cutOver(claim, vm, keepSource());
      }
      return true;
    }
    if (overdue(m, CHECK_TIMEOUT)) {
      steps.fail(
          claim,
          m.getPhase(),
          Reason.keyed("move.reason.notMonitored", target(m), CHECK_TIMEOUT.toMinutes()));
      return true;
    }
    steps.waitFor(claim, m.getPhase(), watch());
    return false;
  }

  private static Duration keepSource() {
    return Duration.ofHours(Setting.MOVE_KEEP_SOURCE_HOURS.intValue());
  }

  /** A VM that moved stopped is stopped at the target once checked; then the cutover. */
  private boolean stopTarget(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm = targetVm(claim, m);
    if (vm == null) {
      return true;
    }
    return switch (powerOff(claim, m, vm, m.getTargetProviderId(), target(m), "checkFailed")) {
      case OFF -> {
        steps.cutOver(claim, vm, keepSource());
        yield true;
      }
      case FAILED -> true;
      case WAITING -> false;
    };
  }

  /** The source is kept, stopped, until the user decides, the time passes, or the VM ends. */
  private boolean keep(MoveSteps.Claim claim, VmMove m) {
    OrderState order = orders.state(m.getOrderId());
    Instant now = clock.instant();
    if (order.ended() || order == OrderState.TERMINATING || !now.isBefore(m.getKeepSourceUntil())) {
      steps.enter(claim, MovePhase.KEEPING_SOURCE, MovePhase.DELETING_SOURCE);
      return true;
    }
    Duration untilDue = Duration.between(now, m.getKeepSourceUntil());
    steps.waitFor(
        claim,
        MovePhase.KEEPING_SOURCE,
        untilDue.compareTo(Duration.ofMinutes(1)) < 0 ? untilDue : Duration.ofMinutes(1));
    return false;
  }

  private boolean deleteSource(MoveSteps.Claim claim, VmMove m) {
    long source = m.getSourceProviderId();
    if (!gone(source, m.getTenantId(), m.getSourceVmId())) {
      vms.delete(source, m.getSourceVmId());
      steps.waitFor(claim, m.getPhase(), watch());
      return false;
    }
    if (!releasePublicAddress(source, m)) {
      steps.retryLater(claim, m.getPhase(), backoff(m.getAttempts()));
      return false;
    }
    if (m.getSourceImageName() != null) {
      // The source had come by an earlier move: the image it booted from goes with it.
      backups.forgetImport(source, m.getTenantId(), m.getSourceImageName());
    }
    // The volumes' images at the source: the volumes are the ones at the target now.
    for (MoveVolume v : steps.volumes(claim)) {
      volumesThere.delete(source, m.getTenantId(), v.getSourceImageId());
    }
    steps.finished(claim, MovePhase.DELETING_SOURCE, MoveState.DONE);
    return false;
  }

  /**
   * Going back: the source runs again (a VM that moved stopped stays stopped), and the order is on
   * it from that second.
   */
  private boolean restartSource(MoveSteps.Claim claim, VmMove m) {
    VirtualMachine vm = vms.vm(m.getSourceProviderId(), m.getTenantId(), m.getSourceVmId());
    if (vm.condition() == VmCondition.RUNNING
        || (m.isEndsStopped() && vm.state().is(VmState.POWEROFF))) {
      steps.sourceRestarted(claim, vm);
      return true;
    }
    // Only once it has settled: a resume sent while it is still saving or stopping fails.
    if (vm.state().is(VmState.POWEROFF) && !m.isEndsStopped()) {
      send(m.getSourceProviderId(), m.getTenantId(), m.getSourceVmId(), PowerAction.POWER_ON);
    }
    steps.waitFor(claim, m.getPhase(), watch());
    return false;
  }

  /**
   * What the move made goes: the VM and the imported disk at the target, the copies at the source
   * and at Federa. Tried until done (a provider out of reach is asked again later).
   */
  private boolean cleanTarget(MoveSteps.Claim claim, VmMove m) {
    try {
      if (!targetCleaned(claim, m)) {
        return false;
      }
    } catch (NotFoundException noAccountThere) {
      // The organisation never had an account at the target: nothing was made there.
    }
    if (m.getDiskId() != null) {
      DiskTransfer.Disk d = m.disk();
      if (d.state != DiskTransfer.State.DONE) {
        transfer.discard(m.getTenantId(), d, unused -> {});
      }
    }
    for (MoveVolume v : steps.volumes(claim)) {
      DiskTransfer.Disk d = v.disk(m.getSourceProviderId(), m.getSourceVmId());
      if (d.state != DiskTransfer.State.DONE) {
        transfer.discard(m.getTenantId(), d, unused -> {});
      }
    }
    MoveFiles.delete(m.getId());
    steps.finished(claim, MovePhase.CLEANING_TARGET, MoveState.ROLLED_BACK);
    return false;
  }

  /** The VM, the imported disk and the public address at the target go; false: not yet. */
  private boolean targetCleaned(MoveSteps.Claim claim, VmMove m) {
    long target = m.getTargetProviderId();
    Integer vmId = m.getTargetVmId();
    if (vmId == null) {
      vmId =
          vms.findByOrder(target, m.getTenantId(), VmOrder.refOf(m.getOrderId()))
              .map(VirtualMachine::id)
              .orElse(null);
    }
    if (vmId != null && !gone(target, m.getTenantId(), vmId)) {
      vms.delete(target, vmId);
      steps.waitFor(claim, m.getPhase(), watch());
      return false;
    }
    backups.forgetImport(target, m.getTenantId(), m.diskName());
    for (MoveVolume v : steps.volumes(claim)) {
      backups.forgetImport(target, m.getTenantId(), v.diskName());
    }
    if (!releasePublicAddress(target, m)) {
      steps.retryLater(claim, m.getPhase(), backoff(m.getAttempts()));
      return false;
    }
    return true;
  }

  /** The order's public address at a provider goes back (true: done, or there was none). */
  private boolean releasePublicAddress(long providerId, VmMove m) {
    try {
      return orders.releasePublicAddress(providerId, m.getTenantId(), m.getOrderId());
    } catch (NotFoundException noAccountThere) {
      return true;
    }
  }

  private boolean gone(long providerId, long tenantId, int vmId) {
    try {
      return vms.vm(providerId, tenantId, vmId).condition() == VmCondition.GONE;
    } catch (CloudApiException.NotFound deleted) {
      return true;
    }
  }

  private void send(long providerId, long tenantId, int vmId, PowerAction action) {
    try {
      vms.act(providerId, tenantId, vmId, action);
    } catch (CloudApiException.WrongState busy) {
      LOG.fine(() -> "VM " + vmId + ": " + action + " not taken now: " + busy.getMessage());
    }
  }

  private static String source(VmMove m) {
    return m.getSourceProviderName();
  }

  private static String target(VmMove m) {
    return m.getTargetProviderName();
  }
}
