package eu.federa.provisioning;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Offer;
import eu.federa.cloud.registry.HostCapacities;
import eu.federa.cloud.registry.HostCapacity;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.placement.RebalancePlanner;
import eu.federa.placement.RebalancePlanner.Limits;
import eu.federa.placement.RebalancePlanner.Plan;
import eu.federa.platform.security.CurrentUser;
import eu.federa.tenancy.MoveConsent;
import eu.federa.tenancy.Residency;
import eu.federa.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The federation's rebalancing plan as it would be made now (issue #20): the live inventory with
 * each host's forecast peak, and the running VMs, through {@link RebalancePlanner}. Platform admins
 * review it and apply it ({@link HostMoves}), or let automatic rebalancing apply it within its
 * limits; moves between providers are not proposed yet (no tenant allows them to be made for it).
 */
@ApplicationScoped
public class RebalancePlans {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject HostCapacities capacities;
  @Inject TenantDirectory tenants;
  @Inject MoveConsent consent;
  @Inject Catalog catalog;
  @Inject OrderPlacement placing;
  @Inject PlacementService placement;

  /** One move as the plan page lists it. */
  public record MoveLine(
      long orderId,
      String vmName,
      long tenantId,
      String providerName,
      String fromHost,
      String toHost,
      String toProviderName,
      RebalancePlanner.Move move)
      implements Serializable {}

  /** The plan with its moves named. */
  public record View(Plan plan, List<MoveLine> lines, int hosts, int vms, int forecastHosts)
      implements Serializable {}

  /**
   * What a plan is made from: the hosts with their forecast peaks, the running VMs (each within its
   * tenant's residency and its order's countries), their names and the hosts by id.
   */
  record Input(
      List<RebalancePlanner.Host> hosts,
      List<RebalancePlanner.Vm> vms,
      Map<Long, String> names,
      Map<Long, HostCapacity> byId,
      int forecastHosts) {}

  /** The plan from the inventory and running VMs now (platform admins). */
  @Transactional
  public View now() {
    caller.requirePlatformAdmin();
    Input in = input();
    return view(in, RebalancePlanner.plan(in.hosts(), in.vms(), Limits.DEFAULT));
  }

  /** The plan's moves named for a page. */
  View view(Input in, Plan plan) {
    List<MoveLine> lines = new ArrayList<>();
    for (RebalancePlanner.Move m : plan.moves()) {
      HostCapacity from = in.byId().get(m.fromHostId());
      HostCapacity to = in.byId().get(m.toHostId());
      lines.add(
          new MoveLine(
              m.orderId(),
              in.names().get(m.orderId()),
              m.tenantId(),
              from.providerName(),
              from.hostName(),
              to.hostName(),
              to.providerName(),
              m));
    }
    return new View(plan, lines, in.hosts().size(), in.vms().size(), in.forecastHosts());
  }

