package eu.federa.provisioning.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.NoPlacementException;
import eu.federa.provisioning.VmBackups;
import eu.federa.storage.BackupView;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code backups.xhtml}: the organisation's backups, of running VMs and of ended ones;
 * deleting one, and restoring one into a new VM (a name asked in a dialog; the new VM's page
 * follows it coming up).
 */
@Named
@ViewScoped
public class BackupsPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject VmBackups vmBackups;
  @Inject CurrentTenant tenant;

  private LazyDataModel<BackupView> list;
  private BackupView restoring;
  private String newName;
  private String restoreKey;
  private Long restoreAsked;
  private boolean openOnLoad;

  /** Lists the backups; a VM's page links here with {@code ?restore=} to open its dialog. */
  public void load() {
    if (tenant.getId() == null) {
      return;
    }
    refresh();
    if (restoreAsked != null && restoring == null) {
      prepareRestore(restoreAsked);
      openOnLoad = restoring != null;
    }
  }

  /** Reads the list again, a page at a time from the database. */
  public void refresh() {
    long tenantId = tenant.getId();
    list =
        ServerPagedList.of(
            VmBackups.class,
            (service, first, max) -> service.page(tenantId, first, max),
            ROWS,
            BackupView::id);
  }

  /** Whether one is being taken or deleted, for the page's poll. */
  public boolean isBusy() {
    return tenant.getId() != null && vmBackups.anyInProgress(tenant.getId());
  }

  public void delete(long backupId) {
    try {
      vmBackups.delete(tenant.getId(), backupId);
      FormMessages.info("backup.deleting");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("backup.error.gone");
    }
    refresh();
  }

  /** Opens the restore dialog for a backup: one key per dialog, so a double submit orders once. */
  public void prepareRestore(long backupId) {
    openOnLoad = false;
    try {
      restoring = vmBackups.backup(tenant.getId(), backupId);
    } catch (NotFoundException gone) {
      restoring = null;
    }
    if (restoring != null && !restoring.ready()) {
      restoring = null;
    }
    newName = restoring == null ? null : restoring.vmName() + "-restored";
    restoreKey = UUID.randomUUID().toString();
  }

  /** Orders the new VM from the backup and goes to its page. */
  public void restore() throws IOException {
    if (restoring == null) {
      return;
    }
    try {
      long orderId = vmBackups.restore(tenant.getId(), restoring.id(), newName, restoreKey);
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.getFlash().setKeepMessages(true);
      FormMessages.info("backup.restoring", newName);
      external.redirect(external.getRequestContextPath() + "/resource.xhtml?id=" + orderId);
    } catch (InvalidInputException e) {
      FormMessages.show("backups", e.errors());
      openOnLoad = true; // the dialog stays open, with the reason beside the name
    } catch (NoPlacementException e) {
      FormMessages.error("backup.error.noRoom", restoring.providerName());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("backup.error.gone");
    }
  }

  /** Whether the caller has an organisation whose backups to show. */
  public boolean isMember() {
    return tenant.getId() != null;
  }

  public LazyDataModel<BackupView> getList() {
    return list;
  }

  public Long getRestoreAsked() {
    return restoreAsked;
  }

  public void setRestoreAsked(Long restoreAsked) {
    this.restoreAsked = restoreAsked;
  }

  /**
   * Whether the restore dialog is open when the form is drawn: asked from a VM's page, or kept open
   * after a bad name.
   */
  public boolean isOpenOnLoad() {
    return openOnLoad;
  }

  public BackupView getRestoring() {
    return restoring;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public int getRows() {
    return ROWS;
  }
}
