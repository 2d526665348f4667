package eu.federa.placement;

/**
 * The hard constraints, in the order they are applied (cheap ones first). A host that fails one is
 * not a candidate; the explanation counts how many each removed.
 */
public enum Filter {
  PROVIDER_USABLE,
  HOST_MONITORED,
  PROVIDER_LIST,
  ANTI_AFFINITY,
  RESIDENCY,
  CERTIFICATION,
  SITE_KIND,
  PUBLIC_ADDRESS,
  LATENCY,
  CPU,
  MEMORY,
  DISK,
  GPU;

  boolean passes(Candidate c, PlacementRequest r, Placer.Round round) {
    return switch (this) {
      case PROVIDER_USABLE -> c.providerUsable();
      case HOST_MONITORED -> c.monitored();
      case PROVIDER_LIST ->
          (r.includeProviders().isEmpty() || r.includeProviders().contains(c.providerId()))
              && !r.excludeProviders().contains(c.providerId());
      case ANTI_AFFINITY -> round.allowedByAntiAffinity(c);
      case RESIDENCY ->
          r.allowedCountries().isEmpty() || r.allowedCountries().contains(c.countryCode());
      case CERTIFICATION -> c.certifications().containsAll(r.requiredCertifications());
      case SITE_KIND -> r.edge() == null || r.edge() == c.edgeSite();
      case PUBLIC_ADDRESS -> !r.publicAddress() || c.publicAddresses();
      case LATENCY ->
          r.latencyBudgetMs() == null
              || r.site() == null
              || round.latencyMs(c) <= r.latencyBudgetMs();
      case CPU -> c.freeCores() + 1e-9 >= r.vcpu();
      case MEMORY -> c.freeMemoryMib() >= r.memoryMib();
      case DISK -> c.freeDiskMib() >= r.diskGib() * 1024;
      case GPU -> r.gpus() == 0 || c.matchingGpus(r) >= r.gpus();
    };
  }

  /** Whether the outcome is the same for every host of a provider. */
  boolean isProviderLevel(PlacementRequest.AntiAffinity antiAffinity) {
    return switch (this) {
      case PROVIDER_USABLE,
          PROVIDER_LIST,
          RESIDENCY,
          CERTIFICATION,
          SITE_KIND,
          PUBLIC_ADDRESS,
          LATENCY ->
          true;
      case ANTI_AFFINITY -> antiAffinity != PlacementRequest.AntiAffinity.HOSTS;
      default -> false;
    };
  }

  /** Whether this filter is about how much a host has free (its shortfall can be quantified). */
  boolean isCapacity() {
    return this == CPU || this == MEMORY || this == DISK || this == GPU;
  }

  /** What a host offers for this capacity filter, in the request's unit. */
  double offered(Candidate c, PlacementRequest r) {
    return switch (this) {
      case CPU -> c.freeCores();
      case MEMORY -> c.freeMemoryMib();
      case DISK -> Math.floor(c.freeDiskMib() / 1024.0);
      case GPU -> c.matchingGpus(r);
      default -> 0;
    };
  }

  double wanted(PlacementRequest r) {
    return switch (this) {
      case CPU -> r.vcpu();
      case MEMORY -> r.memoryMib();
      case DISK -> r.diskGib();
      case GPU -> r.gpus();
      default -> 0;
    };
  }
}
