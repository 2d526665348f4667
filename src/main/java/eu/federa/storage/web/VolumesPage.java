package eu.federa.storage.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
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
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code volumes.xhtml}: the organisation's volumes, where each is and what it is attached
 * to, and deleting one that is attached to nothing; one volume's snapshots, restored or deleted
 * while it is attached to nothing (refreshed while one is on its way).
 */
@Named
@ViewScoped
public class VolumesPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject CurrentTenant tenant;

  private LazyDataModel<VolumeView> list;
  private VolumeView shown;
  private List<SnapshotView> shownSnapshots = List.of();

  public void load() {
    Long tenantId = tenant.getId();
    if (tenantId == null) {
      return;
    }
    list =
        ServerPagedList.of(
            Volumes.class,
            (service, first, max) -> service.page(tenantId, first, max),
            ROWS,
            VolumeView::id);
    shownSnapshots = List.of();
    if (shown != null) {
      try {
        shown = volumes.volume(tenantId, shown.id());
        shownSnapshots = snapshots.ofVolume(tenantId, shown.id());
      } catch (NotFoundException gone) {
        shown = null;
      }
    }
  }

  public void refresh() {
    load();
  }

  /** Whether a volume is on its way, or a snapshot shown, for the page's poll. */
  public boolean isBusy() {
    return shownSnapshots.stream().anyMatch(s -> s.state().inProgress())
        || tenant.getId() != null && volumes.anyInProgress(tenant.getId());
  }

  /** Shows the volume's snapshots. */
  public void show(long volumeId) {
    try {
      shown = volumes.volume(tenant.getId(), volumeId);
    } catch (NotFoundException gone) {
      FormMessages.error("volume.error.gone");
      shown = null;
    }
    load();
  }

  public void hide() {
    shown = null;
    shownSnapshots = List.of();
  }

  /** Puts the shown volume back to one of its snapshots, in the background. */
  public void restoreSnapshot(long snapshotId) {
    snapshotAction(
        () -> snapshots.revertVolume(tenant.getId(), shown.id(), snapshotId),
        "snapshot.restoringVolume");
  }

  public void deleteSnapshot(long snapshotId) {
    snapshotAction(
        () -> snapshots.deleteOfVolume(tenant.getId(), shown.id(), snapshotId),
        "snapshot.deleting");
  }

  private void snapshotAction(Runnable action, String doneKey) {
    if (shown == null) {
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

  /** The volume whose snapshots are shown, as read last; null when none. */
  public VolumeView getShown() {
    return shown;
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

  public LazyDataModel<VolumeView> getList() {
    return list;
  }

  public int getRows() {
    return ROWS;
  }
}
