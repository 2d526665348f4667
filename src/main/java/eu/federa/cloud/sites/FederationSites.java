package eu.federa.cloud.sites;

import eu.federa.cloud.registry.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Where the federation runs: every enabled provider's site, core or edge, for anyone signed in (the
 * same facts as the public sovereignty register).
 */
@ApplicationScoped
public class FederationSites {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** The enabled providers' sites, by country and name. */
  @Transactional
  public List<Site> sites() {
    return em.createQuery(
            "select p from Provider p where p.enabled order by p.countryCode, p.name",
            Provider.class)
        .getResultStream()
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
