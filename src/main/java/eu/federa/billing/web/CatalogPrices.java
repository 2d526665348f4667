package eu.federa.billing.web;

import eu.federa.billing.PriceComparison;
import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's price columns: each size at each provider, per hour and per month, the cheapest
 * marked. Read once per request (not kept in the session: the catalog page is the busiest).
 */
@Named
@RequestScoped
public class CatalogPrices {

  @Inject PriceService prices;

  private PriceComparison comparison;
  private Map<String, PriceComparison.Row> bySize;

  private PriceComparison comparison() {
    if (comparison == null) {
      comparison = prices.comparison();
      bySize =
          comparison.rows().stream()
              .collect(Collectors.toMap(r -> r.size().code(), Function.identity()));
    }
    return comparison;
  }

  /** The providers compared, as columns. */
  public List<ProviderCard> getProviders() {
    return comparison().providers();
  }

  /** A size's estimate at a provider, or null when it has no price there. */
  public PriceList.Estimate at(String sizeCode, long providerId) {
    comparison();
    PriceComparison.Row row = bySize.get(sizeCode);
    return row == null ? null : row.at(providerId);
  }

  /** Whether the provider is the cheapest for the size (among two or more that price it). */
  public boolean cheapest(String sizeCode, long providerId) {
    comparison();
    PriceComparison.Row row = bySize.get(sizeCode);
    return row != null && row.cheapestAt(providerId);
  }
}
