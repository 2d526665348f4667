package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.exit.TenantWorkloads;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaving tenant's VMs and AI services (whose replicas are VMs): ended through the saga like a
 * user's termination, so that quota, addresses and metering end as always; then, at its erasure,
 * the orders lose who asked and decided them and the SSH keys given to the VMs. The orders
 * themselves stay: usage and invoices refer to them.
 */
@ApplicationScoped
public class ProvisioningExit {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject AuditLog audit;

  /** Ends the tenant's VMs. */
  @ApplicationScoped
  public static class Workloads implements TenantWorkloads {
    @Inject ProvisioningExit exit;

    @Override
    public String name() {
      return "VMs and AI services";
    }

    @Override
    public int endAll(long tenantId) {
      return exit.endAll(tenantId);
    }
  }

  /** Erases what the orders say of people. */
  @ApplicationScoped
  public static class Erasure implements TenantErasure {
    @Inject ProvisioningExit exit;

    @Override
    public int order() {
      return 20;
    }

    @Override
    public List<Erased> erase(ErasureContext context) {
      return exit.erase(context);
    }
  }

  /** Asks every order of the tenant that is not over to end; how many are not over yet. */
  @Transactional
  public int endAll(long tenantId) {
    Instant now = clock.instant();
    List<VmOrder> open =
        em.createQuery(
                "select o from VmOrder o where o.tenantId = :t and o.state not in :ended"
                    + " order by o.id",
                VmOrder.class)
            .setParameter("t", tenantId)
            .setParameter("ended", OrderState.ENDED)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (VmOrder o : open) {
      OrderState before = o.getState();
      if (before != OrderState.TERMINATING && o.endForExit(now)) {
        audit.bySystem(
            AuditAction.ORDER_ACTION,
            tenantId,
            AuditTarget.Kind.ORDER.of(o.getId()),
            AuditDetail.ENDED_ORGANISATION_LEFT.text());
      }
    }
    return open.size();
  }

  /** Pseudonymises who asked and decided each order, and drops the SSH keys given to the VMs. */
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long changed = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT id, requested_by, decided_by FROM vm_order WHERE tenant_id = ?1")
                .setParameter(1, context.tenantId()))) {
      changed +=
          em.createNativeQuery(
                  "UPDATE vm_order SET requested_by = ?1, decided_by = ?2, ssh_public_keys = NULL"
                      + " WHERE id = ?3")
              .setParameter(1, context.pseudonym(r.str(1)))
              .setParameter(2, context.pseudonym(r.str(2)))
              .setParameter(3, r.lng(0))
              .executeUpdate();
    }
    long services = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery("SELECT id, requested_by FROM ai_service WHERE tenant_id = ?1")
                .setParameter(1, context.tenantId()))) {
      services +=
          em.createNativeQuery("UPDATE ai_service SET requested_by = ?1 WHERE id = ?2")
              .setParameter(1, context.pseudonym(r.str(1)))
              .setParameter(2, r.lng(0))
              .executeUpdate();
    }
    List<Erased> done = new ArrayList<>();
    done.add(Erased.pseudonymised("VM orders (who asked and approved; SSH keys removed)", changed));
    done.add(Erased.pseudonymised("AI services (who asked)", services));
    done.add(
        Erased.deleted(
            "order approval policy",
            em.createNativeQuery("DELETE FROM order_policy WHERE tenant_id = ?1")
                .setParameter(1, context.tenantId())
                .executeUpdate()));
    int driftRows = 0;
    for (String table : List.of("quota_drift", "quota_drift_gpu", "drift_vm", "foreign_vm")) {
      driftRows +=
          em.createNativeQuery("DELETE FROM " + table + " WHERE tenant_id = ?1")
              .setParameter(1, context.tenantId())
              .executeUpdate();
    }
    done.add(Erased.deleted("quota drift records", driftRows));
    return done;
  }
}
