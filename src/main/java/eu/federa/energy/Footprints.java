package eu.federa.energy;

import eu.federa.cloud.registry.HostPowers;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.ProviderRegistry.HostEnergy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.Optional;

/**
 * Workloads' estimated energy and CO₂e where they run now ({@link Footprint} for the arithmetic):
 * from their host's measured CPU use over the last day, its provider's power model and PUE, and its
 * country's grid intensity. Callers check who may see the workload.
 */
@ApplicationScoped
public class Footprints {

  @Inject ProviderRegistry registry;
  @Inject GridIntensities intensities;

  /**
   * A VM's estimate with what it was made from.
   *
   * @param hostCpuUsePercent the host's use the estimate assumed
   * @param measured whether that use was measured (false: the default, no history yet)
   */
  public record Estimate(
      Footprint footprint,
      String countryCode,
      double pue,
      double gramsCo2ePerKwh,
      double hostCpuUsePercent,
      boolean measured,
      Double gpuUsePercent)
      implements Serializable {

    /** The GPUs' use the estimate took: measured at the host, or assumed. */
    public double gpuUseTakenPercent() {
      return gpuUsePercent != null ? gpuUsePercent : PowerDefaults.GPU_USE * 100;
    }
  }

  /**
   * The estimate of a VM of {@code vcpu} (and {@code gpus} of {@code gpuModel}) on host {@code
   * hostId}; empty when it has no host (not placed) or its host is gone.
   */
  @Transactional
  public Optional<Estimate> ofVm(Long hostId, double vcpu, int gpus, String gpuModel) {
    if (hostId == null || !(vcpu > 0)) {
      return Optional.empty();
    }
    return registry
        .hostEnergy(hostId)
        .map(h -> estimate(h, vcpu, gpus, gpuModel, intensities.table()));
  }

  /**
   * The energy and CO₂e of the hours used from {@code from} to {@code to} (an invoice's month):
   * each provider's facts and its hosts' mean use over the period, read once.
   */
  @Transactional
  public UsageEnergy ofHours(
      java.util.List<UsageEnergy.Hours> hours, java.time.Instant from, java.time.Instant to) {
    if (hours.isEmpty()) {
      return UsageEnergy.NONE;
    }
    java.util.Map<String, ProviderRegistry.ProviderEnergy> facts =
        registry.providerEnergy(
            hours.stream().map(UsageEnergy.Hours::providerName).distinct().toList(), from, to);
    java.util.Map<String, UsageEnergy.Provider> providers = new java.util.HashMap<>();
    facts.forEach(
        (name, p) ->
            providers.put(
                name,
                new UsageEnergy.Provider(
                    p.pue() == null ? PowerDefaults.PUE : p.pue().doubleValue(),
                    meanHost(
                        model(p.hostIdleWatts(), p.hostFullWatts(), p.edgeSite()),
                        p.hosts(),
                        p.ownPowers()),
                    p.meanHostCores(),
                    p.cpuUsePercent(),
                    p.heldGpuUsePercent())));
    return UsageEnergy.of(hours, providers, intensities.table());
  }

  /** A provider's hosts' model: theirs where set, else the default of their class. */
  static PowerModel model(Integer idleWatts, Integer fullWatts, boolean edgeSite) {
    return idleWatts == null ? PowerDefaults.host(edgeSite) : new PowerModel(idleWatts, fullWatts);
  }

  /**
   * The mean model of a provider's {@code hosts}: those with their own model draw it, the others
   * {@code providers}.
   */
  static PowerModel meanHost(
      PowerModel providers, int hosts, java.util.List<HostPowers.Power> own) {
    int others = Math.max(0, hosts - own.size());
    int all = others + own.size();
    if (own.isEmpty() || all == 0) {
      return providers;
    }
    double idle = others * providers.idleWatts();
    double full = others * providers.fullWatts();
    for (HostPowers.Power p : own) {
      idle += p.idleWatts();
      full += p.fullWatts();
    }
    return new PowerModel(idle / all, full / all);
  }

  /** A running workload's size and host, to estimate many at once. */
  public record Share(long key, long hostId, double vcpu, int gpus, String gpuModel)
      implements Serializable {}

  /**
   * The estimates of many workloads at once, by their {@code key}; those whose host is gone are
   * left out. A fixed number of statements (one per provider for the hosts' use).
   */
  @Transactional
  public java.util.Map<Long, Estimate> of(java.util.List<Share> shares) {
    java.util.Map<Long, HostEnergy> hosts =
        registry.hostEnergy(shares.stream().map(Share::hostId).distinct().toList());
    GridIntensities.Table table = hosts.isEmpty() ? null : intensities.table();
    java.util.Map<Long, Estimate> result = new java.util.HashMap<>();
    for (Share s : shares) {
      HostEnergy h = hosts.get(s.hostId());
      if (h != null && s.vcpu() > 0) {
        result.put(s.key(), estimate(h, s.vcpu(), s.gpus(), s.gpuModel(), table));
      }
    }
    return result;
  }

  private static Estimate estimate(
      HostEnergy h, double vcpu, int gpus, String gpuModel, GridIntensities.Table table) {
    double pue = h.pue() == null ? PowerDefaults.PUE : h.pue().doubleValue();
    double grams = table.gramsCo2ePerKwh(h.countryCode());
    PowerModel host = model(h.hostIdleWatts(), h.hostFullWatts(), h.edgeSite());
    boolean measured = h.cpuUsePercent() != null;
    // A VM's GPUs count at the measured use of the host's GPUs in use (from its VMs' monitoring),
    // else at the default.
    Double gpuUse = gpus > 0 ? h.heldGpuUsePercent() : null;
    double use = measured ? h.cpuUsePercent() / 100 : PowerDefaults.HOST_CPU_USE;
    Footprint footprint =
        Footprint.of(
            vcpu,
            Math.max(h.totalCores(), vcpu),
            use,
            host,
            gpus,
            PowerDefaults.gpu(gpuModel),
            gpuUse == null ? PowerDefaults.GPU_USE : gpuUse / 100,
            new Footprint.Site(pue, grams));
    return new Estimate(footprint, h.countryCode(), pue, grams, use * 100, measured, gpuUse);
  }
}
