package eu.federa.storage;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.Image;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.TenantVolumes;
import eu.federa.cloud.registry.VolumeUnsupportedException;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.work.Ticker;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes, restores and deletes disk snapshots at the providers, on any node, like the {@link
 * VolumeWorker}: each due snapshot is claimed (SKIP LOCKED, leased), and each step looks at the
 * disk before it acts. OpenNebula lists a snapshot at once and removes it again if taking it
 * failed, so a VM back at rest after the call shows the outcome: the snapshot there (taken) or not
 * (failed). A volume's snapshot is acted on through the VM the volume is on, or through its image
 * while it is on none.
 */
@ApplicationScoped
public class SnapshotWorker {

  private static final Logger LOG = Logger.getLogger(SnapshotWorker.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject SnapshotSteps steps;
  @Inject TenantVolumes provider;
  @Inject ProviderVms vms;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 680)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(5), watch(), "Snapshot worker", this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /** Takes the steps due now; how many. */
  public int tick() {
    List<VolumeSteps.Claim> due = steps.claimDue(10, VolumeWorker.LEASE);
    due.forEach(this::step);
    return due.size();
  }

  void step(VolumeSteps.Claim claim) {
    Snapshot s = steps.load(claim.id());
    if (s == null || !s.getState().inProgress()) {
      return;
    }
    if (clock.instant().isAfter(s.getUpdatedAt().plus(VolumeWorker.STEP_TIMEOUT))) {
      // Its disk never came to rest for it: the user is told and may try again.
      Reason late =
          s.getVolumeId() == null
              ? why("timeout", s.getVmName(), VolumeWorker.STEP_TIMEOUT.toMinutes())
              : why("volumeTimeout", s.getVolumeName(), VolumeWorker.STEP_TIMEOUT.toMinutes());
      if (s.getState() == SnapshotState.CREATING) {
        steps.failed(claim, late);
      } else {
        steps.unchanged(claim, late);
      }
      return;
    }
    try {
      if (s.getVolumeId() != null) {
        stepOfVolume(claim, s, steps.volumeOf(s));
        return;
      }
      Optional<VirtualMachine> found = vm(s.getProviderId(), s.getTenantId(), s.getOneVmId());
      if (found.isEmpty()) {
        // Its VM is gone: ending the order ends its snapshots; nothing to do at the provider.
        if (s.getState() == SnapshotState.CREATING) {
          steps.failed(claim, why("vmGone", s.getVmName()));
        } else {
          steps.deleted(claim);
        }
        return;
      }
      onVm(claim, s, found.get(), s.getVmName(), s.getDiskId());
    } catch (CloudTransportException e) {
      LOG.info(() -> "Snapshot " + s.getId() + ": " + e.getMessage() + "; retrying");
      steps.later(claim, Duration.ofSeconds(30));
    } catch (NotFoundException gone) {
      steps.later(claim, Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Snapshot " + s.getId() + " step " + s.getState() + " failed", e);
      steps.later(claim, Duration.ofSeconds(30));
    }
  }

  /**
   * A volume's snapshot is acted on where the volume is: through the disk of the VM it is attached
   * to, or through its image when it is on no VM. A volume on its way is waited for (its attach,
   * detach and delete wait for the snapshot's step in turn, so this lasts one hot-plug at most).
   */
  private void stepOfVolume(VolumeSteps.Claim claim, Snapshot s, Volume v) {
    if (v == null || v.getState().ended() || v.getState() == VolumeState.DELETING) {
      if (s.getState() == SnapshotState.CREATING) {
        steps.failed(claim, why("volumeGone", s.getVolumeName()));
      } else {
        steps.deleted(claim);
      }
      return;
    }
    if (v.getState() == VolumeState.AVAILABLE) {
      onImage(claim, s, v);
      return;
    }
    if (v.getState() == VolumeState.ATTACHED && v.getDiskId() != null) {
      Optional<VirtualMachine> vm = vm(v.getProviderId(), v.getTenantId(), v.getOneVmId());
      if (vm.isPresent()) {
        onVm(claim, s, vm.get(), v.getVmName(), v.getDiskId());
        return;
      }
      // Its VM is gone: ending it puts the volume, and the snapshots its image keeps, on no VM.
    }
    steps.later(claim, watch());
  }

  /**
   * The step on disk {@code diskId} of the VM Federa calls {@code vmName} (null: the VM's own disk,
   * not yet read).
   */
  private void onVm(
      VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm, String vmName, Integer diskId) {
    if (vm.condition() == VmCondition.FAILED) {
      Reason failed = why("vmFailed", vmName, vm.displayState());
      if (s.getState() == SnapshotState.CREATING) {
        steps.failed(claim, failed);
      } else {
        steps.unchanged(claim, failed);
      }
      return;
    }
    if (vm.condition() != VmCondition.RUNNING && vm.condition() != VmCondition.RESTING) {
      steps.later(claim, watch());
      return;
    }
    switch (s.getState()) {
      case CREATING -> take(claim, s, vm, diskId);
      case REVERTING -> revert(claim, s, vm, vmName, diskId);
      case DELETING -> delete(claim, s, vm, diskId);
      default -> {}
    }
  }

  private void take(VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm, Integer knownDisk) {
    // The VM's own disk is read from the VM once, and recorded before anything is sent.
    boolean choose = s.getVolumeId() == null && s.getDiskId() == null;
    int diskId;
    try {
      diskId = knownDisk != null ? knownDisk : provider.systemDisk(vm);
    } catch (VolumeUnsupportedException e) {
      steps.failed(claim, why("noDisk", s.getVmName()));
      return;
    }
    Optional<VirtualMachine.DiskSnapshot> there = vm.snapshotNamed(diskId, s.providerName());
    if (there.isPresent()) {
      if (choose) {
        steps.diskChosen(claim, diskId);
      } else {
        steps.taken(claim, there.get().snapshotId(), there.get().sizeMib());
      }
      return;
    }
    if (s.getSentAt() != null) {
      steps.failed(claim, why("takeFailed", s.diskName(), s.getProviderName()));
      return;
    }
    if (choose) {
      steps.diskChosen(claim, diskId);
      return;
    }
    try {
      int id =
          provider.takeSnapshot(
              s.getProviderId(), s.getTenantId(), vm.id(), diskId, s.providerName());
      steps.sent(claim, id, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.failed(claim, why("refused", s.getProviderName(), e.getMessage())));
    }
  }

  private void revert(
      VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm, String vmName, int diskId) {
    if (!vm.hasSnapshot(diskId, s.getOneSnapshotId())) {
      steps.deleted(claim);
      return;
    }
    if (s.getSentAt() != null) {
      steps.reverted(claim);
      return;
    }
    if (!vm.state().is(VmState.POWEROFF)) {
      // Started meanwhile, outside this request: OpenNebula restores only a stopped VM's disk.
      steps.unchanged(claim, why("revertNeedsStop", vmName));
      return;
    }
    try {
      provider.revertSnapshot(
          s.getProviderId(), s.getTenantId(), vm.id(), diskId, s.getOneSnapshotId());
      steps.sent(claim, null, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.unchanged(claim, why("revertRefused", s.diskName(), e.getMessage())));
    }
  }

  private void delete(VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm, int diskId) {
    if (!vm.hasSnapshot(diskId, s.getOneSnapshotId())) {
      steps.deleted(claim);
      return;
    }
    if (s.getSentAt() != null) {
      steps.unchanged(claim, why("deleteFailed", s.diskName(), s.getProviderName()));
      return;
    }
    try {
      provider.deleteSnapshot(
          s.getProviderId(), s.getTenantId(), vm.id(), diskId, s.getOneSnapshotId());
      steps.sent(claim, null, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.unchanged(claim, why("deleteRefused", s.diskName(), e.getMessage())));
    }
  }

  /**
   * The step on the image of a volume attached to no VM: OpenNebula's image keeps the snapshots
   * taken while it was a disk, restores one and deletes one (the image LOCKED meanwhile, then READY
   * again); a snapshot is never taken this way.
   */
  private void onImage(VolumeSteps.Claim claim, Snapshot s, Volume v) {
    Image image;
    try {
      image = provider.image(v.getProviderId(), v.getTenantId(), v.getOneImageId());
    } catch (CloudApiException.NotFound gone) {
      if (s.getState() == SnapshotState.CREATING) {
        steps.failed(claim, why("volumeGone", s.getVolumeName()));
      } else {
        steps.deleted(claim);
      }
      return;
    }
    if (image.inProgress()) {
      steps.later(claim, watch());
      return;
    }
    Integer id = s.getOneSnapshotId();
    switch (s.getState()) {
      case CREATING -> {
        // Its VM let the volume go before the snapshot was seen there: the image tells.
        if (id != null && image.hasSnapshot(id)) {
          steps.taken(claim, id, v.getSizeGib() * 1024L);
        } else {
          steps.failed(claim, why("takeFailed", s.diskName(), s.getProviderName()));
        }
      }
      case REVERTING -> {
        if (!image.hasSnapshot(id)) {
          steps.deleted(claim);
        } else if (s.getSentAt() != null) {
          steps.reverted(claim);
        } else if (image.state() != Image.READY) {
          steps.later(claim, watch());
        } else {
          try {
            provider.revertImageSnapshot(v.getProviderId(), v.getTenantId(), image.id(), id);
            steps.sent(claim, null, watch());
          } catch (CloudApiException e) {
            steps.unchanged(claim, why("revertRefused", s.diskName(), e.getMessage()));
          }
        }
      }
      case DELETING -> {
        if (!image.hasSnapshot(id)) {
          steps.deleted(claim);
        } else if (s.getSentAt() != null) {
          steps.unchanged(claim, why("deleteFailed", s.diskName(), s.getProviderName()));
        } else if (image.state() != Image.READY) {
          steps.later(claim, watch());
        } else {
          try {
            provider.deleteImageSnapshot(v.getProviderId(), v.getTenantId(), image.id(), id);
            steps.sent(claim, null, watch());
          } catch (CloudApiException e) {
            steps.unchanged(claim, why("deleteRefused", s.diskName(), e.getMessage()));
          }
        }
      }
      default -> {}
    }
  }

  private Optional<VirtualMachine> vm(long providerId, long tenantId, Integer oneVmId) {
    if (oneVmId == null) {
      return Optional.empty();
    }
    try {
      VirtualMachine vm = vms.vm(providerId, tenantId, oneVmId);
      return vm.condition() == VmCondition.GONE ? Optional.empty() : Optional.of(vm);
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  private static Reason why(String key, Object... args) {
    return Reason.keyed("snapshot.reason." + key, args);
  }
}
