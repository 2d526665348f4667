package eu.federa.storage.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.storage.SnapshotView;
import eu.federa.storage.Snapshots;
import eu.federa.storage.VolumeView;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs {@code volumes.xhtml}: the organisation's volumes, where each is and what it is attached
 * to, and deleting one that is attached to nothing; one volume's snapshots, restored or deleted
 * while it is attached to nothing (refreshed while one is on its way).
 */
@Named
@ViewScoped
public class VolumesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject CurrentTenant tenant;

  private List<VolumeView> list = List.of();
  private Long shownId;
  private List<SnapshotView> shownSnapshots = List.of();

  public void load() {
    list = tenant.getId() == null ? List.of() : volumes.list(tenant.getId());
    shownSnapshots = List.of();
    if (getShown() == null) {
      shownId = null;
    } else {
      try {
        shownSnapshots = snapshots.ofVolume(tenant.getId(), shownId);
      } catch (NotFoundException gone) {
        shownId = null;
      }
    }
  }

  public void refresh() {
    load();
  }

  /** Whether one is on its way, or a snapshot shown, for the page's poll. */
  public boolean isBusy() {
    return list.stream().anyMatch(v -> v.state().inProgress())
        || shownSnapshots.stream().anyMatch(s -> s.state().inProgress());
  }

  /** Shows the volume's snapshots. */
  public void show(long volumeId) {
    shownId = volumeId;
    load();
  }

  public void hide() {
    shownId = null;
    shownSnapshots = List.of();
  }

  /** Puts the shown volume back to one of its snapshots, in the background. */
  public void restoreSnapshot(long snapshotId) {
    snapshotAction(
        () -> snapshots.revertVolume(tenant.getId(), shownId, snapshotId),
        "snapshot.restoringVolume");
  }

  public void deleteSnapshot(long snapshotId) {
    snapshotAction(
        () -> snapshots.deleteOfVolume(tenant.getId(), shownId, snapshotId), "snapshot.deleting");
  }

  private void snapshotAction(Runnable action, String doneKey) {
    if (shownId == null) {
      return;
    }
    try {
      action.run();
      FormMessages.info(doneKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
    load();
  }

  /** The volume whose snapshots are shown, as listed now; null when none. */
  public VolumeView getShown() {
    return shownId == null
        ? null
        : list.stream().filter(v -> v.id() == shownId).findFirst().orElse(null);
  }

  public List<SnapshotView> getShownSnapshots() {
    return shownSnapshots;
  }

  public void delete(long volumeId) {
    try {
      volumes.delete(tenant.getId(), volumeId);
      FormMessages.info("volume.deleting");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("volume.error.gone");
    }
    load();
  }

  /** Whether the caller has an organisation whose volumes to show. */
  public boolean isMember() {
    return tenant.getId() != null;
  }

  public List<VolumeView> getList() {
    return list;
  }
}
