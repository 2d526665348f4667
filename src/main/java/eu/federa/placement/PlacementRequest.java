package eu.federa.placement;

import eu.federa.placement.LatencyModel.Site;
import java.io.Serializable;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One workload to place: the size of each instance, how many, and where they may and should go
 * (Serializable: an order form keeps it in its view state, which moves between nodes).
 *
 * @param vcpu cores per instance
 * @param gpuClass PCI class of the GPUs wanted (e.g. {@code 0302}, a 3D controller: a data-centre
 *     GPU), or {@code null} for any GPU
 * @param gpuModel part of the device name wanted (e.g. {@code H100}), or {@code null} for any
 * @param allowedCountries ISO codes; empty means anywhere in the federation
 * @param edge {@code true} edge sites only, {@code false} core sites only, {@code null} either
 * @param site where the users are, for latency; {@code null} when latency does not matter
 * @param latencyBudgetMs the longest acceptable round trip from {@code site}, or {@code null}
 * @param includeProviders only these providers (empty: all)
 * @param publicAddress only providers that offer public addresses
 */
public record PlacementRequest(
    double vcpu,
    long memoryMib,
    long diskGib,
    int gpus,
    String gpuClass,
    String gpuModel,
    int instances,
    Set<String> allowedCountries,
    Set<String> requiredCertifications,
    Boolean edge,
    Site site,
    Integer latencyBudgetMs,
    Set<Long> includeProviders,
    Set<Long> excludeProviders,
    AntiAffinity antiAffinity,
    Strategy strategy,
    boolean publicAddress)
    implements Serializable {

  public PlacementRequest {
    if (!(vcpu > 0) || memoryMib <= 0 || diskGib < 0 || gpus < 0 || instances < 1) {
      throw new IllegalArgumentException("Sizes must be positive and at least one instance");
    }
    allowedCountries = Set.copyOf(allowedCountries);
    requiredCertifications = Set.copyOf(requiredCertifications);
    includeProviders = Set.copyOf(includeProviders);
    excludeProviders = Set.copyOf(excludeProviders);
    antiAffinity = antiAffinity == null ? AntiAffinity.NONE : antiAffinity;
    strategy = strategy == null ? Strategy.CHEAPEST : strategy;
  }

  /** A request of one instance without constraints, to build on in tests and previews. */
  public static PlacementRequest of(double vcpu, long memoryMib, long diskGib) {
    return new PlacementRequest(
        vcpu,
        memoryMib,
        diskGib,
        0,
        null,
        null,
        1,
        Set.of(),
        Set.of(),
        null,
        null,
        null,
        Set.of(),
        Set.of(),
        AntiAffinity.NONE,
        Strategy.CHEAPEST,
        false);
  }

  public PlacementRequest withGpus(int count, String pciClass, String model) {
    return edit(
        b -> {
          b.gpus = count;
          b.gpuClass = pciClass;
          b.gpuModel = model;
        });
  }

  public PlacementRequest withInstances(int count, AntiAffinity spread) {
    return edit(
        b -> {
          b.instances = count;
          b.antiAffinity = spread;
        });
  }

  public PlacementRequest inCountries(Set<String> countries) {
    return edit(b -> b.allowedCountries = countries);
  }

  public PlacementRequest certified(Set<String> certifications) {
    return edit(b -> b.requiredCertifications = certifications);
  }

  public PlacementRequest near(Site from, Integer budgetMs, Boolean edgeSite) {
    return edit(
        b -> {
          b.site = from;
          b.latencyBudgetMs = budgetMs;
          b.edge = edgeSite;
        });
  }

  public PlacementRequest providers(Set<Long> include, Set<Long> exclude) {
    return edit(
        b -> {
          b.includeProviders = include;
          b.excludeProviders = exclude;
        });
  }

  public PlacementRequest preferring(Strategy preference) {
    return edit(b -> b.strategy = preference);
  }

  /** Only at providers offering public addresses, when {@code wanted}. */
  public PlacementRequest withPublicAddress(boolean wanted) {
    return edit(b -> b.publicAddress = wanted);
  }

  /** A copy with some components changed. */
  private PlacementRequest edit(Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return new PlacementRequest(
        b.vcpu,
        b.memoryMib,
        b.diskGib,
        b.gpus,
        b.gpuClass,
        b.gpuModel,
        b.instances,
        b.allowedCountries,
        b.requiredCertifications,
        b.edge,
        b.site,
        b.latencyBudgetMs,
        b.includeProviders,
        b.excludeProviders,
        b.antiAffinity,
        b.strategy,
        b.publicAddress);
  }

  /** The components of a request, to change before building the copy. */
  private static final class Copy {
    final double vcpu;
    final long memoryMib;
    final long diskGib;
    int gpus;
    String gpuClass;
    String gpuModel;
    int instances;
    Set<String> allowedCountries;
    Set<String> requiredCertifications;
    Boolean edge;
    Site site;
    Integer latencyBudgetMs;
    Set<Long> includeProviders;
    Set<Long> excludeProviders;
    AntiAffinity antiAffinity;
    Strategy strategy;
    boolean publicAddress;

    Copy(PlacementRequest r) {
      vcpu = r.vcpu;
      memoryMib = r.memoryMib;
      diskGib = r.diskGib;
      gpus = r.gpus;
      gpuClass = r.gpuClass;
      gpuModel = r.gpuModel;
      instances = r.instances;
      allowedCountries = r.allowedCountries;
      requiredCertifications = r.requiredCertifications;
      edge = r.edge;
      site = r.site;
      latencyBudgetMs = r.latencyBudgetMs;
      includeProviders = r.includeProviders;
      excludeProviders = r.excludeProviders;
      antiAffinity = r.antiAffinity;
      strategy = r.strategy;
      publicAddress = r.publicAddress;
    }
  }

  /** How the instances of one order are kept apart. */
  public enum AntiAffinity {
    NONE,
    /** Each instance on another host. */
    HOSTS,
    /** Each instance at another provider. */
    PROVIDERS
  }

  /** What the soft preferences favour. */
  public enum Strategy {
    CHEAPEST,
    LOWEST_LATENCY,
    /** Fill hosts up, keeping others free for large workloads. */
    PACK,
    /** Use the emptiest hosts, for headroom. */
    SPREAD,
    /** Where a kWh emits the least CO₂e: the country's grid intensity × the provider's PUE. */
    GREENEST
  }
}
