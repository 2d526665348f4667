package eu.federa.storage;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.Image;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
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
 * Carries volumes through their states at the providers, on any node: each due volume is claimed
 * from the database (SKIP LOCKED) with a lease longer than a step's provider calls may take, and
 * each step looks at what the provider has before it acts, so that a repeated step (after a crash,
 * or a lease taken over) adopts what the first one did:
 *
 * <ul>
 *   <li>CREATING: the image is made beside the VM's disk, found by its name if an attempt made it;
 *       READY makes the volume exist (quota in use, metered) and, when made for a VM, attached.
 *   <li>ATTACHING: the hot-plug is sent once; the VM, once back from HOTPLUG, shows the disk, or
 *       shows it without and the hot-plug failed.
 *   <li>DETACHING: the same the other way; the image stays, available.
 *   <li>DELETING: the image is deleted; its quota goes back and its metering ends.
 * </ul>
 */
@ApplicationScoped
public class VolumeWorker {

  private static final Logger LOG = Logger.getLogger(VolumeWorker.class.getName());

  /** Longer than a step's provider calls with their retries (at most five, of 30 s each). */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** How long an image may stay LOCKED (being made) before the volume is given up. */
  static final Duration MAKE_TIMEOUT = Duration.ofMinutes(15);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject VolumeSteps steps;
  @Inject TenantVolumes provider;
  @Inject ProviderVms vms;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 670)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(5), watch(), "Volume worker", this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /** Takes the steps due now; how many. */
  public int tick() {
    List<VolumeSteps.Claim> due = steps.claimDue(10, LEASE);
    due.forEach(this::step);
    return due.size();
  }

  /** How long an attach or detach may wait for its VM before it is given up. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);

  /** One step of a claimed volume; never throws for a provider's failure. */
  void step(VolumeSteps.Claim claim) {
    Volume v = steps.load(claim.id());
    if (v == null || !v.getState().inProgress()) {
      return;
    }
    boolean hotPlug =
        v.getState() == VolumeState.ATTACHING || v.getState() == VolumeState.DETACHING;
    if (hotPlug && clock.instant().isAfter(v.getUpdatedAt().plus(STEP_TIMEOUT))) {
      // The VM never came to rest for it (stuck in another change, or in a state that takes no
      // hot-plug): the user is told and may try again.
      Reason late = why("timeout", v.getVmName(), STEP_TIMEOUT.toMinutes());
      if (v.getState() == VolumeState.ATTACHING) {
        steps.notAttached(claim, late);
      } else {
        steps.stillAttached(claim, late);
      }
      return;
    }
    try {
      switch (v.getState()) {
        case CREATING -> create(claim, v);
        case ATTACHING -> attach(claim, v);
        case DETACHING -> detach(claim, v);
        case DELETING -> delete(claim, v);
        default -> {}
      }
    } catch (CloudTransportException e) {
      LOG.info(() -> "Volume " + v.getId() + ": " + e.getMessage() + "; retrying");
      steps.later(claim, Duration.ofSeconds(30));
    } catch (NotFoundException gone) {
      // the provider was removed, or the tenant has no account there any more
      if (v.getState() == VolumeState.CREATING) {
        steps.failed(claim, why("providerGone", v.getProviderName()));
      } else {
        steps.later(claim, Duration.ofMinutes(5));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Volume " + v.getId() + " step " + v.getState() + " failed", e);
      steps.later(claim, Duration.ofSeconds(30));
    }
  }

  private void create(VolumeSteps.Claim claim, Volume v) {
    if (v.getOneImageId() == null) {
      if (v.getOneVmId() == null) {
        steps.failed(claim, why("noVm"));
        return;
      }
      Optional<VirtualMachine> vm = vm(v);
      if (vm.isEmpty()) {
        steps.failed(claim, why("noVm"));
        return;
      }
      int datastoreId;
      try {
        datastoreId = provider.datastoreOf(vm.get());
      } catch (VolumeUnsupportedException e) {
        steps.failed(claim, why("unsupported", v.getProviderName()));
        return;
      }
      int imageId;
      try {
        imageId =
            provider.create(
                v.getProviderId(), v.getTenantId(), v.getId(), v.getSizeGib(), datastoreId);
      } catch (CloudApiException e) {
        steps.failed(claim, why("refused", v.getProviderName(), e.getMessage()));
        return;
      }
      steps.imageRequested(claim, datastoreId, imageId, watch());
      return;
    }
    Image image;
    try {
      image = provider.image(v.getProviderId(), v.getTenantId(), v.getOneImageId());
    } catch (CloudApiException.NotFound gone) {
      steps.failed(claim, why("imageGone", v.getProviderName()));
      return;
    }
    if (image.state() == Image.READY) {
      steps.made(claim);
    } else if (image.state() == Image.ERROR
        || clock.instant().isAfter(v.getCreatedAt().plus(MAKE_TIMEOUT))) {
      provider.delete(v.getProviderId(), v.getTenantId(), image.id());
      steps.failed(claim, why("imageError", v.getProviderName()));
    } else {
      steps.later(claim, watch());
    }
  }

  private void attach(VolumeSteps.Claim claim, Volume v) {
    Optional<VirtualMachine> found = vm(v);
    if (found.isEmpty()) {
      steps.notAttached(claim, why("vmGone", v.getVmName()));
      return;
    }
    VirtualMachine vm = found.get();
    Optional<VirtualMachine.Disk> disk = vm.diskOfImage(v.getOneImageId());
    if (vm.condition() == VmCondition.FAILED) {
      steps.notAttached(claim, why("vmFailed", v.getVmName(), vm.displayState()));
    } else if (!resting(vm)) {
      steps.later(claim, watch());
    } else if (disk.isPresent() && !disk.get().attaching()) {
      steps.attached(claim, disk.get().diskId());
    } else if (v.getSentAt() != null) {
      // The VM is back from its hot-plug without the disk: the provider could not attach it.
      steps.notAttached(claim, why("attachFailed", v.getVmName(), v.getProviderName()));
    } else {
      try {
        provider.attach(v.getProviderId(), v.getTenantId(), vm.id(), v.getOneImageId());
      } catch (CloudApiException e) {
        unlessBusy(
            e,
            () -> steps.later(claim, watch()),
            () -> steps.notAttached(claim, why("attachRefused", v.getVmName(), e.getMessage())));
        return;
      }
      steps.sent(claim, watch());
    }
  }

  private void detach(VolumeSteps.Claim claim, Volume v) {
    Optional<VirtualMachine> found = vm(v);
    if (found.isEmpty()) {
      steps.detached(claim);
      return;
    }
    VirtualMachine vm = found.get();
    Optional<VirtualMachine.Disk> disk = vm.diskOfImage(v.getOneImageId());
    if (vm.condition() == VmCondition.FAILED) {
      steps.stillAttached(claim, why("vmFailed", v.getVmName(), vm.displayState()));
    } else if (!resting(vm)) {
      steps.later(claim, watch());
    } else if (disk.isEmpty()) {
      steps.detached(claim);
    } else if (v.getSentAt() != null) {
      steps.stillAttached(claim, why("detachFailed", v.getVmName(), v.getProviderName()));
    } else {
      try {
        provider.detach(v.getProviderId(), v.getTenantId(), vm.id(), disk.get().diskId());
      } catch (CloudApiException e) {
        unlessBusy(
            e,
            () -> steps.later(claim, watch()),
            () -> steps.stillAttached(claim, why("detachRefused", v.getVmName(), e.getMessage())));
        return;
      }
      steps.sent(claim, watch());
    }
  }

  private void delete(VolumeSteps.Claim claim, Volume v) {
    if (v.getOneImageId() != null) {
      try {
        provider.delete(v.getProviderId(), v.getTenantId(), v.getOneImageId());
      } catch (CloudApiException e) {
        steps.notDeleted(claim, why("deleteRefused", v.getProviderName(), e.getMessage()));
        return;
      }
    }
    steps.deleted(claim);
  }

  /**
   * A provider's answer to a call on a VM: "wrong state" means the VM was busy with another change
   * (a node attaching another volume got there first), and the step is taken again once it rests
   * ({@code retry}); anything else is a refusal to report ({@code refused}).
   */
  static void unlessBusy(CloudApiException e, Runnable retry, Runnable refused) {
    if (e instanceof CloudApiException.WrongState wrong && wrong.busy()) {
      retry.run();
    } else {
      refused.run();
    }
  }

  /** The volume's VM at its provider; empty when it is gone. */
  private Optional<VirtualMachine> vm(Volume v) {
    if (v.getOneVmId() == null) {
      return Optional.empty();
    }
    try {
      VirtualMachine vm = vms.vm(v.getProviderId(), v.getTenantId(), v.getOneVmId());
      return vm.condition() == VmCondition.GONE ? Optional.empty() : Optional.of(vm);
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  /** Running or powered off: not in a hot-plug or any other change. */
  private static boolean resting(VirtualMachine vm) {
    VmCondition c = vm.condition();
    return c == VmCondition.RUNNING || c == VmCondition.RESTING;
  }

  private static Reason why(String key, Object... args) {
    return Reason.keyed("volume.reason." + key, args);
  }
}
