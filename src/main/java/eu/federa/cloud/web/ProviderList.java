package eu.federa.cloud.web;

import eu.federa.cloud.registry.ProviderOverview;
import eu.federa.cloud.registry.ProviderRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs the federation's provider list; refreshed by a poll from the database, never a provider.
 */
@Named
@ViewScoped
public class ProviderList implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ProviderRegistry registry;

  private List<ProviderOverview> providers;

  @PostConstruct
  public void load() {
    providers = registry.overview();
  }

  public List<ProviderOverview> getProviders() {
    return providers;
  }
}