  /** The live inventory and running VMs now (no caller check: the callers check). */
  @Transactional
  Input input() {
    List<HostCapacity> inventory = capacities.all();
    List<RebalancePlanner.Host> hosts = new ArrayList<>(inventory.size());
    Map<Long, HostCapacity> byId = new HashMap<>();
    int forecast = 0;
    for (HostCapacity h : inventory) {
      byId.put(h.hostId(), h);
      double allocated = 100 * (1 - h.freeCores() / Math.max(h.totalCores(), 1e-9));
      if (h.forecastPeakCpuPercent() != null) {
        forecast++;
      }
      hosts.add(
          new RebalancePlanner.Host(
              h.hostId(),
              h.hostName(),
              h.providerId(),
              h.countryCode(),
              h.totalCores(),
              h.freeCores(),
              h.forecastPeakCpuPercent() != null ? h.forecastPeakCpuPercent() : allocated,
              h.usable() && h.monitored()));
    }
    List<Object[]> rows =
        em.createQuery(
                "select o.id, o.tenantId, o.hostId, o.vcpu, o.diskGib, o.gpus, o.name, o.countries,"
                    + " o.imageCode, o.placementChoices from VmOrder o"
                    + " where o.state = :running and o.hostId is not null",
                Object[].class)
            .setParameter("running", OrderState.RUNNING)
            .getResultList();
    Set<Long> tenantIds = rows.stream().map(r -> (Long) r[1]).collect(Collectors.toSet());
    Map<Long, Residency> residencies = tenants.residencies(tenantIds);
    Set<Long> acrossAllowed = consent.givenBy(tenantIds);
    // Another provider takes a VM only if it offers its image (what a move between providers
    // boots there); asked once per image, for the VMs whose tenant allows such moves.
    Map<String, Set<Long>> offeredBy = new HashMap<>();
    for (Object[] r : rows) {
      if (acrossAllowed.contains((Long) r[1]) && r[8] != null) {
        offeredBy.computeIfAbsent(
            (String) r[8],
            image ->
                catalog.offersOf(image).stream()
                    .map(Offer::providerId)
                    .collect(Collectors.toSet()));
      }
    }
    // The orderers' own choices (providers, certifications, site kind, latency) bound where their
    // VMs may go, as when they were placed: asked once for orders alike, over one inventory read.
    List<Long> withChoices = new ArrayList<>();
    for (Object[] r : rows) {
      if (r[9] != null
          && acrossAllowed.contains((Long) r[1])
          && offeredBy.containsKey((String) r[8])) {
        withChoices.add((Long) r[0]);
      }
    }
    Map<Long, String> choiceKeys = new HashMap<>();
    Map<String, PlacementRequest> placeable = new HashMap<>();
    Set<String> asked = new HashSet<>();
    if (!withChoices.isEmpty()) {
      // Read in one statement, not one per VM: the plan goes over every running VM.
      for (VmOrder o :
          em.createQuery("select o from VmOrder o where o.id in :ids", VmOrder.class)
              .setParameter("ids", withChoices)
              .getResultList()) {
        String key = choiceKey(o);
        choiceKeys.put(o.getId(), key);
        if (asked.add(key)) {
          placing.again(o, Set.of()).ifPresent(again -> placeable.put(key, again.request()));
        }
      }
    }
    Map<String, Set<Long>> allowedBy = placement.providersAllowing(placeable);
    List<RebalancePlanner.Vm> vms = new ArrayList<>(rows.size());
    Map<Long, String> names = new HashMap<>();
    for (Object[] r : rows) {
      long id = (Long) r[0];
      long tenant = (Long) r[1];
      names.put(id, (String) r[6]);
      boolean across = acrossAllowed.contains(tenant) && offeredBy.containsKey((String) r[8]);
      Set<Long> targets = offeredBy.getOrDefault((String) r[8], Set.of());
      String key = choiceKeys.get(id);
      if (across && key != null) {
        targets = new HashSet<>(targets);
        targets.retainAll(allowedBy.getOrDefault(key, Set.of()));
        across = !targets.isEmpty();
      }
      vms.add(
          new RebalancePlanner.Vm(
              id,
              tenant,
              (Long) r[2],
              ((Number) r[3]).doubleValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).intValue() == 0,
              across,
              allowedCountries(residencies.get(tenant), (String) r[7]),
              targets));
    }
    return new Input(hosts, vms, names, byId, forecast);
  }

  /** What an order's placement again depends on ({@link OrderPlacement#again}). */
  private static String choiceKey(VmOrder o) {
    return String.join(
        "|",
        String.valueOf(o.getTenantId()),
        o.getImageCode(),
        o.getSizeCode(),
        o.getCountries(),
        String.valueOf(o.isPublicAddress()),
        o.placementChoices().toJson());
  }

  /**
   * Where a VM may run: its order's countries within its tenant's residency (empty: anywhere). When
   * they have none in common (the residency narrowed since the order), no host matches and the VM
   * is not moved.
   */
  static Set<String> allowedCountries(Residency residency, String orderCountries) {
    Set<String> order =
        orderCountries == null || orderCountries.isBlank()
            ? Set.of()
            : Set.of(orderCountries.split(","));
    List<String> tenant = residency == null ? List.of() : residency.countries();
    if (tenant.isEmpty()) {
      return order;
    }
    if (order.isEmpty()) {
      return Set.copyOf(tenant);
    }
    Set<String> both = new HashSet<>(order);
    both.retainAll(tenant);
    return both.isEmpty() ? Set.of("--") : Set.copyOf(both);
  }
}
