package eu.federa.placement;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The rebalancing plan (issue #20): from the hosts' forecast peaks over the next 24 hours, moves
 * that relieve hosts predicted to saturate, then moves that empty hosts barely used (so that they
 * can idle or be powered down). Plain Java over a snapshot, like {@link Placer}.
 *
 * <p>A VM is counted at its full size at the peak (its vCPU over the host's cores): cautious, since
 * a VM's own use is not monitored per host. Moves go to another host of the same provider first
 * (OpenNebula's {@code one.vm.migrate}: live, or cold for a VM holding a GPU, which cannot move
 * live); a VM whose tenant allows it may go to another provider in its allowed countries (a move
 * between providers: its disk copied). A target keeps its predicted peak at or below {@link
 * Limits#targetPercent} and needs the free cores.
 */
public final class RebalancePlanner {

  private RebalancePlanner() {}

  /**
   * A host as the plan sees it.
   *
   * @param peakPercent its forecast peak over the next 24 hours (upper bound), or what is allocated
   *     on it when it has no forecast
   */
  public record Host(
      long hostId,
      String name,
      long providerId,
      String countryCode,
      double totalCores,
      double freeCores,
      double peakPercent,
      boolean usable)
      implements Serializable {}

  /**
   * A running VM.
   *
   * @param liveMovable it can move without stopping (a VM holding a GPU cannot)
   * @param acrossProviders its tenant allows moves to another provider
   * @param allowedCountries where it may run (its residency and order), empty: anywhere; a move
   *     never leaves them, inside its provider either (a provider may span countries)
   * @param offeredBy the providers that offer its image: a move to another provider goes only to
   *     one of them (empty: any)
   */
  public record Vm(
      long orderId,
      long tenantId,
      long hostId,
      double vcpu,
      long diskGib,
      boolean liveMovable,
      boolean acrossProviders,
      Set<String> allowedCountries,
      Set<Long> offeredBy)
      implements Serializable {

    /** A VM whose image every provider offers. */
    public Vm(
        long orderId,
        long tenantId,
        long hostId,
        double vcpu,
        long diskGib,
        boolean liveMovable,
        boolean acrossProviders,
        Set<String> allowedCountries) {
      this(
          orderId,
          tenantId,
          hostId,
          vcpu,
          diskGib,
          liveMovable,
          acrossProviders,
          allowedCountries,
          Set.of());
    }
  }

  /**
   * When a host is hot, what a move may fill a target to, when a host is worth emptying, and how
   * many moves a plan holds (in all, and per tenant).
   */
  public record Limits(
      double hotPercent,
      double targetPercent,
      double emptyBelowPercent,
      int maxMoves,
      int maxMovesPerTenant,
      double transferGbitPerSecond)
      implements Serializable {

    public static final Limits DEFAULT = new Limits(85, 75, 10, 500, 50, 1);
  }

  /** Why a move is in the plan. */
  public enum Reason {
    /** Its host is predicted to saturate. */
    HOT_SPOT,
    /** Its host is barely used and can be emptied. */
    CONSOLIDATION
  }

  /**
   * One move with its predicted effect and cost.
   *
   * @param downtimeSeconds how long the VM is unreachable: 0 for a live move
   * @param transferGib what is copied: the disk, for a move to another provider
   */
  public record Move(
      long orderId,
      long tenantId,
      Reason reason,
      long fromHostId,
      long toHostId,
      long toProviderId,
      boolean acrossProviders,
      boolean live,
      double sourcePeakBefore,
      double sourcePeakAfter,
      double targetPeakBefore,
      double targetPeakAfter,
      long downtimeSeconds,
      long transferGib)
      implements Serializable {}

  /**
   * The plan: its moves, the highest host peak and the hot hosts before and after (of the hosts
   * that can take VMs: an unusable one is left to its provider), the hosts it empties, and the hot
   * hosts it could not relieve.
   */
  public record Plan(
      List<Move> moves,
      double highestPeakBefore,
      double highestPeakAfter,
      int hotBefore,
      int hotAfter,
      List<Long> emptiedHosts,
      List<Long> stillHot)
      implements Serializable {}

  /** A host's state while planning. */
  private static final class State {
    final Host host;
    double peak;
    double free;
    final List<Vm> vms = new ArrayList<>();
    boolean emptied;

    State(Host host) {
      this.host = host;
      this.peak = host.peakPercent();
      this.free = host.freeCores();
    }

    double share(Vm vm) {
      return 100 * vm.vcpu() / Math.max(host.totalCores(), 1e-9);
    }
  }

  public static Plan plan(List<Host> hosts, List<Vm> vms, Limits limits) {
    Map<Long, State> states = new HashMap<>(hosts.size() * 2);
    Map<Long, PriorityQueue<State>> coolest = new HashMap<>();
    Map<String, List<Long>> providersIn = new HashMap<>();
    double highestBefore = 0;
    int hotBefore = 0;
    for (Host h : hosts) {
      State s = new State(h);
      states.put(h.hostId(), s);
      if (h.usable()) {
        highestBefore = Math.max(highestBefore, h.peakPercent());
        hotBefore += h.peakPercent() > limits.hotPercent() ? 1 : 0;
      }
      if (h.usable()) {
        coolest
            .computeIfAbsent(
                h.providerId(),
                p -> {
                  providersIn.computeIfAbsent(h.countryCode(), c -> new ArrayList<>()).add(p);
                  return new PriorityQueue<>(Comparator.comparingDouble((State x) -> x.peak));
                })
            .add(s);
      }
    }
    for (Vm vm : vms) {
      State s = states.get(vm.hostId());
      if (s != null) {
        s.vms.add(vm);
      }
    }
    List<Move> moves = new ArrayList<>();
    Map<Long, Integer> perTenant = new HashMap<>();

    // Hot spots, hottest first: move VMs off until the host is at the target, smallest VM that
    // gets it there first (least disruption), else the largest.
    List<State> hot =
        states.values().stream()
            .filter(s -> s.host.usable() && s.peak > limits.hotPercent())
            .sorted(Comparator.comparingDouble((State s) -> -s.peak))
            .toList();
    List<Long> stillHot = new ArrayList<>();
    for (State source : hot) {
      source.vms.sort(Comparator.comparingDouble(Vm::vcpu));
      boolean progress = true;
      while (source.peak > limits.targetPercent() && progress && moves.size() < limits.maxMoves()) {
        progress = false;
        for (Vm vm : order(source, limits)) {
          if (perTenant.getOrDefault(vm.tenantId(), 0) >= limits.maxMovesPerTenant()) {
            continue;
          }
          State target = target(vm, source, states, coolest, providersIn, limits);
          if (target != null) {
            moves.add(move(vm, Reason.HOT_SPOT, source, target, limits, coolest));
            perTenant.merge(vm.tenantId(), 1, Integer::sum);
            progress = true;
            break;
          }
        }
      }
      if (source.peak > limits.hotPercent()) {
        stillHot.add(source.host.hostId());
      }
    }

    // Consolidation: a barely used host whose VMs all fit on other hosts of its provider is
    // emptied; least used first.
    List<Long> emptied = new ArrayList<>();
    // A host that took a VM or shed one for a hot spot is not emptied: no VM moves twice.
    Set<Long> touched = new java.util.HashSet<>();
    for (Move m : moves) {
      touched.add(m.fromHostId());
      touched.add(m.toHostId());
    }
    List<State> idle =
        states.values().stream()
            .filter(s -> !touched.contains(s.host.hostId()))
            .filter(s -> s.host.usable() && !s.vms.isEmpty() && s.peak < limits.emptyBelowPercent())
            .sorted(Comparator.comparingDouble((State s) -> s.peak))
            .toList();
    // Hosts about to be emptied take no VMs: none is moved twice. One that cannot be emptied
    // becomes a target again for the next.
    idle.forEach(s -> s.emptied = true);
    for (State source : idle) {
      if (moves.size() + source.vms.size() > limits.maxMoves()) {
        source.emptied = false;
        continue;
      }
      double sourcePeak = source.peak;
      double sourceFree = source.free;
      List<Move> planned = new ArrayList<>();
      List<Runnable> undo = new ArrayList<>();
      for (Vm vm : List.copyOf(source.vms)) {
        State target =
            perTenant.getOrDefault(vm.tenantId(), 0) >= limits.maxMovesPerTenant()
                ? null
                : sameProvider(vm, source, coolest, limits);
        if (target == null) {
          planned = null;
          break;
        }
        double before = target.peak;
        double free = target.free;
        planned.add(move(vm, Reason.CONSOLIDATION, source, target, limits, coolest));
        perTenant.merge(vm.tenantId(), 1, Integer::sum);
        undo.add(
            () -> {
              target.peak = before;
              target.free = free;
              target.vms.remove(vm);
              source.vms.add(vm);
              perTenant.merge(vm.tenantId(), -1, Integer::sum);
              reinsert(coolest, target);
            });
      }
      if (planned == null) {
        for (int i = undo.size() - 1; i >= 0; i--) {
          undo.get(i).run();
        }
        source.emptied = false;
        source.peak = sourcePeak;
        source.free = sourceFree;
        reinsert(coolest, source);
        continue;
      }
      moves.addAll(planned);
      emptied.add(source.host.hostId());
    }

    double highestAfter = 0;
    int hotAfter = 0;
    for (State s : states.values()) {
      if (s.host.usable()) {
        highestAfter = Math.max(highestAfter, s.peak);
        hotAfter += s.peak > limits.hotPercent() ? 1 : 0;
      }
    }
    return new Plan(
        moves, highestBefore, highestAfter, hotBefore, hotAfter, emptied, List.copyOf(stillHot));
  }

  /**
   * The VMs of a hot host in the order to try: the smallest that brings it to the target, then the
   * rest from the largest down.
   */
  private static List<Vm> order(State source, Limits limits) {
    List<Vm> tries = new ArrayList<>(source.vms.size());
    Vm enough = null;
    for (Vm vm : source.vms) {
      if (source.peak - source.share(vm) <= limits.targetPercent()) {
        enough = vm;
        break;
      }
    }
    if (enough != null) {
      tries.add(enough);
    }
    for (int i = source.vms.size() - 1; i >= 0; i--) {
      if (source.vms.get(i) != enough) {
        tries.add(source.vms.get(i));
      }
    }
    return tries;
  }

  private static State target(
      Vm vm,
      State source,
      Map<Long, State> states,
      Map<Long, PriorityQueue<State>> coolest,
      Map<String, List<Long>> providersIn,
      Limits limits) {
    State same = sameProvider(vm, source, coolest, limits);
    if (same != null || !vm.acrossProviders()) {
      return same;
    }
    State best = null;
    for (Map.Entry<String, List<Long>> country : providersIn.entrySet()) {
      if (!vm.allowedCountries().isEmpty() && !vm.allowedCountries().contains(country.getKey())) {
        continue;
      }
      for (long providerId : country.getValue()) {
        if (providerId == source.host.providerId()
            || !vm.offeredBy().isEmpty() && !vm.offeredBy().contains(providerId)) {
          continue;
        }
        State candidate = fitting(vm, coolest.get(providerId), limits);
        if (candidate != null && (best == null || after(candidate, vm) < after(best, vm))) {
          best = candidate;
        }
      }
    }
    return best;
  }

  private static State sameProvider(
      Vm vm, State source, Map<Long, PriorityQueue<State>> coolest, Limits limits) {
    PriorityQueue<State> queue = coolest.get(source.host.providerId());
    return queue == null ? null : fitting(vm, queue, limits);
  }

  /**
   * The coolest host of the queue that takes the VM within the target; the queue is ordered by
   * peak, so only a few are looked at.
   */
  private static State fitting(Vm vm, PriorityQueue<State> queue, Limits limits) {
    if (queue == null || queue.isEmpty()) {
      return null;
    }
    List<State> skipped = new ArrayList<>();
    State found = null;
    int tooSmall = 0;
    while (!queue.isEmpty() && tooSmall < 32) {
      State s = queue.peek();
      if (s.peak > limits.targetPercent()) {
        break; // the coolest is too warm: every other is too
      }
      if (!s.emptied
          && s.free >= vm.vcpu()
          && after(s, vm) <= limits.targetPercent()
          && (vm.allowedCountries().isEmpty()
              || vm.allowedCountries().contains(s.host.countryCode()))) {
        found = s;
        break;
      }
      // Hosts being emptied are passed over without limit (there are few); hosts without room
      // for this VM up to 32, then it takes none.
      tooSmall += s.emptied ? 0 : 1;
      skipped.add(queue.poll());
    }
    queue.addAll(skipped);
    return found;
  }

  private static double after(State target, Vm vm) {
    return target.peak + target.share(vm);
  }

  private static Move move(
      Vm vm,
      Reason reason,
      State source,
      State target,
      Limits limits,
      Map<Long, PriorityQueue<State>> coolest) {
    boolean across = source.host.providerId() != target.host.providerId();
    boolean live = !across && vm.liveMovable();
    double sourceBefore = source.peak;
    double targetBefore = target.peak;
    source.peak = Math.max(0, source.peak - source.share(vm));
    source.free += vm.vcpu();
    source.vms.remove(vm);
    target.peak += target.share(vm);
    target.free -= vm.vcpu();
    target.vms.add(vm);
    reinsert(coolest, source);
    reinsert(coolest, target);
    long transfer = across ? vm.diskGib() : 0;
    long downtime =
        live
            ? 0
            : across
                ? 60 + Math.round(transfer * 8 / Math.max(limits.transferGbitPerSecond(), 1e-9))
                : 60;
    return new Move(
        vm.orderId(),
        vm.tenantId(),
        reason,
        source.host.hostId(),
        target.host.hostId(),
        target.host.providerId(),
        across,
        live,
        sourceBefore,
        source.peak,
        targetBefore,
        target.peak,
        downtime,
        transfer);
  }

  /** Puts a host whose peak changed back in its place in its provider's queue. */
  private static void reinsert(Map<Long, PriorityQueue<State>> coolest, State s) {
    PriorityQueue<State> queue = coolest.get(s.host.providerId());
    if (queue != null && queue.remove(s)) {
      queue.add(s);
    }
  }
}
