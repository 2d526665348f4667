package eu.federa.storage;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.Image;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.registry.BackupUnsupportedException;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.TenantBackups;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes and deletes backups at the providers, on any node, like the {@link VolumeWorker}, and
 * starts the daily ones that are due. OpenNebula names a backup image itself and lists it in the
 * VM's BACKUPS once made: so the worker notes the VM's backup images before it sends the backup,
 * and a VM back at rest with a new one shows the backup made; at rest without one after the call,
 * the backup failed.
 */
@ApplicationScoped
public class BackupWorker {

  private static final Logger LOG = Logger.getLogger(BackupWorker.class.getName());

  /** A backup copies whole disks: it may take longer than a hot-plug. */
  static final Duration MAKE_TIMEOUT = Duration.ofHours(6);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject BackupSteps steps;
  @Inject Backups backups;
  @Inject TenantBackups provider;
  @Inject ProviderVms vms;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 690)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(5), watch(), "Backup worker", this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /** Starts the daily backups due, then takes the steps due now; how many of both. */
  public int tick() {
    int started = 0;
    for (Backups.Due due : backups.due(20)) {
      started += backups.startDaily(due) ? 1 : 0;
    }
    List<VolumeSteps.Claim> due = steps.claimDue(10, VolumeWorker.LEASE);
    due.forEach(this::step);
    return started + due.size();
  }

  void step(VolumeSteps.Claim claim) {
    Backup b = steps.load(claim.id());
    if (b == null || !b.getState().inProgress()) {
      return;
    }
    try {
      if (b.getState() == BackupState.CREATING) {
        make(claim, b);
      } else {
        delete(claim, b);
      }
    } catch (CloudTransportException e) {
      LOG.info(() -> "Backup " + b.getId() + ": " + e.getMessage() + "; retrying");
      steps.later(claim, Duration.ofSeconds(30));
    } catch (NotFoundException gone) {
      steps.later(claim, Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Backup " + b.getId() + " step " + b.getState() + " failed", e);
      steps.later(claim, Duration.ofSeconds(30));
    }
  }

  private void make(VolumeSteps.Claim claim, Backup b) {
    if (clock.instant().isAfter(b.getUpdatedAt().plus(MAKE_TIMEOUT))) {
      steps.failed(claim, why("timeout", b.getVmName(), MAKE_TIMEOUT.toHours() * 60));
      return;
    }
    Optional<VirtualMachine> found = vm(b);
    if (found.isEmpty()) {
      steps.failed(claim, why("vmGone", b.getVmName()));
      return;
    }
    VirtualMachine vm = found.get();
    if (vm.condition() == VmCondition.FAILED) {
      steps.failed(claim, why("vmFailed", b.getVmName(), vm.displayState()));
      return;
    }
    if (vm.condition() != VmCondition.RUNNING && vm.condition() != VmCondition.RESTING) {
      steps.later(claim, watch());
      return;
    }
    if (b.getDatastoreId() == null) {
      try {
        steps.prepared(claim, provider.backupDatastore(b.getProviderId()), vm.backupIds());
      } catch (BackupUnsupportedException e) {
        steps.failed(claim, why("unsupported", b.getProviderName()));
      }
      return;
    }
    List<Integer> earlier = b.earlierImageIds();
    Optional<Integer> made =
        vm.backupIds().stream().filter(id -> !earlier.contains(id)).reduce((a, c) -> c);
    if (made.isPresent()) {
      long sizeMib =
          provider
              .image(b.getProviderId(), b.getTenantId(), made.get())
              .map(Image::sizeMib)
              .orElse(0L);
      steps.made(claim, made.get(), sizeMib);
      return;
    }
    if (b.getSentAt() != null) {
      steps.failed(claim, why("makeFailed", b.getVmName(), b.getProviderName()));
      return;
    }
    if (madeJustNow(b, vm)) {
      steps.later(claim, Duration.ofSeconds(1));
      return;
    }
    try {
      provider.backUp(b.getProviderId(), vm.id(), b.getDatastoreId());
      steps.sent(claim, watch());
    } catch (CloudApiException e) {
      VolumeWorker.unlessBusy(
          e,
          () -> steps.later(claim, watch()),
          () -> steps.failed(claim, why("refused", b.getProviderName(), e.getMessage())));
    }
  }

  private void delete(VolumeSteps.Claim claim, Backup b) {
    if (clock.instant().isAfter(b.getUpdatedAt().plus(VolumeWorker.STEP_TIMEOUT))) {
      steps.unchanged(claim, why("deleteFailed", b.getName(), b.getProviderName()));
      return;
    }
    Optional<Image> image =
        b.getOneImageId() == null
            ? Optional.empty()
            : provider.image(b.getProviderId(), b.getTenantId(), b.getOneImageId());
    if (image.isEmpty()) {
      steps.deleted(claim);
      return;
    }
    if (b.getSentAt() != null) {
      // The datastore removes it in the background: it is listed until then.
      if (image.get().state() == Image.ERROR) {
        steps.unchanged(claim, why("deleteFailed", b.getName(), b.getProviderName()));
      } else {
        steps.later(claim, watch());
      }
      return;
    }
    try {
      provider.delete(b.getProviderId(), b.getTenantId(), b.getOneImageId());
      steps.sent(claim, watch());
    } catch (CloudApiException e) {
      if (String.valueOf(e.getMessage()).contains("Active backup")) {
        // OpenNebula refuses while the VM is backed up again: once it is done, this goes.
        steps.later(claim, watch());
      } else {
        steps.unchanged(claim, why("deleteRefused", b.getProviderName(), e.getMessage()));
      }
    }
  }

  /**
   * Whether the VM's last backup image was made in the last two seconds. OpenNebula names a backup
   * image after its VM and the time to the second, and a backup that ends in the same second as the
   * one before fails ("NAME is already taken"): the next one waits that long.
   */
  private boolean madeJustNow(Backup b, VirtualMachine vm) {
    if (vm.backupIds().isEmpty()) {
      return false;
    }
    int last = vm.backupIds().get(vm.backupIds().size() - 1);
    Instant recent = clock.instant().minus(Duration.ofSeconds(2));
    return provider
        .image(b.getProviderId(), b.getTenantId(), last)
        .map(Image::registeredAt)
        .filter(made -> made.isAfter(recent))
        .isPresent();
  }

  private Optional<VirtualMachine> vm(Backup b) {
    try {
      VirtualMachine vm = vms.vm(b.getProviderId(), b.getTenantId(), b.getOneVmId());
      return vm.condition() == VmCondition.GONE ? Optional.empty() : Optional.of(vm);
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  private static Reason why(String key, Object... args) {
    return Reason.keyed("backup.reason." + key, args);
  }
}
