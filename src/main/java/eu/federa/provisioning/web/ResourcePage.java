package eu.federa.provisioning.web;

import eu.federa.cloud.CloudException;
import eu.federa.energy.Footprints;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.provisioning.Explanations;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.Resizes;
import eu.federa.provisioning.VmActions;
import eu.federa.provisioning.VmBackups;
import eu.federa.provisioning.VmConsoles;
import eu.federa.provisioning.VmSnapshots;
import eu.federa.provisioning.VmVolumes;
import eu.federa.storage.SnapshotView;
import eu.federa.storage.VolumeState;
import eu.federa.storage.VolumeView;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Backs a resource's page ({@code resource.xhtml?id=}): its state while it comes up (refreshed
 * without reloading), where it runs and why, and its actions. Another tenant's order is not found.
 */
@Named
@ViewScoped
public class ResourcePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OrderQueries orders;
  @Inject VmActions actions;
  @Inject Resizes resizes;
  @Inject VmVolumes vmVolumes;
  @Inject VmSnapshots vmSnapshots;
  @Inject VmBackups vmBackups;
  @Inject VmConsoles consoles;
  @Inject CurrentTenant tenant;

  private Long id;
  private OrderView order;
  private Explanations.Kept explanation;
  private Footprints.Estimate footprint;
  private int vcpu;
  private long memoryGib;
  private VmVolumes.Overview volumes;
  private String volumeName;
  private Integer volumeGib;
  private Long attachVolumeId;
  private List<SnapshotView> snapshots = List.of();
  private String snapshotName;
  private Long snapshotVolumeId;
  private VmBackups.Overview backups;
  private boolean backupsOffered;
  private String backupName;
  private Integer backupKeep;
  private VmConsoles.Availability console;
  private String consoleRefusal;

  public void load() throws IOException {
    if (id == null || tenant.getId() == null) {
      Pages.notFound();
      return;
    }
    try {
      order = orders.order(tenant.getId(), id);
      explanation = orders.explanation(tenant.getId(), id);
      footprint = orders.footprint(tenant.getId(), id).orElse(null);
      vcpu = order.vcpu();
      memoryGib = order.memoryGib();
      volumes = vmVolumes.overview(tenant.getId(), id);
      snapshots = vmSnapshots.list(tenant.getId(), id);
      backups = vmBackups.overview(tenant.getId(), id);
      backupKeep = backups.keep();
      backupsOffered = vmBackups.offered(tenant.getId(), id);
      console = consoles.availability(tenant.getId(), id);
      if (consoleRefusal != null && CONSOLE_REFUSALS.contains(consoleRefusal)) {
        FormMessages.error("console." + consoleRefusal);
      }
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  /**
   * Called by the page's poll while the order or one of its volumes is on its way. The poll redraws
   * the status and the tables; a part with fields (the actions with the resize form, the volume,
   * snapshot and backup forms) is redrawn only when what it shows changed, so that what someone is
   * typing there and the form's messages are not wiped by every look.
   */
  public void refresh() {
    OrderView orderBefore = order;
    VmVolumes.Overview volumesBefore = volumes;
    List<SnapshotView> snapshotsBefore = snapshots;
    VmBackups.Overview backupsBefore = backups;
    order = orders.order(tenant.getId(), id);
    volumes = vmVolumes.overview(tenant.getId(), id);
    snapshots = vmSnapshots.list(tenant.getId(), id);
    backups = vmBackups.overview(tenant.getId(), id);
    console = consoles.availability(tenant.getId(), id);
    List<String> redraw = new java.util.ArrayList<>();
    boolean actionsChanged = orderBefore == null || !sameActions(orderBefore, order);
    if (actionsChanged) {
      redraw.add("resource:actions");
    }
    if (actionsChanged || !java.util.Objects.equals(volumesBefore, volumes)) {
      redraw.add("resource:volumes");
    }
    if (actionsChanged || !java.util.Objects.equals(snapshotsBefore, snapshots)) {
      redraw.add("resource:snapshots");
    }
    if (actionsChanged || !java.util.Objects.equals(backupsBefore, backups)) {
      redraw.add("resource:backups");
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!redraw.isEmpty() && faces != null && faces.getPartialViewContext().isAjaxRequest()) {
      org.primefaces.PrimeFaces.current().ajax().update(redraw);
    }
  }

  /** Whether the order allows the same actions in the same state (what its forms depend on). */
  private static boolean sameActions(OrderView a, OrderView b) {
    return a.state() == b.state()
        && a.canStop() == b.canStop()
        && a.canStart() == b.canStart()
        && a.canReboot() == b.canReboot()
        && a.canTerminate() == b.canTerminate()
        && java.util.Objects.equals(a.moveId(), b.moveId());
  }

  /** Why a console link sent the browser back here, as the link's endpoint says it. */
  private static final Set<String> CONSOLE_REFUSALS =
      Set.of("expired", "badLink", "none", "notMember", "notRunning", "notNotebook");

  /** Opens the VM's console: a fresh link signed for the caller, followed at once. */
  public void openConsole() throws IOException {
    try {
      String link = consoles.link(tenant.getId(), id);
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.redirect(external.getRequestContextPath() + "/" + link);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
      refresh();
    }
  }

  public VmConsoles.Availability getConsole() {
    return console;
  }

  public String getConsoleRefusal() {
    return consoleRefusal;
  }

  public void setConsoleRefusal(String consoleRefusal) {
    this.consoleRefusal = consoleRefusal;
  }

  /** Whether the page should keep looking: the VM, a volume or a snapshot of it is on its way. */
  public boolean isBusy() {
    return order.inProgress()
        || (volumes != null && volumes.attached().stream().anyMatch(v -> v.state().inProgress()))
        || snapshots.stream().anyMatch(s -> s.state().inProgress())
        || (backups != null && backups.backups().stream().anyMatch(b -> b.state().inProgress()));
  }

  /** A backup of the VM, made in the background. */
  public void takeBackup() {
    volumeAction(() -> vmBackups.take(tenant.getId(), id, backupName), "backup.taking");
    backupName = null;
  }

  /** The VM's daily backups: how many to keep (0: none). */
  public void scheduleBackups() {
    int keep = backupKeep == null ? 0 : backupKeep;
    volumeAction(
        () -> vmBackups.schedule(tenant.getId(), id, keep),
        keep == 0 ? "backup.scheduleOff" : "backup.scheduled");
  }

  public void deleteBackup(long backupId) {
    volumeAction(() -> vmBackups.delete(tenant.getId(), backupId), "backup.deleting");
  }

  public VmBackups.Overview getBackups() {
    return backups;
  }

  /** Whether the VM's provider keeps backups (asked when the page opened). */
  public boolean isBackupsOffered() {
    return backupsOffered;
  }

  public String getBackupName() {
    return backupName;
  }

  public void setBackupName(String backupName) {
    this.backupName = backupName;
  }

  public Integer getBackupKeep() {
    return backupKeep;
  }

  public void setBackupKeep(Integer backupKeep) {
    this.backupKeep = backupKeep;
  }

  /** A snapshot of the VM's disk, taken in the background. */
  public void takeSnapshot() {
    // The disk chosen is one shown on the page now: a volume detached since (its choice no
    // longer offered) leaves the VM's own disk.
    Long volumeId =
        snapshotVolumeId != null
                && getSnapshotVolumes().stream().anyMatch(v -> v.id() == snapshotVolumeId)
            ? snapshotVolumeId
            : null;
    volumeAction(
        () -> vmSnapshots.take(tenant.getId(), id, snapshotName, volumeId), "snapshot.taking");
    snapshotName = null;
    snapshotVolumeId = null;
  }

  /** Puts the stopped VM's disk back to the snapshot. */
  public void restoreSnapshot(long snapshotId) {
    volumeAction(() -> vmSnapshots.restore(tenant.getId(), id, snapshotId), "snapshot.restoring");
  }

  public void deleteSnapshot(long snapshotId) {
    volumeAction(() -> vmSnapshots.delete(tenant.getId(), id, snapshotId), "snapshot.deleting");
  }

  public List<SnapshotView> getSnapshots() {
    return snapshots;
  }

  /** The volumes on the VM whose snapshot may be taken now: attached and at rest. */
  public List<VolumeView> getSnapshotVolumes() {
    return volumes == null
        ? List.of()
        : volumes.attached().stream().filter(v -> v.state() == VolumeState.ATTACHED).toList();
  }

  /** The volume to take a snapshot of; null for the VM's own disk. */
  public Long getSnapshotVolumeId() {
    return snapshotVolumeId;
  }

  public void setSnapshotVolumeId(Long snapshotVolumeId) {
    this.snapshotVolumeId = snapshotVolumeId;
  }

  public String getSnapshotName() {
    return snapshotName;
  }

  public void setSnapshotName(String snapshotName) {
    this.snapshotName = snapshotName;
  }

  /** A new volume for this VM: made and attached in the background, the page follows. */
  public void addVolume() {
    volumeAction(
        () ->
            vmVolumes.add(
                tenant.getId(), id, volumeName, volumeGib == null ? 0 : volumeGib.intValue()),
        "volume.adding");
    volumeName = null;
  }

  public void attachVolume() {
    if (attachVolumeId == null) {
      FormMessages.error("volume.error.choose");
      return;
    }
    volumeAction(() -> vmVolumes.attach(tenant.getId(), id, attachVolumeId), "volume.attaching");
  }

  public void detachVolume(long volumeId) {
    volumeAction(() -> vmVolumes.detach(tenant.getId(), id, volumeId), "volume.detaching");
  }

  private void volumeAction(Runnable action, String doneKey) {
    try {
      action.run();
      FormMessages.info(doneKey);
    } catch (InvalidInputException e) {
      FormMessages.show("resource", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
    refresh();
  }

  public VmVolumes.Overview getVolumes() {
    return volumes;
  }

  public String getVolumeName() {
    return volumeName;
  }

  public void setVolumeName(String volumeName) {
    this.volumeName = volumeName;
  }

  public Integer getVolumeGib() {
    return volumeGib;
  }

  public void setVolumeGib(Integer volumeGib) {
    this.volumeGib = volumeGib;
  }

  public Long getAttachVolumeId() {
    return attachVolumeId;
  }

  public void setAttachVolumeId(Long attachVolumeId) {
    this.attachVolumeId = attachVolumeId;
  }

  public void stop() {
    act(() -> actions.stop(tenant.getId(), id), "resource.stopping");
  }

  public void start() {
    act(() -> actions.start(tenant.getId(), id), "resource.starting");
  }

  public void reboot() {
    act(() -> actions.reboot(tenant.getId(), id), "resource.rebooting");
  }

  public void terminate() {
    act(() -> actions.terminate(tenant.getId(), id), "resource.terminating");
  }

  /** Resizes the stopped VM to the entered vCPU and memory; the page follows the saga. */
  public void resize() {
    try {
      resizes.resize(tenant.getId(), id, vcpu, memoryGib * 1024);
      FormMessages.info("resource.resizing");
    } catch (InvalidInputException e) {
      FormMessages.show("resource", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public int getVcpu() {
    return vcpu;
  }

  public void setVcpu(int vcpu) {
    this.vcpu = vcpu;
  }

  public long getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(long memoryGib) {
    this.memoryGib = memoryGib;
  }

  private void act(Runnable action, String doneKey) {
    try {
      action.run();
      FormMessages.info(doneKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (CloudException e) {
      FormMessages.error("resource.providerError", e.getMessage());
    }
    refresh();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public OrderView getOrder() {
    return order;
  }

  /** Its estimated energy and CO₂e per month where it runs; null when not running anywhere. */
  public Footprints.Estimate getFootprint() {
    return footprint;
  }

  public Explanations.Kept getExplanation() {
    return explanation;
  }
}
