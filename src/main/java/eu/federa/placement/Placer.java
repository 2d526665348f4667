package eu.federa.placement;

import eu.federa.placement.Decision.Alternative;
import eu.federa.placement.Decision.Choice;
import eu.federa.placement.Decision.Explanation;
import eu.federa.placement.Decision.Shortfall;
import eu.federa.placement.Decision.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The placement engine: filters, then weighers, per instance, over an inventory snapshot. Pure and
 * deterministic: the same inventory and request give the same decision (ties go to the provider,
 * then host, that sorts first by name, then by id).
 */
public final class Placer {

  private static final Filter[] FILTERS = Filter.values();
  private static final int ALTERNATIVES = 5;

  private final LatencyModel latency;

  public Placer(LatencyModel latency) {
    this.latency = latency;
  }

  public Decision place(PlacementRequest request, List<Candidate> inventory, Weights weights) {
    // Hosts changed by earlier instances of this request; the inventory itself is never copied.
    Map<Long, Candidate> changed = new HashMap<>();
    Round round = new Round(request, latency);
    List<Choice> choices = new ArrayList<>(request.instances());
    Explanation explanation = null;
    List<Candidate> pool = inventory;
    for (int instance = 1; instance <= request.instances(); instance++) {
      // The first instance keeps the best few candidates: they are the explanation's alternatives.
      Evaluation evaluation =
          evaluate(request, pool, changed, weights, round, instance == 1 ? ALTERNATIVES : 1);
      if (explanation == null) {
        explanation = explanationOf(evaluation, inventory.size(), request, round);
      }
      if (evaluation.ranked.isEmpty() && pool != inventory) {
        // The counts of a shortfall are over the whole federation, not the last survivors.
        evaluation = evaluate(request, inventory, changed, weights, round, 1);
      }
      if (evaluation.ranked.isEmpty()) {
        return new Decision(
            List.of(),
            explanation,
            shortfall(request, current(inventory, changed), evaluation, round, instance));
      }
      Scored best = evaluation.ranked.get(0);
      Candidate host = best.candidate;
      choices.add(
          new Choice(
              instance,
              host.hostId(),
              host.hostName(),
              host.clusterId(),
              host.clusterName(),
              host.providerId(),
              host.providerName(),
              host.countryCode(),
              best.score,
              request.site() == null ? null : round.latencyMs(host),
              host.priceEurPerHour(),
              host.generation(),
              host.gpusFor(request)));
      changed.put(host.hostId(), host.minus(request));
      round.used(host);
      // Capacity only shrinks and anti-affinity only excludes more, so a host that failed a
      // filter for this instance fails one for the next: the next instance looks at survivors.
      pool = evaluation.survivors;
    }
    return new Decision(choices, explanation, null);
  }

  /**
   * The providers of the inventory that pass the request's provider-level constraints (its provider
   * lists, countries, certifications, site kind, public address, latency budget): where it may go,
   * capacity aside. The same filters, in the same code, as {@link #place}.
   */
  public Set<Long> providersAllowing(PlacementRequest request, List<Candidate> inventory) {
    Round round = new Round(request, latency);
    Set<Long> allowed = new HashSet<>();
    Set<Long> refused = new HashSet<>();
    for (Candidate c : inventory) {
      long provider = c.providerId();
      if (!allowed.contains(provider) && !refused.contains(provider)) {
        (round.providerFailure(c) < 0 ? allowed : refused).add(provider);
      }
    }
    return allowed;
  }

  private static List<Candidate> current(List<Candidate> inventory, Map<Long, Candidate> changed) {
    if (changed.isEmpty()) {
      return inventory;
    }
    List<Candidate> hosts = new ArrayList<>(inventory.size());
    for (Candidate c : inventory) {
      hosts.add(changed.getOrDefault(c.hostId(), c));
    }
    return hosts;
  }

  private record Scored(Candidate candidate, double score) {}

