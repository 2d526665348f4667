package eu.federa.billing;

import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each size of the catalog costs at each provider, side by side: from the price list in force
 * at each, GPU-hours included; a provider without a list, or without a rate for a size's GPU model,
 * has no price for it.
 *
 * @param providers the columns: enabled providers with a list in force, by country and name
 * @param rows one per size, in the catalog's order
 */
public record PriceComparison(List<ProviderCard> providers, List<Row> rows)
    implements Serializable {

  /**
   * A size's prices.
   *
   * @param byProvider provider id to its estimate, only where it has one
   * @param cheapestProviderId the provider with the lowest monthly price, null when none prices it
   */
  public record Row(Size size, Map<Long, PriceList.Estimate> byProvider, Long cheapestProviderId)
      implements Serializable {

    /** The estimate at a provider, or null (the page shows a dash). */
    public PriceList.Estimate at(long providerId) {
      return byProvider.get(providerId);
    }

    public boolean cheapestAt(long providerId) {
      return cheapestProviderId != null
          && cheapestProviderId == providerId
          && byProvider.size() > 1;
    }
  }

  /**
   * The comparison of {@code sizes} over the providers' lists in force ({@code lists} by provider).
   */
  static PriceComparison of(
      List<Size> sizes, List<ProviderCard> enabled, Map<Long, PriceList> lists) {
    List<ProviderCard> priced = enabled.stream().filter(p -> lists.containsKey(p.id())).toList();
    List<Row> rows = new ArrayList<>();
    for (Size size : sizes) {
      Map<Long, PriceList.Estimate> byProvider = new LinkedHashMap<>();
      for (ProviderCard provider : priced) {
        lists
            .get(provider.id())
            .estimate(size.vcpu(), size.memoryMib(), size.diskGib(), size.gpus(), size.gpuModel())
            .ifPresent(e -> byProvider.put(provider.id(), e));
      }
      Optional<Long> cheapest =
          byProvider.entrySet().stream()
              .min(
                  Comparator.comparing(
                          (Map.Entry<Long, PriceList.Estimate> e) -> e.getValue().eurPerMonth())
                      .thenComparing(Map.Entry::getKey))
              .map(Map.Entry::getKey);
      rows.add(new Row(size, Map.copyOf(byProvider), cheapest.orElse(null)));
    }
    return new PriceComparison(priced, List.copyOf(rows));
  }
}
