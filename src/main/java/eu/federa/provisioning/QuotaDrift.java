package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.TenantAccounts;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.storage.Backups;
import eu.federa.storage.Snapshots;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject Backups backups;
  @Inject TenantAccounts accounts;
  @Inject ProviderDirectory providers;
  @Inject TenantDirectory tenants;

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
    Map<Long, Integer> groups = accounts.groups(providerId);
    for (Map.Entry<Long, Integer> account : groups.entrySet()) {
      long tenantId = account.getKey();
      int groupId = account.getValue();
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
    return groups.size();
  }

  /** Federa's side: what the tenant's orders at the provider hold in use (quota's count). */
  private void countFedera(long providerId, long tenantId) {
    Map<String, Usage> held = quota.inUseByOrder(tenantId);
    Usage atProvider = Usage.NONE;
    if (!held.isEmpty()) {
      List<Long> ids =
          held.keySet().stream().map(VmOrder::idOfRef).flatMap(Optional::stream).toList();
      List<Long> here =
          ids.isEmpty()
              ? List.of()
              : em.createQuery(
                      "select o.id from VmOrder o where o.id in :ids and o.providerId = :p",
                      Long.class)
                  .setParameter("ids", ids)
                  .setParameter("p", providerId)
                  .getResultList();
      for (long id : here) {
        atProvider = atProvider.plus(held.get(VmOrder.refOf(id)));
      }
    }
    em.createNativeQuery(
            "UPDATE quota_drift SET federa_vms = ?3, federa_vcpu = ?4, federa_memory_mib = ?5"
                + " WHERE provider_id = ?1 AND tenant_id = ?2")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, atProvider.vms())
        .setParameter(4, atProvider.vcpu())
        .setParameter(5, atProvider.memoryMib())
        .executeUpdate();
  }

  /** The provider-tenant pairs whose counts differ (platform admins). */
  @Transactional
  public List<Drift> differences() {
    caller.requirePlatformAdmin();
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT provider_id, tenant_id, checked_at, federa_vms, provider_vms, federa_vcpu,"
                    + " provider_vcpu, federa_memory_mib, provider_memory_mib FROM quota_drift"
                    + " WHERE federa_vms <> provider_vms OR federa_vcpu <> provider_vcpu"
                    + " OR federa_memory_mib <> provider_memory_mib"));
    Map<Long, String> providerNames = new HashMap<>();
    providers
        .byIds(rows.stream().map(r -> r.lng(0)).collect(Collectors.toSet()))
        .forEach((id, card) -> providerNames.put(id, card.name()));
    Map<Long, String> tenantNames =
        tenants.names(rows.stream().map(r -> r.lng(1)).collect(Collectors.toSet()));
    List<Drift> drifts = new ArrayList<>();
    for (Row r : rows) {
      drifts.add(
          new Drift(
              r.lng(0),
              providerNames.getOrDefault(r.lng(0), "?"),
              r.lng(1),
              tenantNames.getOrDefault(r.lng(1), "?"),
              r.instant(2),
              r.integer(3),
              r.integer(4),
              r.integer(5),
              r.integer(6),
              r.lng(7),
              r.lng(8)));
    }
    drifts.sort(Comparator.comparing(Drift::tenantName).thenComparing(Drift::providerName));
    return drifts;
  }

  /**
   * What moves under way hold at their targets until the cutover: a second copy of the VM and of
   * its volumes, reserved (an order moving whose second VM is not its source yet).
   */
  private List<QuotaReservations.Held> movesHeld(List<VmOrder> orders) {
    List<QuotaReservations.Held> held = new ArrayList<>();
    for (VmOrder o : orders) {
      if (o.getState() == OrderState.MOVING
          && o.getOtherProviderId() != null
          && !o.getOtherProviderId().equals(o.getProviderId())
          && o.getMoveId() != null
          && !o.isMovedBack()) {
        held.add(
            new QuotaReservations.Held(
                VmOrder.moveRefOf(o.getId()),
                o.getProjectId(),
                o.getGpuModel(),
                false,
                new Usage(
                    o.getVcpu(),
                    o.getMemoryMib(),
                    o.getGpus(),
                    1,
                    o.getDiskGib() + volumes.gibOn(o.getId()),
                    0)));
      }
    }
    return held;
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
            case RUNNING, STOPPING, STOPPED, STARTING, REBOOTING, TERMINATING, MOVING -> true;
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
    expected.addAll(movesHeld(live));
    expected.addAll(volumes.held(tenantId));
    expected.addAll(snapshots.held(tenantId));
    expected.addAll(backups.held(tenantId));
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