  /** The survivors of the filters, ranked, and what each filter removed. */
  private record Evaluation(
      List<Scored> ranked, List<Candidate> survivors, int[] removed, int[] left) {

    Explanation explanation(int hosts) {
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < FILTERS.length; i++) {
        steps.add(new Step(FILTERS[i], removed[i], left[i]));
      }
      return new Explanation(hosts, steps, List.of());
    }
  }

  private Evaluation evaluate(
      PlacementRequest request,
      List<Candidate> hosts,
      Map<Long, Candidate> changed,
      Weights weights,
      Round round,
      int best) {
    int[] removed = new int[FILTERS.length];
    int[] left = new int[FILTERS.length];
    List<Candidate> survivors = new ArrayList<>();
    boolean anyChanged = !changed.isEmpty();
    for (Candidate original : hosts) {
      Candidate c = anyChanged ? changed.getOrDefault(original.hostId(), original) : original;
      int failed = firstFailure(c, request, round);
      if (failed < 0) {
        survivors.add(c);
      } else {
        removed[failed]++;
      }
    }
    int remaining = hosts.size();
    for (int i = 0; i < FILTERS.length; i++) {
      remaining -= removed[i];
      left[i] = remaining;
    }
    return new Evaluation(rank(request, survivors, weights, round, best), survivors, removed, left);
  }

  /**
   * The first filter the host fails, or -1. Filters about the provider are checked once per
   * provider and decision (see {@link Round#providerFailure}); the counts come out the same as
   * checking every filter on every host in order.
   */
  private static int firstFailure(Candidate c, PlacementRequest request, Round round) {
    int providerFailure = round.providerFailure(c);
    for (int i : round.hostLevel) {
      if (providerFailure >= 0 && providerFailure < i) {
        return providerFailure;
      }
      if (!FILTERS[i].passes(c, request, round)) {
        return i;
      }
    }
    return providerFailure;
  }

  /** The {@code best} highest-scored survivors, best first (a selection, not a full sort). */
  private static List<Scored> rank(
      PlacementRequest request, List<Candidate> survivors, Weights weights, Round round, int best) {
    int n = survivors.size();
    double[] price = new double[n];
    double[] lat = new double[n];
    double[] fill = new double[n];
    double[] carbon = new double[n];
    double[] peak = new double[n];
    boolean anyForecast = false;
    boolean allPriced = true;
    boolean bySite = request.site() != null;
    Range prices = new Range();
    Range lats = new Range();
    Range fills = new Range();
    Range carbons = new Range();
    Range peaks = new Range();
    for (int i = 0; i < n; i++) {
      Candidate c = survivors.get(i);
      allPriced &= c.priceEurPerHour() != null;
      price[i] = prices.add(c.priceEurPerHour() == null ? 0 : c.priceEurPerHour().doubleValue());
      lat[i] = lats.add(bySite ? round.latencyMs(c) : 0);
      fill[i] = fills.add(usedShareAfter(c, request));
      carbon[i] = carbons.add(c.gramsCo2ePerItKwh());
      anyForecast |= c.forecastPeakCpuPercent() != null;
      peak[i] = peaks.add(peakAfter(c, request));
    }
    List<Scored> top = new ArrayList<>(best + 1);
    for (int i = 0; i < n; i++) {
      // Each weigher scores 0 (worst of this decision) to 1 (best); a flat range scores 0.
      double score =
          (allPriced ? weights.price() * prices.lowerIsBetter(price[i]) : 0)
              + weights.latency() * lats.lowerIsBetter(lat[i])
              + weights.pack() * fills.higherIsBetter(fill[i])
              + weights.spread() * fills.lowerIsBetter(fill[i])
              + weights.carbon() * carbons.lowerIsBetter(carbon[i])
              + (anyForecast ? headroom(peak[i], peaks, weights) : 0);
      double rounded = Math.round(score * 1e6) / 1e6;
      if (top.size() == best && rounded < top.get(best - 1).score) {
        continue; // cannot enter the top: no need to build it
      }
      Scored candidate = new Scored(survivors.get(i), rounded);
      if (top.size() == best && RANKING.compare(candidate, top.get(best - 1)) >= 0) {
        continue;
      }
      int at = top.size();
      while (at > 0 && RANKING.compare(candidate, top.get(at - 1)) < 0) {
        at--;
      }
      top.add(at, candidate);
      if (top.size() > best) {
        top.remove(best);
      }
    }
    return top;
  }

  /**
   * The host's predicted CPU peak over the next 24 hours with one instance of the request added, in
   * percent: its forecast's upper bound, or (without a forecast) what is allocated on it now.
   */
  static double peakAfter(Candidate c, PlacementRequest request) {
    double base =
        c.forecastPeakCpuPercent() != null
            ? c.forecastPeakCpuPercent()
            : 100 * (1 - c.freeCores() / Math.max(c.totalCores(), 1e-9));
    return base + 100 * request.vcpu() / Math.max(c.totalCores(), 1e-9);
  }

  /**
   * The forecast weigher: among hosts whose forecast leaves room for the workload, the lower the
   * peak the better; a host predicted past 100 % with it loses every other weigher's worth, so that
   * it is chosen only when no host has room (a preference, not a filter: the forecast may be
   * wrong).
   */
  private static double headroom(double peakAfter, Range peaks, Weights weights) {
    return peakAfter > 100 ? -weights.total() : weights.forecast() * peaks.lowerIsBetter(peakAfter);
  }

  /** The smallest and largest of a weigher's raw values in one decision. */
  private static final class Range {
    private double min = Double.MAX_VALUE;
    private double max = -Double.MAX_VALUE;

    double add(double value) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      return value;
    }

    private boolean flat() {
      return max - min < 1e-12;
    }

    double lowerIsBetter(double value) {
      return flat() ? 0 : (max - value) / (max - min);
    }

    double higherIsBetter(double value) {
      return flat() ? 0 : 1 - lowerIsBetter(value);
    }
  }

  /** Higher score first; ties to the provider, then host, that sorts first; then the lower id. */
  private static final Comparator<Scored> RANKING =
      Comparator.comparingDouble((Scored s) -> -s.score)
          .thenComparing(s -> s.candidate.providerName())
          .thenComparing(s -> s.candidate.hostName())
          .thenComparingLong(s -> s.candidate.hostId());

  /** The share of the host's cores in use once the instance is on it. */
  private static double usedShareAfter(Candidate c, PlacementRequest request) {
    return c.totalCores() <= 0 ? 1 : 1 - (c.freeCores() - request.vcpu()) / c.totalCores();
  }

  /** The explanation with the top alternatives, for the first instance. */
  public Explanation explain(PlacementRequest request, List<Candidate> inventory, Weights weights) {
    Round round = new Round(request, latency);
    Evaluation evaluation = evaluate(request, inventory, Map.of(), weights, round, ALTERNATIVES);
    return explanationOf(evaluation, inventory.size(), request, round);
  }

  private static Explanation explanationOf(
      Evaluation evaluation, int hosts, PlacementRequest request, Round round) {
    List<Alternative> alternatives = new ArrayList<>();
    for (Scored s : evaluation.ranked) {
      Candidate c = s.candidate;
      alternatives.add(
          new Alternative(
              c.providerId(),
              c.providerName(),
              c.countryCode(),
              c.clusterName(),
              c.hostName(),
              s.score,
              request.site() == null ? null : round.latencyMs(c),
              c.priceEurPerHour(),
              c.forecastPeakCpuPercent()));
    }
    Explanation counts = evaluation.explanation(hosts);
    return new Explanation(counts.hosts(), counts.steps(), alternatives);
  }

  private Shortfall shortfall(
      PlacementRequest request,
      List<Candidate> hosts,
      Evaluation evaluation,
      Round round,
      int instance) {
    int binding = 0;
    for (int i = 0; i < FILTERS.length; i++) {
      if (evaluation.removed[i] > 0) {
        binding = i;
      }
      if (evaluation.left[i] == 0) {
        binding = i;
        break;
      }
    }
    Filter filter = FILTERS[binding];
    if (!filter.isCapacity()) {
      return new Shortfall(filter, instance, 0, 0, null, 0);
    }
    // The best any host offers among those that passed every filter before the binding one ...
    double best = 0;
    // ... and, when countries were restricted, the best host that fits outside them.
    String elsewhere = null;
    double elsewhereOffered = 0;
    for (Candidate c : hosts) {
      int failed = firstFailure(c, request, round);
      if (failed == binding) {
        best = Math.max(best, filter.offered(c, request));
      }
      if (!request.allowedCountries().isEmpty()
          && failed == Filter.RESIDENCY.ordinal()
          && passesAllBut(c, request, round, Filter.RESIDENCY)) {
        double offered = filter.offered(c, request);
        if (elsewhere == null || offered > elsewhereOffered) {
          elsewhere = c.countryCode();
          elsewhereOffered = offered;
        }
      }
    }
    return new Shortfall(
        filter, instance, filter.wanted(request), best, elsewhere, elsewhereOffered);
  }

  private static boolean passesAllBut(
      Candidate c, PlacementRequest request, Round round, Filter ignored) {
    for (Filter f : FILTERS) {
      if (f != ignored && !f.passes(c, request, round)) {
        return false;
      }
    }
    return true;
  }

  /** State of one decision across its instances: latencies computed once, hosts already used. */
  static final class Round {

    private final PlacementRequest request;
    private final LatencyModel model;
    private final Map<Long, Double> latencyByProvider = new HashMap<>();
    private final Set<Long> usedHosts = new HashSet<>();
    private final Set<Long> usedProviders = new HashSet<>();
    private final Map<Long, Integer> providerFailures = new HashMap<>();
    private long lastProvider = Long.MIN_VALUE;
    private int lastFailure;

    /** Which filters depend only on the provider (for this request's anti-affinity). */
    final boolean[] providerLevel = new boolean[FILTERS.length];

    /** The indexes of the other filters, in order. */
    final int[] hostLevel;

    Round(PlacementRequest request, LatencyModel model) {
      this.request = request;
      this.model = model;
      for (int i = 0; i < FILTERS.length; i++) {
        providerLevel[i] = FILTERS[i].isProviderLevel(request.antiAffinity());
      }
      hostLevel = IntStream.range(0, FILTERS.length).filter(i -> !providerLevel[i]).toArray();
    }

    /**
     * The first provider-level filter the host's provider fails, or -1; computed once per provider
     * (hosts usually come grouped by provider, hence the one-entry cache in front).
     */
    int providerFailure(Candidate c) {
      long provider = c.providerId();
      if (provider == lastProvider) {
        return lastFailure;
      }
      Integer failure = providerFailures.get(provider);
      if (failure == null) {
        failure = -1;
        for (int i = 0; i < FILTERS.length; i++) {
          if (providerLevel[i] && !FILTERS[i].passes(c, request, this)) {
            failure = i;
            break;
          }
        }
        providerFailures.put(provider, failure);
      }
      lastProvider = provider;
      lastFailure = failure;
      return failure;
    }

    double latencyMs(Candidate c) {
      Double known = latencyByProvider.get(c.providerId());
      if (known == null) {
        known =
            Math.round(model.estimateMs(request.site(), c.providerId(), c.location()) * 10) / 10.0;
        latencyByProvider.put(c.providerId(), known);
      }
      return known;
    }

    boolean allowedByAntiAffinity(Candidate c) {
      return switch (request.antiAffinity()) {
        case NONE -> true;
        case HOSTS -> !usedHosts.contains(c.hostId());
        case PROVIDERS -> !usedProviders.contains(c.providerId());
      };
    }

    void used(Candidate c) {
      usedHosts.add(c.hostId());
      usedProviders.add(c.providerId());
      // Anti-affinity over providers changes what passes: ask the providers again.
      providerFailures.clear();
      lastProvider = Long.MIN_VALUE;
    }
  }
}
