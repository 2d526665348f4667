package eu.federa.provisioning;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.Image;
import eu.federa.cloud.PowerAction;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.VmShape;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.BackupUnsupportedException;
import eu.federa.cloud.registry.NetworkFullException;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.PublicNetworkMissingException;
import eu.federa.cloud.registry.TemplateUnusableException;
import eu.federa.cloud.registry.TenantAccounts;
import eu.federa.cloud.registry.TenantBackups;
import eu.federa.network.NetworkAttachments;
import eu.federa.platform.Incidents;
import eu.federa.platform.config.Setting;
import eu.federa.platform.log.LogContext;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes an order one step further from its persisted state: deploys it, watches it come up, carries
 * out users' actions, and undoes a failed order. Safe to run on any node and to repeat: every step
 * first looks at what the provider has (a VM carrying the order id is adopted, not created twice).
 */
@ApplicationScoped
public class OrderSaga {

  private static final Logger LOG = Logger.getLogger(OrderSaga.class.getName());

  /** How long a VM may take from deployment to RUNNING before the order is given up. */
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(10);

  /** How long a move sent to the provider may show no effect before it is sent again. */
  static final Duration MOVE_RESEND_AFTER = Duration.ofMinutes(2);

  @Inject OrderSteps steps;
  @Inject OrderMetrics orderMetrics;
  @Inject TenantAccounts accounts;
  @Inject ProviderVms vms;
  @Inject Clock clock;
  @Inject OrderReplacement replacement;
  @Inject NetworkAttachments attachments;
  @Inject TenantBackups backups;
  @Inject HostMoves hostMoves;

  /** OpenNebula's answer when a VM's network has no address left to lease. */
  static final String NO_LEASE = "Cannot get IP/MAC lease";

  /** How soon a VM still on its way to a state is looked at again. */
  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /**
   * One step of the order, whatever state it is in; never throws for a provider's failure. Its log
   * lines name the order, its tenant and an incident id of the step.
   */
  public void advance(long orderId) {
    try (LogContext step =
        LogContext.with(LogContext.ORDER, orderId)
            .and(LogContext.TENANT, null)
            .and(LogContext.INCIDENT, Incidents.newId())) {
      long started = System.nanoTime();
      OrderState advanced = step(orderId);
      if (advanced != null) {
        orderMetrics.stepTook(advanced, Duration.ofNanos(System.nanoTime() - started));
      }
    }
  }

