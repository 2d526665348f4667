package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmState;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift check: after each reconciliation of a provider, what Federa counts as in use there for
 * each tenant (its quota reservations of orders at that provider) is compared with what the
 * provider reports for the tenant's OpenNebula group. Platform admins see the differences and can
 * recount a tenant: its reservations are rebuilt from its orders.
 */
@ApplicationScoped
public class QuotaDrift {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject QuotaReservations quota;
  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** One provider and tenant: Federa's count and the provider's. */
  public record Drift(
      long providerId,
      String providerName,
      long tenantId,
      String tenantName,
      Instant checkedAt,
      int federaVms,
      int providerVms,
      int federaVcpu,
      int providerVcpu,
      long federaMemoryMib,
      long providerMemoryMib)
      implements Serializable {}

  /** Records the comparison for every tenant with a group at the provider. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int record(long providerId, List<VirtualMachine> pool) {
    List<Row> accounts =
        Row.all(
            em.createNativeQuery(
                    "SELECT tenant_id, one_group_id FROM provider_tenant_account"
                        + " WHERE provider_id = ?1 AND one_group_id IS NOT NULL")
                .setParameter(1, providerId));
    for (Row a : accounts) {
      long tenantId = a.lng(0);
      int groupId = a.integer(1);
      int vms = 0;
      int vcpu = 0;
      long memory = 0;
      for (VirtualMachine vm : pool) {
        if (vm.groupId() == groupId && !vm.state().is(VmState.DONE)) {
          vms++;
          vcpu += vm.vcpu();
          memory += vm.memoryMib();
        }
      }
      em.createNativeQuery(
              "REPLACE INTO quota_drift (provider_id, tenant_id, checked_at, federa_vms,"
                  + " provider_vms, federa_vcpu, provider_vcpu, federa_memory_mib,"
                  + " provider_memory_mib) VALUES (?1, ?2, ?3, 0, ?4, 0, ?5, 0, ?6)")
          .setParameter(1, providerId)
          .setParameter(2, tenantId)
          .setParameter(3, clock.instant())
          .setParameter(4, vms)
          .setParameter(5, vcpu)
          .setParameter(6, memory)
          .executeUpdate();
      countFedera(providerId, tenantId);
    }
    return accounts.size();
  }

  /** Federa's side: the tenant's reservations in use of orders at the provider. */
  private void countFedera(long providerId, long tenantId) {
    em.createNativeQuery(
            "UPDATE quota_drift d SET"
                + " federa_vms = (SELECT COALESCE(SUM(r.vms), 0) FROM quota_reservation r"
                + "   JOIN vm_order o ON r.order_ref = CONCAT('order-', o.id)"
                + "   WHERE r.tenant_id = ?2 AND r.state = 'IN_USE' AND o.provider_id = ?1),"
                + " federa_vcpu = (SELECT COALESCE(SUM(r.vcpu), 0) FROM quota_reservation r"
                + "   JOIN vm_order o ON r.order_ref = CONCAT('order-', o.id)"
                + "   WHERE r.tenant_id = ?2 AND r.state = 'IN_USE' AND o.provider_id = ?1),"
                + " federa_memory_mib = (SELECT COALESCE(SUM(r.memory_mib), 0)"
                + "   FROM quota_reservation r JOIN vm_order o"
                + "   ON r.order_ref = CONCAT('order-', o.id)"
                + "   WHERE r.tenant_id = ?2 AND r.state = 'IN_USE' AND o.provider_id = ?1)"
                + " WHERE d.provider_id = ?1 AND d.tenant_id = ?2")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .executeUpdate();
  }

  /** The provider-tenant pairs whose counts differ (platform admins). */
  @Transactional
  public List<Drift> differences() {
    caller.requirePlatformAdmin();
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT d.provider_id, p.name, d.tenant_id, t.name, d.checked_at, d.federa_vms,"
                    + " d.provider_vms, d.federa_vcpu, d.provider_vcpu, d.federa_memory_mib,"
                    + " d.provider_memory_mib FROM quota_drift d"
                    + " JOIN provider p ON p.id = d.provider_id JOIN tenant t ON t.id = d.tenant_id"
                    + " WHERE d.federa_vms <> d.provider_vms OR d.federa_vcpu <> d.provider_vcpu"
                    + " OR d.federa_memory_mib <> d.provider_memory_mib"
                    + " ORDER BY t.name, p.name"));
    List<Drift> drifts = new ArrayList<>();
    for (Row r : rows) {
      drifts.add(
          new Drift(
              r.lng(0),
              r.str(1),
              r.lng(2),
              r.str(3),
              r.instant(4),
              r.integer(5),
              r.integer(6),
              r.integer(7),
              r.integer(8),
              r.lng(9),
              r.lng(10)));
    }
    return drifts;
  }

  /**
   * Recounts a tenant (platform admins): its reservations are rebuilt from its live orders, and its
   * drift rows show Federa's new count at once.
   *
   * @return how many reservations changed
   */
  @Transactional
  public int recount(long tenantId) {
    caller.requirePlatformAdmin();
    List<VmOrder> live =
        em.createQuery("select o from VmOrder o where o.tenantId = :t", VmOrder.class)
            .setParameter("t", tenantId)
            .getResultList();
    List<QuotaReservations.Held> expected = new ArrayList<>();
    for (VmOrder o : live) {
      if (o.getState().ended()) {
        continue;
      }
      boolean endpoint = false;
      if (o.getServiceId() != null && Integer.valueOf(1).equals(o.getReplicaNo())) {
        AiService service = em.find(AiService.class, o.getServiceId());
        endpoint = service != null && service.getKind() == AiKind.INFERENCE;
      }
      boolean atProvider =
          switch (o.getState()) {
            case RUNNING, STOPPING, STOPPED, STARTING, REBOOTING, TERMINATING -> true;
            default -> false;
          };
      expected.add(
          new QuotaReservations.Held(
              o.ref(),
              o.getProjectId(),
              o.getGpuModel(),
              atProvider,
              new Usage(
                  o.getVcpu(),
                  o.getMemoryMib(),
                  o.getGpus(),
                  1,
                  o.getDiskGib(),
                  endpoint ? 1 : 0)));
    }
    int changed = quota.rebuild(tenantId, expected);
    @SuppressWarnings("unchecked")
    List<Number> providers =
        em.createNativeQuery("SELECT provider_id FROM quota_drift WHERE tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    em.flush();
    providers.forEach(p -> countFedera(p.longValue(), tenantId));
    audit.success(
        AuditAction.QUOTA_RECOUNTED, tenantId, "quota", changed + " reservations changed");
    return changed;
  }
}
