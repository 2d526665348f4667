package eu.federa.catalog;

import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.persistence.RevisionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The catalog's listing as a node keeps it for the catalog page, the busiest of the portal: the
 * same for every signed-in user, read again from the database only when the reference data's
 * revision moved ({@link ReferenceRevision}, raised by the database with every change of images,
 * sizes, offers and providers). Reading it on every view was a third of the catalog's time under
 * load (docs/performance.md, "Seventh pass").
 */
@ApplicationScoped
public class KeptListing {

  @Inject Catalog catalog;
  @Inject Clock clock;

  private final RevisionCache<Catalog.Listing> kept = new RevisionCache<>();

  /** For the container. */
  public KeptListing() {}

  /** Outside the container (tests). */
  public KeptListing(Catalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The listing at this revision of the reference data (the caller read it). */
  public Catalog.Listing at(long revision) {
    return kept.get(revision, clock.instant(), () -> RevisionCache.Read.always(catalog.listing()));
  }
}
