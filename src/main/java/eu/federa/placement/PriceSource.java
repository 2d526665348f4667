package eu.federa.placement;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Where placement's prices come from (billing's price lists): what one instance of the request
 * costs per hour at each provider that has a price for it. Providers without one are absent; when
 * any candidate has no price, the price weigher is neutral.
 */
public interface PriceSource {

  Map<Long, BigDecimal> hourlyPrices(PlacementRequest request);
}
