package eu.federa.placement;

import java.util.Map;

/**
 * Round-trip time from a user's site to a provider, in milliseconds. Estimated as {@code 2 ×
 * distance × routeFactor / fibreSpeed + overhead}: light in fibre covers about 200 km per
 * millisecond, real fibre routes are about 1.5 times the great-circle distance, and switching and
 * the last mile add a fixed 2 ms. An operator's measured table, keyed by site and provider,
 * overrides the estimate where it has a value.
 *
 * @param measuredMs measured round trips: site name → provider id → milliseconds
 */
public record LatencyModel(
    double fibreKmPerMs,
    double routeFactor,
    double overheadMs,
    Map<String, Map<Long, Double>> measuredMs) {

  public static final LatencyModel DEFAULT = new LatencyModel(200, 1.5, 2, Map.of());

  public LatencyModel {
    if (fibreKmPerMs <= 0 || routeFactor < 1 || overheadMs < 0) {
      throw new IllegalArgumentException("Implausible latency model");
    }
    measuredMs = Map.copyOf(measuredMs);
  }

  /** The model with an operator's measurements. */
  public LatencyModel withMeasurements(Map<String, Map<Long, Double>> measured) {
    return new LatencyModel(fibreKmPerMs, routeFactor, overheadMs, measured);
  }

  public double estimateMs(Site site, long providerId, GeoPoint provider) {
    Map<Long, Double> measured = measuredMs.get(site.name());
    if (measured != null && measured.containsKey(providerId)) {
      return measured.get(providerId);
    }
    return 2 * site.location().distanceKm(provider) * routeFactor / fibreKmPerMs + overheadMs;
  }

  /** Where the user's traffic comes from. */
  public record Site(String name, GeoPoint location) implements java.io.Serializable {}
}
