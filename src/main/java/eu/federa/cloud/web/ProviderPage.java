package eu.federa.cloud.web;

import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderDetail;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** Backs a provider's page: health, clusters, hosts and GPUs from the last sync. */
@Named
@ViewScoped
public class ProviderPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ProviderRegistry registry;
  @Inject transient InventorySync sync;

  private Long id;
  private transient ProviderDetail detail;

  /** f:viewAction: an unknown id is a 404, like any missing page. */
  public void load() throws IOException {
    detail = id == null ? null : registry.detail(id).orElse(null);
    if (detail == null) {
      Pages.notFound();
    }
  }

  public void refresh() throws IOException {
    load();
  }

  public void syncNow() throws IOException {
    sync.syncNow(id);
    load();
  }

  public void toggleEnabled() throws IOException {
    registry.setEnabled(id, !detail.provider().isEnabled());
    load();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public ProviderDetail getDetail() {
    return detail;
  }
}
