package eu.federa.billing;

import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.persistence.RevisionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * The catalog's price table as a node keeps it: read again when the reference data's revision moved
 * (a price list added or changed), when the sizes or providers asked for are others, or when a list
 * comes into force or ends.
 */
@ApplicationScoped
public class KeptPriceComparison {

  @Inject PriceService prices;
  @Inject Clock clock;

  private final RevisionCache<PriceComparison> kept = new RevisionCache<>();

  /** Every size at every provider, as priced at this revision of the reference data. */
  public PriceComparison at(long revision, List<Size> sizes, List<ProviderCard> enabled) {
    return kept.get(
        revision,
        List.of(sizes, enabled),
        clock.instant(),
        () -> prices.comparison(sizes, enabled));
  }
}
