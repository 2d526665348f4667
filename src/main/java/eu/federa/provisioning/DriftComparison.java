package eu.federa.provisioning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The drift between what Federa counts at a provider for one tenant and what the provider runs in
 * the tenant's group: totals of every resource (VMs, vCPU, memory, disk, GPUs by model) on both
 * sides, and the VMs that explain each difference. Pure: the drift check feeds it what it read.
 */
public final class DriftComparison {

  private DriftComparison() {}

  /** Why a VM makes the two sides differ. */
  public enum Kind {
    /** A VM of the tenant's group that no order owns: to adopt or to mark foreign. */
    UNKNOWN,
    /** It carries the id of an order that no longer owns it: the reconciler terminates it. */
    ORPHAN,
    /** Federa counts an order whose VM the provider no longer runs: to release. */
    GONE,
    /** An order's VM as ordered, that Federa's quota does not count so: a recount repairs it. */
    UNCOUNTED,
    /** An order's VM is not what Federa counts for it (vCPU, memory, disk or GPUs). */
    DIFFERENT
  }

  /**
   * What a VM holds or what Federa counts for one.
   *
   * @param gpus GPUs by model; the model "" is "any model of its class" (an order that took any)
   */
  public record Shape(int vcpu, long memoryMib, int diskGib, Map<String, Integer> gpus)
      implements Serializable {

    public static final Shape NONE = new Shape(0, 0, 0, Map.of());

    public Shape {
      TreeMap<String, Integer> sorted = new TreeMap<>();
      gpus.forEach(
          (model, n) -> {
            if (n != null && n != 0) {
              sorted.merge(model, n, Integer::sum);
            }
          });
      gpus = java.util.Collections.unmodifiableMap(sorted);
    }

    public Shape plus(Shape other) {
      Map<String, Integer> all = new HashMap<>(gpus);
      other.gpus.forEach((model, n) -> all.merge(model, n, Integer::sum));
      return new Shape(
          vcpu + other.vcpu, memoryMib + other.memoryMib, diskGib + other.diskGib, all);
    }

    public int gpuCount() {
      return gpus.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The GPUs as stored: one line per model, "count TAB model". */
    public String gpuText() {
      StringBuilder text = new StringBuilder();
      gpus.forEach(
          (model, n) ->
              text.append(text.isEmpty() ? "" : "\n").append(n).append('\t').append(model));
      return text.toString();
    }

    /** GPUs by model read back from {@link #gpuText()}. */
    public static Map<String, Integer> gpusOf(String text) {
      Map<String, Integer> gpus = new TreeMap<>();
      if (text == null || text.isBlank()) {
        return gpus;
      }
      for (String line : text.split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          gpus.merge(
              line.substring(tab + 1), Integer.parseInt(line.substring(0, tab)), Integer::sum);
        }
      }
      return gpus;
    }
  }

  /**
   * An order with a VM at the provider, as Federa counts it.
   *
   * @param vmId its VM at the provider (null: none known)
   * @param gpuModel the model it ordered (null: any model of its class)
   * @param counted what its reservations count there, its volumes included
   * @param vms how many VMs its reservations count there (0 when its count is lost)
   * @param ordered what the order itself says its VM is (its size, GPUs and volumes)
   */
  public record Counted(
      long orderId,
      String name,
      Integer vmId,
      String gpuModel,
      Shape counted,
      int vms,
      Shape ordered) {}

  /**
   * A VM of the tenant's group at the provider.
   *
   * @param gpuDevices the device names of the GPUs it holds
   * @param tagged it carries a Federa order id
   */
  public record ProviderVm(
      int vmId,
      String name,
      int vcpu,
      long memoryMib,
      int diskGib,
      List<String> gpuDevices,
      boolean tagged) {

    public ProviderVm {
      gpuDevices = List.copyOf(gpuDevices);
    }
  }

  /** A VM that explains part of a difference: what Federa counts for it, what it is. */
  public record Explanation(
      Kind kind, Integer vmId, Long orderId, String name, Shape federa, Shape provider)
      implements Serializable {}

  /** Both sides' totals and the VMs behind their differences. */
  public record Result(
      int federaVms,
      int providerVms,
      Shape federa,
      Shape provider,
      List<Explanation> explanations) {

    /** Whether the two sides agree on every resource. */
    public boolean agrees() {
      return federaVms == providerVms && federa.equals(provider);
    }
  }

