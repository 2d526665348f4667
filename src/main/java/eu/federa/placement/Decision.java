package eu.federa.placement;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of a placement: a host per instance, or the constraint that could not be met; and in
 * both cases how the decision was reached.
 *
 * @param choices one per instance, in order; empty when not placed
 * @param shortfall why nothing was placed; {@code null} when placed
 */
public record Decision(List<Choice> choices, Explanation explanation, Shortfall shortfall)
    implements Serializable {

  public Decision {
    choices = List.copyOf(choices);
  }

  public boolean placed() {
    return shortfall == null;
  }

  /** Where one instance goes. */
  public record Choice(
      int instance,
      long hostId,
      String hostName,
      int clusterId,
      String clusterName,
      long providerId,
      String providerName,
      String countryCode,
      double score,
      Double latencyMs,
      BigDecimal priceEurPerHour,
      long generation,
      List<String> gpuAddresses)
      implements Serializable {

    public Choice {
      gpuAddresses = List.copyOf(gpuAddresses);
    }
  }

  /**
   * How the first instance's host was chosen.
   *
   * @param hosts hosts in the inventory
   * @param steps per filter, how many hosts it removed and how many were left
   * @param alternatives the best candidates with their scores (the chosen one first)
   */
  public record Explanation(int hosts, List<Step> steps, List<Alternative> alternatives)
      implements Serializable {

    public Explanation {
      steps = List.copyOf(steps);
      alternatives = List.copyOf(alternatives);
    }
  }

  public record Step(Filter filter, int removed, int left) implements Serializable {}

  /**
   * One of the best candidates.
   *
   * @param forecastPeakCpuPercent the host's forecast CPU peak over the next 24 hours (upper bound
   *     of the 95 % interval) that placement weighed, or {@code null} when it has no forecast yet
   */
  public record Alternative(
      long providerId,
      String providerName,
      String countryCode,
      String clusterName,
      String hostName,
      double score,
      Double latencyMs,
      BigDecimal priceEurPerHour,
      Double forecastPeakCpuPercent)
      implements Serializable {}

  /**
   * The binding constraint: the filter that removed the last candidates.
   *
   * @param instance which instance could not be placed (1-based)
   * @param wanted what the request needs of that capacity (for capacity filters), else 0
   * @param bestOffered the most any host still in the running offered, for capacity filters
   * @param elsewhereCountry for capacity filters with a country restriction: a country outside it
   *     where a host would fit, or {@code null}
   * @param elsewhereOffered what that host offers
   */
  public record Shortfall(
      Filter filter,
      int instance,
      double wanted,
      double bestOffered,
      String elsewhereCountry,
      double elsewhereOffered)
      implements Serializable {}
}
