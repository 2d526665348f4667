package eu.federa.provisioning;

import eu.federa.cloud.registry.HostCapacities;
import eu.federa.cloud.registry.HostCapacity;
import eu.federa.placement.RebalancePlanner;
import eu.federa.placement.RebalancePlanner.Limits;
import eu.federa.placement.RebalancePlanner.Plan;
import eu.federa.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The federation's rebalancing plan as it would be made now (issue #20): the live inventory with
 * each host's forecast peak, and the running VMs, through {@link RebalancePlanner}. Platform admins
 * review it; moves between providers are not proposed yet (no tenant allows them to be made for
 * it), and applying a plan is not built yet.
 */
@ApplicationScoped
public class RebalancePlans {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject HostCapacities capacities;

  /** One move as the plan page lists it. */
  public record MoveLine(
      long orderId,
      String vmName,
      long tenantId,
      String providerName,
      String fromHost,
      String toHost,
      RebalancePlanner.Move move)
      implements Serializable {}

  /** The plan with its moves named. */
  public record View(Plan plan, List<MoveLine> lines, int hosts, int vms, int forecastHosts)
      implements Serializable {}

  /** The plan from the inventory and running VMs now (platform admins). */
  @Transactional
  public View now() {
    caller.requirePlatformAdmin();
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
                "select o.id, o.tenantId, o.hostId, o.vcpu, o.diskGib, o.gpus, o.name from VmOrder o"
                    + " where o.state = :running and o.hostId is not null",
                Object[].class)
            .setParameter("running", OrderState.RUNNING)
            .getResultList();
    List<RebalancePlanner.Vm> vms = new ArrayList<>(rows.size());
    Map<Long, String> names = new HashMap<>();
    for (Object[] r : rows) {
      long id = (Long) r[0];
      names.put(id, (String) r[6]);
      vms.add(
          new RebalancePlanner.Vm(
              id,
              (Long) r[1],
              (Long) r[2],
              ((Number) r[3]).doubleValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).intValue() == 0,
              false,
              Set.of()));
    }
    Plan plan = RebalancePlanner.plan(hosts, vms, Limits.DEFAULT);
    List<MoveLine> lines = new ArrayList<>();
    for (RebalancePlanner.Move m : plan.moves()) {
      HostCapacity from = byId.get(m.fromHostId());
      HostCapacity to = byId.get(m.toHostId());
      lines.add(
          new MoveLine(
              m.orderId(),
              names.get(m.orderId()),
              m.tenantId(),
              from.providerName(),
              from.hostName(),
              to.hostName(),
              m));
    }
    return new View(plan, lines, hosts.size(), vms.size(), forecast);
  }
}
