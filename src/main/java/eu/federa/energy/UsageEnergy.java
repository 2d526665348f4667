package eu.federa.energy;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The energy and CO₂e of hours used (an invoice's vCPU-hours and GPU-hours), for information: a
 * vCPU-hour at a provider draws one core's share of a typical host of it (its hosts' mean power
 * model and mean cores) at its hosts' mean CPU use over the period, a GPU-hour its model's power at
 * the provider's held GPUs' measured use over the period (else the assumed use); both times the
 * provider's PUE, and the country's grid intensity for the emissions (the method of {@link
 * Footprint}, over hours instead of a month).
 *
 * @param measured whether every provider's use was measured (else the default was assumed)
 */
public record UsageEnergy(double kwh, double kgCo2e, boolean measured) implements Serializable {

  public static final UsageEnergy NONE = new UsageEnergy(0, 0, true);

  /**
   * Hours used at one provider.
   *
   * @param gpuModel the GPUs' model for {@code gpuHours} (null: none)
   */
  public record Hours(
      String providerName, String countryCode, double vcpuHours, double gpuHours, String gpuModel)
      implements Serializable {}

  /**
   * A provider's facts for the estimate.
   *
   * @param host its hosts' mean power model
   * @param meanHostCores its hosts' mean cores (0: unknown, 64 assumed)
   * @param cpuUsePercent its hosts' mean CPU use over the period, null when not measured
   * @param gpuUsePercent the mean use of its GPUs while VMs held them over the period, null when
   *     not measured
   */
  public record Provider(
      double pue, PowerModel host, double meanHostCores, Double cpuUsePercent, Double gpuUsePercent)
      implements Serializable {}

  /** Cores assumed for a host when the provider's hosts are not known. */
  static final double DEFAULT_HOST_CORES = 64;

  /**
   * @param providers each provider's facts by name; a provider missing gets the defaults (edge/core
   *     unknown: a core site's host, PUE 1.58, 50 % use)
   */
  public static UsageEnergy of(
      List<Hours> hours, Map<String, Provider> providers, GridIntensities.Table grid) {
    double kwh = 0;
    double kg = 0;
    boolean measured = true;
    for (Hours h : hours) {
      Provider p = providers.get(h.providerName());
      if (p == null) {
        p = new Provider(PowerDefaults.PUE, PowerDefaults.CORE_HOST, 0, null, null);
      }
      measured &= p.cpuUsePercent() != null || h.vcpuHours() == 0;
      measured &= p.gpuUsePercent() != null || h.gpuHours() == 0;
      double use = p.cpuUsePercent() == null ? PowerDefaults.HOST_CPU_USE : p.cpuUsePercent() / 100;
      double gpuUse = p.gpuUsePercent() == null ? PowerDefaults.GPU_USE : p.gpuUsePercent() / 100;
      double cores = p.meanHostCores() > 0 ? p.meanHostCores() : DEFAULT_HOST_CORES;
      double itWattHours =
          h.vcpuHours() * p.host().watts(use) / cores
              + h.gpuHours() * PowerDefaults.gpu(h.gpuModel()).watts(gpuUse);
      double lineKwh = itWattHours * p.pue() / 1000;
      kwh += lineKwh;
      kg += lineKwh * grid.gramsCo2ePerKwh(h.countryCode()) / 1000;
    }
    return new UsageEnergy(kwh, kg, measured);
  }
}