  /**
   * Compares the tenant's orders at a provider with its VMs there.
   *
   * @param foreign VMs a platform admin marked foreign: left out of the provider's side
   * @param knownModels the GPU models Federa knows (its catalog's), to name the devices
   */
  public static Result compare(
      List<Counted> orders,
      List<ProviderVm> vms,
      Set<Integer> foreign,
      Collection<String> knownModels) {
    Map<Integer, ProviderVm> byId = new HashMap<>();
    vms.forEach(vm -> byId.put(vm.vmId(), vm));
    Map<Integer, Shape> owned = new HashMap<>();
    List<Explanation> explanations = new ArrayList<>();
    Shape federa = Shape.NONE;
    Shape provider = Shape.NONE;
    int federaVms = 0;
    int providerVms = 0;
    for (Counted order : orders) {
      federa = federa.plus(order.counted());
      federaVms += order.vms();
      ProviderVm vm = order.vmId() == null ? null : byId.get(order.vmId());
      if (vm == null) {
        if (order.vms() > 0 || !order.counted().equals(Shape.NONE)) {
          explanations.add(
              new Explanation(
                  Kind.GONE,
                  order.vmId(),
                  order.orderId(),
                  order.name(),
                  order.counted(),
                  Shape.NONE));
        }
        continue;
      }
      Shape actual = shapeOf(vm, order.gpuModel(), true, knownModels);
      owned.put(vm.vmId(), actual);
      if (order.vms() == 1 && actual.equals(order.counted())) {
        continue;
      }
      // The VM is what its order says, but the quota counts it otherwise: a recount repairs it;
      // else the VM was changed outside Federa.
      Kind kind = actual.equals(order.ordered()) ? Kind.UNCOUNTED : Kind.DIFFERENT;
      explanations.add(
          new Explanation(kind, vm.vmId(), order.orderId(), vm.name(), order.counted(), actual));
    }
    for (ProviderVm vm : vms) {
      if (foreign.contains(vm.vmId()) && !owned.containsKey(vm.vmId())) {
        continue; // accepted outside Federa (until an order owns it)
      }
      Shape actual = owned.get(vm.vmId());
      if (actual == null) {
        actual = shapeOf(vm, null, false, knownModels);
      }
      provider = provider.plus(actual);
      providerVms++;
      if (!owned.containsKey(vm.vmId())) {
        explanations.add(
            new Explanation(
                vm.tagged() ? Kind.ORPHAN : Kind.UNKNOWN,
                vm.vmId(),
                null,
                vm.name(),
                Shape.NONE,
                actual));
      }
    }
    explanations.sort(
        Comparator.comparing((Explanation e) -> e.kind().ordinal())
            .thenComparing(e -> e.vmId() == null ? -1 : e.vmId()));
    return new Result(federaVms, providerVms, federa, provider, explanations);
  }

  /**
   * A VM's shape, its GPUs named by model: the order's model when the device is one (or "" when the
   * order took any model), else the longest known model in the device's name, else the name.
   */
  static Shape shapeOf(ProviderVm vm, String wanted, boolean ofOrder, Collection<String> known) {
    Map<String, Integer> gpus = new HashMap<>();
    for (String device : vm.gpuDevices()) {
      gpus.merge(modelOf(device, wanted, ofOrder, known), 1, Integer::sum);
    }
    return new Shape(vm.vcpu(), vm.memoryMib(), vm.diskGib(), gpus);
  }

  /** The model a device counts as (see {@link #shapeOf}). */
  static String modelOf(
      String deviceName, String wanted, boolean ofOrder, Collection<String> known) {
    // As the provider wrote it, but on one line: a count and a name are stored a line each.
    String name = deviceName == null ? "" : deviceName.replaceAll("\\s+", " ").trim();
    if (ofOrder && (wanted == null || wanted.isBlank())) {
      return "";
    }
    if (wanted != null && !wanted.isBlank() && contains(name, wanted)) {
      return wanted;
    }
    String best = null;
    for (String model : known) {
      if (model != null
          && !model.isBlank()
          && contains(name, model)
          && (best == null || model.length() > best.length())) {
        best = model;
      }
    }
    if (best != null) {
      return best;
    }
    return name.isEmpty() ? "?" : name;
  }

  private static boolean contains(String text, String part) {
    return text.toLowerCase(java.util.Locale.ROOT)
        .contains(part.toLowerCase(java.util.Locale.ROOT));
  }
}
