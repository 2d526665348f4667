package eu.federa.placement;

import eu.federa.placement.PlacementRequest.Strategy;

/**
 * How much each preference counts in a candidate's score (Nova-style weighers). Each weigher scores
 * candidates from 0 (worst of this decision) to 1 (best); the score is the weighted sum. {@code
 * carbon} prefers hosts where a kWh emits least (the grid's intensity × the provider's PUE); {@code
 * forecast} prefers hosts whose forecast peak over the next 24 hours, with the workload added,
 * stays lowest (a host predicted past 100 % with it loses every other weigher's worth).
 */
public record Weights(
    double price, double latency, double pack, double spread, double carbon, double forecast) {

  public Weights {
    if (price < 0 || latency < 0 || pack < 0 || spread < 0 || carbon < 0 || forecast < 0) {
      throw new IllegalArgumentException("Weights cannot be negative");
    }
  }

  /**
   * How much every strategy weighs the hosts' forecast headroom: enough to turn away from a host
   * predicted to be busy when the others are close on the strategy's own preference.
   */
  static final double FORECAST = 0.3;

  /** All the weights together: the most a candidate can score. */
  public double total() {
    return price + latency + pack + spread + carbon + forecast;
  }

  /** The default weights of a strategy: its own preference first, the others as tie-breakers. */
  public static Weights of(Strategy strategy) {
    return switch (strategy) {
      case CHEAPEST -> new Weights(1.0, 0.2, 0.1, 0, 0, FORECAST);
      case LOWEST_LATENCY -> new Weights(0.2, 1.0, 0.1, 0, 0, FORECAST);
      case PACK -> new Weights(0.2, 0.1, 1.0, 0, 0, FORECAST / 2);
      case SPREAD -> new Weights(0.2, 0.1, 0, 1.0, 0, FORECAST);
      case GREENEST -> new Weights(0.2, 0.1, 0.1, 0, 1.0, FORECAST);
    };
  }
}
