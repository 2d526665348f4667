package eu.federa.storage.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
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
 * to, and deleting one that is attached to nothing (refreshed while one is on its way).
 */
@Named
@ViewScoped
public class VolumesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient Volumes volumes;
  @Inject transient CurrentTenant tenant;

  private List<VolumeView> list = List.of();

  public void load() {
    list = tenant.getId() == null ? List.of() : volumes.list(tenant.getId());
  }

  public void refresh() {
    load();
  }

  /** Whether one is on its way, for the page's poll. */
  public boolean isBusy() {
    return list.stream().anyMatch(v -> v.state().inProgress());
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
