package eu.federa.placement;

import eu.federa.placement.PlacementRequest.Strategy;

/**
 * How much each preference counts in a candidate's score (Nova-style weighers). Each weigher scores
 * candidates from 0 (worst of this decision) to 1 (best); the score is the weighted sum. {@code
 * carbon} prefers hosts where a kWh emits least (the grid's intensity × the provider's PUE).
 */
public record Weights(double price, double latency, double pack, double spread, double carbon) {

  public Weights {
    if (price < 0 || latency < 0 || pack < 0 || spread < 0 || carbon < 0) {
      throw new IllegalArgumentException("Weights cannot be negative");
    }
  }

  /** The default weights of a strategy: its own preference first, the others as tie-breakers. */
  public static Weights of(Strategy strategy) {
    return switch (strategy) {
      case CHEAPEST -> new Weights(1.0, 0.2, 0.1, 0, 0);
      case LOWEST_LATENCY -> new Weights(0.2, 1.0, 0.1, 0, 0);
      case PACK -> new Weights(0.2, 0.1, 1.0, 0, 0);
      case SPREAD -> new Weights(0.2, 0.1, 0, 1.0, 0);
      case GREENEST -> new Weights(0.2, 0.1, 0.1, 0, 1.0);
    };
  }
}
