package eu.federa.provisioning;

import eu.federa.catalog.Catalog;
import eu.federa.energy.Footprints;
import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A tenant's VMs and AI services in its export bundle: every order, ended ones included, with its
 * image, size, placement, network addresses and state, as the API shows it; each AI service with
 * its model and its replicas.
 */
@ApplicationScoped
public class ProvisioningExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Catalog catalog;
  @Inject Footprints footprints;

  /** One running VM's line of energy.json. */
  public record EnergyLine(
      long orderId,
      String name,
      Long projectId,
      String countryCode,
      double kwhPerMonth,
      double kgCo2ePerMonth,
      double gramsCo2ePerKwh,
      double pue,
      double hostCpuUsePercent,
      boolean measured) {}

  @Override
  public String name() {
    return "vms";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    long tenantId = scope.tenantId();
    bundle.items(
        "vms.json",
        "vms",
        em.createQuery(
                "select o from VmOrder o where o.tenantId = :t"
                    + " and (:p is null or o.projectId = :p) order by o.id",
                VmOrder.class)
            .setParameter("t", tenantId)
            .setParameter("p", scope.projectId())
            .getResultStream()
            .map(
                o -> {
                  OrderView view = OrderView.of(o);
                  em.detach(o);
                  return view;
                }));
    // What the running VMs draw and emit, estimated at the export (docs/energy.md).
    List<VmOrder> running =
        em.createQuery(
                "select o from VmOrder o where o.tenantId = :t and (:p is null or o.projectId = :p)"
                    + " and o.state = :running and o.hostId is not null order by o.id",
                VmOrder.class)
            .setParameter("t", tenantId)
            .setParameter("p", scope.projectId())
            .setParameter("running", OrderState.RUNNING)
            .getResultList();
    Map<Long, Footprints.Estimate> estimates =
        footprints.of(
            running.stream()
                .map(
                    o ->
                        new Footprints.Share(
                            o.getId(), o.getHostId(), o.getVcpu(), o.getGpus(), o.getGpuModel()))
                .toList());
    bundle.items(
        "energy.json",
        "energy",
        running.stream()
            .filter(o -> estimates.containsKey(o.getId()))
            .map(
                o -> {
                  Footprints.Estimate e = estimates.get(o.getId());
                  return new EnergyLine(
                      o.getId(),
                      o.getName(),
                      o.getProjectId(),
                      e.countryCode(),
                      e.footprint().kwhPerMonth(),
                      e.footprint().kgCo2ePerMonth(),
                      e.gramsCo2ePerKwh(),
                      e.pue(),
                      e.hostCpuUsePercent(),
                      e.measured());
                }));
    bundle.items(
        "ai-services.json",
        "ai-services",
        em
            .createQuery(
                // AI services are the organisation's (they have no project).
                "select s from AiService s where s.tenantId = :t and :whole = true order by s.id",
                AiService.class)
            .setParameter("t", tenantId)
            .setParameter("whole", scope.wholeTenant())
            .getResultList()
            .stream()
            .map(
                s ->
                    AiServices.view(
                        s,
                        catalog.size(s.getSizeCode()).orElse(null),
                        em.createQuery(
                                "select o from VmOrder o where o.serviceId = :s order by o.replicaNo",
                                VmOrder.class)
                            .setParameter("s", s.getId())
                            .getResultList())));
  }
}
