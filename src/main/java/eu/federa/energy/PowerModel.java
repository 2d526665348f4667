package eu.federa.energy;

import java.io.Serializable;

/**
 * What a machine draws between idle and fully busy, linearly in its utilisation (the usual
 * first-order server power model; SPECpower measurements are close to linear for most servers).
 *
 * @param idleWatts drawn when idle (powered on, nothing running)
 * @param fullWatts drawn at 100 % utilisation
 */
public record PowerModel(double idleWatts, double fullWatts) implements Serializable {

  public PowerModel {
    if (!(idleWatts >= 0) || !(fullWatts >= idleWatts) || fullWatts > 100_000) {
      throw new IllegalArgumentException(
          "Implausible power model: idle " + idleWatts + " W, full " + fullWatts + " W");
    }
  }

  /** The draw at {@code utilisation} (0 to 1; outside is clamped). */
  public double watts(double utilisation) {
    double u = Double.isNaN(utilisation) ? 0 : Math.max(0, Math.min(1, utilisation));
    return idleWatts + (fullWatts - idleWatts) * u;
  }
}
