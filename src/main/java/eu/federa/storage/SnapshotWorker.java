package eu.federa.storage;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
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
 * VolumeWorker}: each due snapshot is claimed (SKIP LOCKED, leased), and each step looks at the VM
 * before it acts. OpenNebula lists a snapshot at once and removes it again if taking it failed, so
 * a VM back at rest after the call shows the outcome: the snapshot there (taken) or not (failed).
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
      // Its VM never came to rest for it: the user is told and may try again.
      Reason late = why("timeout", s.getVmName(), VolumeWorker.STEP_TIMEOUT.toMinutes());
      if (s.getState() == SnapshotState.CREATING) {
        steps.failed(claim, late);
      } else {
        steps.unchanged(claim, late);
      }
      return;
    }
    try {
      Optional<VirtualMachine> found = vm(s);
      if (found.isEmpty()) {
        // Its VM is gone: ending the order ends its snapshots; nothing to do at the provider.
        if (s.getState() == SnapshotState.CREATING) {
          steps.failed(claim, why("vmGone", s.getVmName()));
        } else {
          steps.deleted(claim);
        }
        return;
      }
      VirtualMachine vm = found.get();
      if (vm.condition() == VmCondition.FAILED) {
        Reason failed = why("vmFailed", s.getVmName(), vm.displayState());
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
        case CREATING -> take(claim, s, vm);
        case REVERTING -> revert(claim, s, vm);
        case DELETING -> delete(claim, s, vm);
        default -> {}
      }
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

  private void take(VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm) {
    int diskId;
    try {
      diskId = s.getDiskId() != null ? s.getDiskId() : provider.systemDisk(vm);
    } catch (VolumeUnsupportedException e) {
      steps.failed(claim, why("noDisk", s.getVmName()));
      return;
    }
    Optional<VirtualMachine.DiskSnapshot> there = vm.snapshotNamed(diskId, s.providerName());
    if (there.isPresent()) {
      if (s.getDiskId() == null) {
        steps.diskChosen(claim, diskId);
      } else {
        steps.taken(claim, there.get().snapshotId(), there.get().sizeMib());
      }
      return;
    }
    if (s.getSentAt() != null) {
      steps.failed(claim, why("takeFailed", s.getVmName(), s.getProviderName()));
      return;
    }
    if (s.getDiskId() == null) {
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

  private void revert(VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm) {
    if (!vm.hasSnapshot(s.getDiskId(), s.getOneSnapshotId())) {
      steps.deleted(claim);
      return;
    }
    if (s.getSentAt() != null) {
      steps.reverted(claim);
      return;
    }
    if (!vm.state().is(VmState.POWEROFF)) {
      // Started meanwhile, outside this request: OpenNebula restores only a stopped VM's disk.
      steps.unchanged(claim, why("revertNeedsStop", s.getVmName()));
      return;
    }
    try {
      provider.revertSnapshot(
          s.getProviderId(), s.getTenantId(), vm.id(), s.getDiskId(), s.getOneSnapshotId());
      steps.sent(claim, null, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.unchanged(claim, why("revertRefused", s.getVmName(), e.getMessage())));
    }
  }

  private void delete(VolumeSteps.Claim claim, Snapshot s, VirtualMachine vm) {
    if (!vm.hasSnapshot(s.getDiskId(), s.getOneSnapshotId())) {
      steps.deleted(claim);
      return;
    }
    if (s.getSentAt() != null) {
      steps.unchanged(claim, why("deleteFailed", s.getVmName(), s.getProviderName()));
      return;
    }
    try {
      provider.deleteSnapshot(
          s.getProviderId(), s.getTenantId(), vm.id(), s.getDiskId(), s.getOneSnapshotId());
      steps.sent(claim, null, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.unchanged(claim, why("deleteRefused", s.getVmName(), e.getMessage())));
    }
  }

  private Optional<VirtualMachine> vm(Snapshot s) {
    try {
      VirtualMachine vm = vms.vm(s.getProviderId(), s.getTenantId(), s.getOneVmId());
      return vm.condition() == VmCondition.GONE ? Optional.empty() : Optional.of(vm);
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  private static Reason why(String key, Object... args) {
    return Reason.keyed("snapshot.reason." + key, args);
  }
}