  /** The step; the state it advanced, or null when the order had none to take. */
  private OrderState step(long orderId) {
    OrderSteps.Snapshot loaded = steps.load(orderId);
    if (loaded != null && loaded.state() == OrderState.RUNNING && steps.expireIfDue(orderId)) {
      loaded = steps.load(orderId);
    }
    OrderSteps.Snapshot o = loaded;
    if (o == null || !o.state().inProgress()) {
      return null;
    }
    LogContext.put(LogContext.TENANT, o.tenantId());
    try {
      switch (o.state()) {
        case RESERVED -> deploy(o);
        case DEPLOYING -> watchDeployment(o);
        case STOPPING -> stop(o);
        case STARTING -> start(o);
        case REBOOTING -> reboot(o);
        case RESIZING -> resize(o);
        case MIGRATING -> migrate(o);
        case TERMINATING -> terminate(o);
        case COMPENSATING -> compensate(o);
        default -> {}
      }
    } catch (CloudTransportException e) {
      LOG.info(() -> "Order " + orderId + " (" + o.state() + "): " + e.getMessage() + "; retrying");
      Reason problem = Reason.of("unreachable", o.providerName());
      if (o.state() == OrderState.RESERVED
          && o.allowOtherProvider()
          && o.attempts() + 1 >= VmOrder.MAX_ATTEMPTS) {
        replacement.replace(orderId, problem);
      } else {
        steps.retryLater(orderId, o.state(), problem);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Order " + orderId + " step " + o.state() + " failed", e);
      // The step's log lines carry its incident id (advance); the reader is given the id only.
      steps.retryLater(orderId, o.state(), Reason.of("portalError", Incidents.current()));
    }
    return o.state();
  }

  private void deploy(OrderSteps.Snapshot o) {
    try {
      VmShape shape = connected(o, o.providerId(), o.templateId());
      if (o.importDiskUrl() != null) {
        Optional<Integer> image = importedDisk(o);
        if (image.isEmpty()) {
          return; // the provider is still downloading it, or could not
        }
        shape = shape.bootingFrom(image.get());
      }
      int vmId =
          createOrAdopt(
              o,
              o.providerId(),
              o.hostId(),
              () -> o.restoreImageId() == null ? o.templateId() : restored(o),
              shape);
      steps.deployed(o.id(), vmId);
    } catch (CloudApiException.NotAuthorized e) {
      steps.compensate(
          o.id(),
          o.state(),
          e.isQuotaExceeded()
              ? Reason.of("providerQuota", o.providerName(), e.getMessage())
              : Reason.of("refused", o.providerName(), e.getMessage()));
    } catch (CloudApiException.AllocationFailed e) {
      if (!String.valueOf(e.getMessage()).contains(NO_LEASE)) {
        giveUp(o, Reason.of("refused", o.providerName(), e.getMessage()));
        return;
      }
      // The tenant's network was full: the next attempt adds addresses to it first.
      steps.retryLater(o.id(), o.state(), Reason.of("networkBusy", o.providerName()));
    } catch (CloudApiException e) {
      giveUp(o, Reason.of("refused", o.providerName(), e.getMessage()));
    } catch (NetworkFullException e) {
      giveUp(o, Reason.of("networkFull", o.providerName()));
    } catch (PublicNetworkMissingException e) {
      giveUp(o, Reason.of("noPublicNetwork", o.providerName(), e.network()));
    } catch (TemplateUnusableException e) {
      steps.compensate(
          o.id(), o.state(), Reason.of("templateUnusable", o.providerName(), e.missing()));
    } catch (BackupUnsupportedException e) {
      steps.compensate(
          o.id(),
          o.state(),
          Reason.of(
              o.importDiskUrl() == null ? "restoreUnsupported" : "importUnsupported",
              o.providerName()));
    } catch (NotFoundException e) {
      steps.compensate(o.id(), o.state(), Reason.of("providerGone"));
    }
  }

  /**
   * The order's shape at a provider, with the tenant's account there prepared and its networks
   * attached as {@code templateId}'s NICs say (a public address of its own, if ordered).
   */
  private VmShape connected(OrderSteps.Snapshot o, long providerId, Integer templateId) {
    accounts.prepare(providerId, o.tenantId());
    List<VmShape.Nic> nics = List.of();
    if (templateId != null) {
      accounts.grantUse(providerId, o.tenantId(), templateId);
      nics =
          attachments.nicsFor(
              providerId, o.tenantId(), templateId, o.publicAddress() ? o.id() : null);
    }
    return shape(o).connectedTo(nics);
  }

  /**
   * Creates the order's VM at a provider, or adopts the one an earlier attempt created there (found
   * by the order id it carries); one left on hold by an attempt that died before deploying it is
   * deleted and made again.
   */
  private int createOrAdopt(
      OrderSteps.Snapshot o, long providerId, long hostId, IntSupplier template, VmShape shape) {
    Optional<VirtualMachine> earlier = vms.findByOrder(providerId, o.tenantId(), o.ref());
    if (earlier.isPresent() && earlier.get().state().is(VmState.HOLD)) {
      vms.delete(providerId, earlier.get().id());
      earlier = Optional.empty();
    }
    return earlier.isPresent()
        ? earlier.get().id()
        : vms.createForTenant(
                providerId, o.tenantId(), hostId, template.getAsInt(), o.name(), o.ref(), shape)
            .vmId();
  }

  /**
   * The order's VM at the target of a move: the same size, keys and attributes, the tenant's
   * networks there, booting from the disk imported at the target. Repeated, it adopts the VM an
   * earlier attempt created.
   */
  int createMoved(long orderId, long providerId, long hostId, int templateId, int bootImageId) {
    OrderSteps.Snapshot o = steps.load(orderId);
    VmShape shape = connected(o, providerId, templateId).bootingFrom(bootImageId);
    return createOrAdopt(o, providerId, hostId, () -> templateId, shape);
  }

  /**
   * The template restored from the order's backup: its disks are the backup's, its network
   * interfaces the organisation's own (added like any order's). A repeated step finds the one an
   * earlier attempt restored.
   */
  private int restored(OrderSteps.Snapshot o) {
    return backups.restore(o.providerId(), o.tenantId(), o.restoreImageId(), o.restoreName());
  }

  /** How long a provider may take to download an imported disk before the order is given up. */
  static final Duration IMPORT_TIMEOUT = Duration.ofHours(2);

  /**
   * The image of the order's imported disk at its provider, once the provider has downloaded it;
   * empty while it downloads (looked at again soon) or when it could not (the order fails, saying
   * so). A repeated step finds the image an earlier one asked for.
   */
  private Optional<Integer> importedDisk(OrderSteps.Snapshot o) {
    int imageId =
        backups.importDisk(o.providerId(), o.tenantId(), o.importDiskUrl(), o.importName());
    Image image = backups.image(o.providerId(), o.tenantId(), imageId).orElse(null);
    if (image == null || image.state() == Image.ERROR) {
      // Its compensation deletes the image.
      steps.compensate(o.id(), o.state(), Reason.of("importFailed", o.providerName()));
      return Optional.empty();
    }
    if (image.inProgress()) {
      if (clock.instant().isAfter(o.createdAt().plus(IMPORT_TIMEOUT))) {
        steps.compensate(
            o.id(),
            o.state(),
            Reason.of("importTimeout", o.providerName(), IMPORT_TIMEOUT.toHours()));
      } else {
        steps.progressed(o.id(), o.state(), "IMPORTING_DISK", watch());
      }
      return Optional.empty();
    }
    return Optional.of(imageId);
  }

  /** The VM is gone: what a restore or an import made for it at the provider goes too. */
  private void forgetRestore(OrderSteps.Snapshot o) {
    if (o.restoreImageId() != null && o.providerId() != null) {
      backups.forgetRestore(o.providerId(), o.tenantId(), o.restoreName());
    }
    if (o.importDiskUrl() != null && o.providerId() != null) {
      backups.forgetImport(o.providerId(), o.tenantId(), o.importName());
    }
    if (o.movedImageName() != null && o.providerId() != null) {
      // Moved here from another provider: it booted from the disk the move imported.
      backups.forgetImport(o.providerId(), o.tenantId(), o.movedImageName());
    }
  }

  /** Another provider when the order allows it, else the order fails with {@code problem}. */
  private void giveUp(OrderSteps.Snapshot o, Reason problem) {
    if (o.allowOtherProvider()) {
      replacement.replace(o.id(), problem);
    } else {
      steps.compensate(o.id(), o.state(), problem);
    }
  }

  /**
   * What the VM is to have: its size (its boot disk too), its GPUs, its appliance's attributes and
   * SSH keys.
   */
  static VmShape shape(OrderSteps.Snapshot o) {
    return new VmShape(
            o.vcpu(),
            o.memoryMib(),
            o.gpus(),
            o.gpuClass(),
            o.serviceAttributes(),
            o.sshPublicKeys())
        .withDiskMib(o.diskGib() * 1024L);
  }

  private void watchDeployment(OrderSteps.Snapshot o) {
    VirtualMachine vm;
    try {
      vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    } catch (CloudApiException.NotFound gone) {
      steps.compensate(o.id(), o.state(), Reason.of("disappeared", o.providerName()));
      return;
    }
    VmCondition condition = vm.condition();
    if (condition == VmCondition.RUNNING) {
      steps.running(o.id(), vm.ips(), vm.displayState());
    } else if (condition == VmCondition.FAILED || condition == VmCondition.GONE) {
      steps.compensate(
          o.id(), o.state(), Reason.of("bootFailed", o.providerName(), vm.displayState()));
    } else if (clock.instant().isAfter(o.createdAt().plus(DEPLOY_TIMEOUT))) {
      steps.compensate(
          o.id(),
          o.state(),
          Reason.of("timeout", o.providerName(), DEPLOY_TIMEOUT.toMinutes(), vm.displayState()));
    } else {
      steps.progressed(o.id(), o.state(), vm.displayState(), watch());
    }
  }

  private void stop(OrderSteps.Snapshot o) {
    VirtualMachine vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    if (vm.state().is(VmState.POWEROFF)) {
      steps.stopped(o.id(), vm.displayState());
      return;
    }
    if (vm.condition() == VmCondition.RUNNING) {
      send(o, PowerAction.POWER_OFF);
    }
    steps.progressed(o.id(), o.state(), vm.displayState(), watch());
  }

  private void start(OrderSteps.Snapshot o) {
    VirtualMachine vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    if (vm.condition() == VmCondition.RUNNING) {
      steps.running(o.id(), vm.ips(), vm.displayState());
      return;
    }
    // Only once it has settled: a resume sent while a move or resize is still under way fails.
    if (vm.state().is(VmState.POWEROFF)) {
      send(o, PowerAction.POWER_ON);
    }
    steps.progressed(o.id(), o.state(), vm.displayState(), watch());
  }

  private void reboot(OrderSteps.Snapshot o) {
    VirtualMachine vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    if (vm.condition() == VmCondition.RUNNING) {
      send(o, PowerAction.REBOOT);
      steps.running(o.id(), vm.ips(), vm.displayState());
    } else {
      steps.progressed(o.id(), o.state(), vm.displayState(), watch());
    }
  }

  private void terminate(OrderSteps.Snapshot o) {
    if (o.vmId() == null) {
      terminated(o);
      return;
    }
    VirtualMachine vm;
    try {
      vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    } catch (CloudApiException.NotFound gone) {
      terminated(o);
      return;
    }
    if (vm.condition() == VmCondition.GONE) {
      terminated(o);
      return;
    }
    // Sent once: sending again while it shuts down would start its shutdown over.
    if (vm.condition() != VmCondition.LEAVING) {
      send(o, PowerAction.TERMINATE);
    }
    steps.progressed(o.id(), o.state(), vm.displayState(), watch());
  }

  private void terminated(OrderSteps.Snapshot o) {
    if (!releasePublicAddress(o)) {
      return;
    }
    forgetRestore(o);
    steps.terminated(o.id());
  }

  /**
   * The VM is gone (or going): its public address goes back to the provider. Answers whether that
   * is done; when the provider still counts the address as the VM's, the step is taken again later.
   */
  private boolean releasePublicAddress(OrderSteps.Snapshot o) {
    if (!o.publicAddress()
        || o.providerId() == null
        || attachments.releasePublicAddress(o.providerId(), o.tenantId(), o.id())) {
      return true;
    }
    steps.retryLater(o.id(), o.state(), Reason.of("addressBusy", o.providerName()));
    return false;
  }

  /** Removes what the order created at the provider, then frees its claim and quota. */
  private void compensate(OrderSteps.Snapshot o) {
    if (o.providerId() != null) {
      try {
        Integer vmId = o.vmId();
        if (vmId == null) {
          vmId =
              vms.findByOrder(o.providerId(), o.tenantId(), o.ref()).map(v -> v.id()).orElse(null);
        }
        if (vmId != null && !gone(o, vmId)) {
          vms.delete(o.providerId(), vmId);
        }
        forgetRestore(o);
        if (!releasePublicAddress(o)) {
          return; // the VM just deleted still holds it: once it is gone
        }
      } catch (NotFoundException nothingThere) {
        // no provider or no tenant account there: nothing can have been created
      }
    }
    steps.failed(o.id());
  }

  /** Whether the VM is gone from its provider already (a repeated compensation deleted it). */
  private boolean gone(OrderSteps.Snapshot o, int vmId) {
    try {
      return vms.vm(o.providerId(), o.tenantId(), vmId).condition() == VmCondition.GONE;
    } catch (CloudApiException.NotFound deleted) {
      return true;
    }
  }

  /** Sends an action; a VM already on its way (wrong state) is left to get there. */
  private void send(OrderSteps.Snapshot o, PowerAction action) {
    try {
      vms.act(o.providerId(), o.tenantId(), o.vmId(), action);
    } catch (CloudApiException.WrongState busy) {
      LOG.fine(() -> "Order " + o.id() + ": " + action + " not taken now: " + busy.getMessage());
    }
  }

  /**
   * One step of a resize of a powered-off VM. OpenNebula's cold migration returns at once and the
   * VM passes through PROLOG_MIGRATE_POWEROFF before it is POWEROFF on the new host; a resize sent
   * before then is refused. So each step looks at the VM and does only what its state allows: move
   * it (when it must move and has not), wait while it is on its way, resize it once it rests where
   * it should, and give up cleanly otherwise: a failed move is recovered back to its old host, and
   * the quota and the claim go back.
   */
  private void resize(OrderSteps.Snapshot o) {
    VirtualMachine vm;
    try {
      vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    } catch (CloudApiException.NotFound gone) {
      steps.resizeAbandoned(o.id(), Reason.of("disappeared", o.providerName()), false);
      return;
    }
    boolean mustMove = o.resizeHostId() != null;
    boolean moved = mustMove && vms.isOnHost(o.providerId(), vm, o.resizeHostId());
    VmCondition condition = vm.condition();
    if (condition == VmCondition.TRANSIENT || condition == VmCondition.LEAVING) {
      if (clock.instant().isAfter(o.resizeRequestedAt().plus(DEPLOY_TIMEOUT))) {
        steps.resizeAbandoned(
            o.id(),
            Reason.of(
                "resizeTimeout", o.providerName(), DEPLOY_TIMEOUT.toMinutes(), vm.displayState()),
            moved);
      } else {
        steps.progressed(o.id(), o.state(), vm.displayState(), watch());
      }
      return;
    }
    if (condition == VmCondition.FAILED) {
      if (mustMove) {
        // A failed move leaves the VM in a *_FAILURE state with its stay already on the new host:
        // "recover failure" takes it back to the host it came from, powered off.
        vms.recoverFailedMove(o.providerId(), o.vmId());
      }
      steps.resizeAbandoned(
          o.id(), Reason.of("moveFailed", o.providerName(), vm.displayState()), false);
      return;
    }
    if (!vm.state().is(VmState.POWEROFF)) {
      // Started, stopped otherwise or gone meanwhile, outside Federa: nothing is changed.
      steps.resizeAbandoned(
          o.id(), Reason.of("resizeInterrupted", o.providerName(), vm.displayState()), moved);
      return;
    }
    if (mustMove && !moved) {
      // Just after a migrate the provider may still show the VM resting where it was: send the
      // move once, then wait; again only if nothing has happened for a long while.
      boolean sentLately =
          o.resizeMoveSentAt() != null
              && clock.instant().isBefore(o.resizeMoveSentAt().plus(MOVE_RESEND_AFTER));
      if (!sentLately) {
        try {
          vms.moveToHost(o.providerId(), o.vmId(), o.resizeHostId());
        } catch (CloudApiException.WrongState onItsWay) {
          // already moving: wait for it
        } catch (CloudApiException e) {
          steps.resizeAbandoned(
              o.id(), Reason.of("resizeRefused", o.providerName(), e.getMessage()), false);
          return;
        }
        steps.moveSent(o.id(), vm.displayState(), watch());
      } else {
        steps.progressed(o.id(), o.state(), vm.displayState(), watch());
      }
      return;
    }
    try {
      vms.resize(o.providerId(), o.tenantId(), o.vmId(), o.resizeVcpu(), o.resizeMemoryMib());
    } catch (CloudApiException e) {
      steps.resizeAbandoned(
          o.id(), Reason.of("resizeRefused", o.providerName(), e.getMessage()), moved);
      return;
    }
    steps.resized(o.id());
  }

  /**
   * One step of a move of a running VM to another host of its provider (a rebalancing move).
   * OpenNebula's migrate returns at once: a live move passes through ACTIVE/MIGRATE, a cold one
   * through SAVE_MIGRATE, PROLOG_MIGRATE and BOOT_MIGRATE, before the VM runs on the new host. Each
   * step looks and does only what the VM's state allows: send the move (once; again only if nothing
   * happened for a long while), wait while it is on its way, end the move once it runs there, and
   * give up cleanly otherwise: a live move the provider undid leaves it running where it was, a
   * cold one stuck in a failure state is recovered back to its old host, and the claim goes back.
   */
  private void migrate(OrderSteps.Snapshot o) {
    HostMoves.Open move = hostMoves.open(o.id());
    if (move == null) {
      // No move row (it cannot happen but through a hand-edited database): back to RUNNING.
      steps.migrationEnded(o.id(), -1, o.hostId(), null, Reason.of("migrateLost"));
      return;
    }
    VirtualMachine vm;
    try {
      vm = vms.vm(o.providerId(), o.tenantId(), o.vmId());
    } catch (CloudApiException.NotFound gone) {
      steps.migrationEnded(
          o.id(),
          move.id(),
          move.fromHostId(),
          move.fromHostName(),
          Reason.of("disappeared", o.providerName()));
      return;
    }
    boolean there = vms.isOnHost(o.providerId(), vm, move.toHostId());
    VmCondition condition = vm.condition();
    if (condition == VmCondition.RUNNING && there) {
      steps.migrationEnded(o.id(), move.id(), move.toHostId(), move.toHostName(), null);
      return;
    }
    if (condition == VmCondition.TRANSIENT || condition == VmCondition.LEAVING) {
      if (clock.instant().isAfter(move.requestedAt().plus(DEPLOY_TIMEOUT))) {
        endWhereItIs(
            o,
            move,
            there,
            Reason.of(
                "migrateTimeout", o.providerName(), DEPLOY_TIMEOUT.toMinutes(), vm.displayState()));
      } else {
        steps.progressed(o.id(), o.state(), vm.displayState(), watch());
      }
      return;
    }
    if (condition == VmCondition.FAILED) {
      // A cold move stuck in a *_FAILURE state: "recover failure" takes it back to its old host.
      vms.recoverFailedMove(o.providerId(), o.vmId());
      steps.migrationEnded(
          o.id(),
          move.id(),
          move.fromHostId(),
          move.fromHostName(),
          Reason.of("migrateFailed", o.providerName(), vm.displayState()));
      return;
    }
    if (condition != VmCondition.RUNNING) {
      // Stopped or gone meanwhile, outside Federa: the reconciler follows what it is now.
      endWhereItIs(
          o, move, there, Reason.of("migrateInterrupted", o.providerName(), vm.displayState()));
      return;
    }
    // Running on its old host.
    if (move.sentAt() != null
        && vms.leftSince(o.providerId(), vm, move.toHostId(), move.sentAt().minusSeconds(5))) {
      // It was on the new host after the move was sent and is back: the provider undid the move.
      steps.migrationEnded(
          o.id(),
          move.id(),
          move.fromHostId(),
          move.fromHostName(),
          Reason.of("migrateUndone", o.providerName()));
      return;
    }
    boolean sentLately =
        move.sentAt() != null && clock.instant().isBefore(move.sentAt().plus(MOVE_RESEND_AFTER));
    if (sentLately) {
      steps.progressed(o.id(), o.state(), vm.displayState(), watch());
      return;
    }
    try {
      vms.migrate(o.providerId(), o.vmId(), move.toHostId(), move.live());
    } catch (CloudApiException.WrongState onItsWay) {
      LOG.fine(() -> "Order " + o.id() + ": migration not taken now: " + onItsWay.getMessage());
    } catch (CloudApiException e) {
      steps.migrationEnded(
          o.id(),
          move.id(),
          move.fromHostId(),
          move.fromHostName(),
          Reason.of("migrateRefused", o.providerName(), e.getMessage()));
      return;
    }
    steps.migrationSent(o.id(), move.id(), vm.displayState(), watch());
  }

  /** Gives a move up with the VM on the host its current stay is on. */
  private void endWhereItIs(
      OrderSteps.Snapshot o, HostMoves.Open move, boolean there, Reason reason) {
    steps.migrationEnded(
        o.id(),
        move.id(),
        there ? move.toHostId() : move.fromHostId(),
        there ? move.toHostName() : move.fromHostName(),
        reason);
  }
}
