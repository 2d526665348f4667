package eu.federa.billing;

import eu.federa.catalog.Catalog;
import eu.federa.platform.persistence.ReadOnlyCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;

/**
 * What the catalog page shows, read in one call and one transaction: its images, sizes, offers and
 * providers, and every size priced at every provider. Composed here, since billing prices the
 * catalog's sizes (the catalog does not know of prices). As two calls, the page took a second
 * connection from the pool for the prices on every view (docs/performance.md, "Pages under load").
 */
@ApplicationScoped
public class PricedCatalog {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Catalog catalog;
  @Inject PriceService prices;

  /** The catalog's listing and the price table of its sizes at its providers. */
  public record Shown(Catalog.Listing listing, PriceComparison prices) implements Serializable {}

  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Shown read() {
    ReadOnlyCalls.mark(em);
    Catalog.Listing listing = catalog.listing();
    return new Shown(listing, prices.comparison(listing.sizes(), listing.providers()));
  }
}
