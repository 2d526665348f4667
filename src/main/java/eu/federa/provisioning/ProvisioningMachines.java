package eu.federa.provisioning;

import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantMachines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The tenant's VMs at their providers, for the disks of its export bundle. */
@ApplicationScoped
public class ProvisioningMachines implements TenantMachines {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  @Transactional
  public List<Machine> machines(ExportScope scope) {
    return em.createQuery(
            "select o from VmOrder o where o.tenantId = :t and o.state in :there"
                + " and (:p is null or o.projectId = :p)"
                + " and o.oneVmId is not null and o.providerId is not null order by o.id",
            VmOrder.class)
        .setParameter("t", scope.tenantId())
        .setParameter("p", scope.projectId())
        .setParameter("there", List.of(OrderState.RUNNING, OrderState.STOPPED))
        .getResultStream()
        .map(
            o ->
                new Machine(
                    o.getId(),
                    o.getName(),
                    o.getProviderId(),
                    o.getProviderName() == null ? "" : o.getProviderName(),
                    o.getOneVmId()))
        .toList();
  }

  @Override
  @Transactional
  public boolean moving(ExportScope scope) {
    return em.createQuery(
                "select count(o) from VmOrder o where o.tenantId = :t and o.state = :moving"
                    + " and (:p is null or o.projectId = :p)",
                Long.class)
            .setParameter("t", scope.tenantId())
            .setParameter("p", scope.projectId())
            .setParameter("moving", OrderState.MOVING)
            .getSingleResult()
        > 0;
  }
}
