package eu.federa.energy;

import java.io.Serializable;

/**
 * A workload's estimated energy and emissions per month, and the arithmetic behind them:
 *
 * <ol>
 *   <li>its share of its host is its vCPU over the host's cores (at most the whole host); it draws
 *       that share of the host's power at the host's measured CPU utilisation (so idle power is
 *       shared by allocation, the busy part by use);
 *   <li>each GPU it holds draws the GPU model's power at the GPUs' assumed utilisation (OpenNebula
 *       does not monitor GPUs);
 *   <li>the data centre's overhead multiplies that by the provider's PUE;
 *   <li>a month is 730 hours; kg CO₂e = kWh × the country's grid intensity (g CO₂e/kWh) / 1000.
 * </ol>
 *
 * @param itWatts what its share of the IT equipment draws
 * @param facilityWatts the same with the data centre's overhead (× PUE)
 */
public record Footprint(
    double itWatts, double facilityWatts, double kwhPerMonth, double kgCo2ePerMonth)
    implements Serializable {

  /** Hours in an average month (8,760 / 12). */
  public static final double HOURS_PER_MONTH = 730;

  /** Where a workload runs, for its estimate. */
  public record Site(double pue, double gramsCo2ePerKwh) implements Serializable {

    public Site {
      if (!(pue >= 1) || pue > 5 || !(gramsCo2ePerKwh >= 0) || gramsCo2ePerKwh > 2000) {
        throw new IllegalArgumentException(
            "Implausible site: PUE " + pue + ", " + gramsCo2ePerKwh + " g/kWh");
      }
    }

    /** Grams of CO₂e per kWh drawn by IT equipment there (the grid's intensity × PUE). */
    public double gramsPerItKwh() {
      return gramsCo2ePerKwh * pue;
    }
  }

  /**
   * @param vcpu the workload's vCPU
   * @param hostCores the host's cores (its share's denominator)
   * @param hostCpuUse the host's CPU utilisation (0 to 1)
   * @param gpus the GPUs it holds, each drawing {@code gpu} at {@code gpuUse}
   */
  public static Footprint of(
      double vcpu,
      double hostCores,
      double hostCpuUse,
      PowerModel host,
      int gpus,
      PowerModel gpu,
      double gpuUse,
      Site site) {
    if (!(vcpu > 0) || !(hostCores > 0) || gpus < 0) {
      throw new IllegalArgumentException("A share needs vCPU and host cores");
    }
    double share = Math.min(1, vcpu / hostCores);
    double it = share * host.watts(hostCpuUse) + (gpus == 0 ? 0 : gpus * gpu.watts(gpuUse));
    double facility = it * site.pue();
    double kwh = facility * HOURS_PER_MONTH / 1000;
    return new Footprint(it, facility, kwh, kwh * site.gramsCo2ePerKwh() / 1000);
  }

  /** Two workloads' footprints together (a project's, a tenant's). */
  public Footprint plus(Footprint other) {
    return new Footprint(
        itWatts + other.itWatts,
        facilityWatts + other.facilityWatts,
        kwhPerMonth + other.kwhPerMonth,
        kgCo2ePerMonth + other.kgCo2ePerMonth);
  }

  public static final Footprint NONE = new Footprint(0, 0, 0, 0);
}
