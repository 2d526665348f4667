package eu.federa.cloud.sites;

import eu.federa.cloud.registry.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Where the federation runs: every enabled provider's site, core or edge, for anyone signed in (the
 * same facts as the public sovereignty register).
 */
@ApplicationScoped
public class FederationSites {

  @Inject ProviderRegistry registry;

  /** The enabled providers' sites, by country and name. */
  public List<Site> sites() {
    return registry.enabled().stream()
        .map(
            p ->
                new Site(
                    p.getId(),
                    p.getName(),
                    p.getCity(),
                    p.getCountryCode(),
                    p.getLatitude() == null ? null : p.getLatitude().doubleValue(),
                    p.getLongitude() == null ? null : p.getLongitude().doubleValue(),
                    p.isEdgeSite(),
                    p.getCertifications()))
        .toList();
  }
}
