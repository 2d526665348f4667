package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.catalog.Catalog;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmState;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.TenantAccounts;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The drift check: after each reconciliation of a provider, what Federa counts as in use there for
 * each tenant (its quota reservations of orders at that provider, with their volumes) is compared
 * with what the provider runs in the tenant's OpenNebula group, resource by resource: VMs, vCPU,
 * memory, disk and GPUs by model ({@link DriftComparison}). The VMs that explain each difference
 * are kept beside the totals. Platform admins see both, recount a tenant (its reservations are
 * rebuilt from its orders) and repair single VMs ({@link DriftRepairs}).
 */
@ApplicationScoped
public class QuotaDrift {

  private static final Logger LOG = Logger.getLogger(QuotaDrift.class.getName());

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
  @Inject ProviderVms vms;
  @Inject Catalog catalog;
  @Inject QuotaDrift self;

  /** GPUs of one model on both sides ("" for the model: any model of its class). */
  public record GpuCount(String model, int federa, int provider) implements Serializable {}

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
      long providerMemoryMib,
      int federaDiskGib,
      int providerDiskGib,
      List<GpuCount> gpus)
      implements Serializable {

    /** The GPU models whose counts differ. */
    public List<GpuCount> gpuDifferences() {
      return gpus.stream().filter(g -> g.federa() != g.provider()).toList();
    }
  }

  /** A VM behind a difference, as the last check saw it. */
  public record DriftVm(
      long providerId,
      long tenantId,
      DriftComparison.Kind kind,
      Integer vmId,
      Long orderId,
      String name,
      DriftComparison.Shape federa,
      DriftComparison.Shape provider,
      Instant checkedAt)
      implements Serializable {}

  /** A provider and tenant in detail: the totals, the VMs behind them, the tenant's projects. */
  public record Detail(Drift drift, List<DriftVm> vms, List<TenantDirectory.ProjectRef> projects)
      implements Serializable {}

  /**
   * The drift check of a provider after a reconciliation, from the listing the pass read at {@code
   * listedAt} and the GPUs its hosts give each VM. A provider whose hosts cannot be read keeps its
   * last check.
   */
  public void check(long providerId, Instant listedAt, List<VirtualMachine> pool) {
    Map<Integer, List<String>> gpus;
    try {
      gpus = vms.gpusByVm(providerId);
    } catch (CloudException e) {
      LOG.warning(
          () ->
              "Provider "
                  + providerId
                  + ": its hosts could not be read, the drift check waits for the next pass: "
                  + e.getMessage());
      return;
    }
    self.record(providerId, listedAt, pool, gpus);
  }

  /**
   * Checks a provider again now (after a repair): its VMs and hosts read afresh.
   *
   * @throws CloudException when the provider cannot be asked (the last check stays)
   */
  public void refresh(long providerId) {
    Instant listedAt = clock.instant();
    List<VirtualMachine> pool = vms.allVms(providerId);
    self.record(providerId, listedAt, pool, vms.gpusByVm(providerId));
  }

  /**
   * Records the comparison for every tenant with a group at the provider, from a listing read at
   * {@code listedAt}. A listing older than the one the last check recorded changes nothing: a pass
   * that read the provider before a repair (or another node's pass) must not put back what the
   * provider no longer holds.
   *
   * @return the tenants compared, or -1 when a newer listing was recorded already
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int record(
      long providerId,
      Instant listedAt,
      List<VirtualMachine> pool,
      Map<Integer, List<String>> gpus) {
    // One writer per provider at a time (a pass and a repair's check may meet): its row of the
    // reconciliation schedule is the lock, made when no pass has scheduled the provider yet (not
    // inserted first every time: a duplicate INSERT IGNORE leaves a shared lock on the row, and two
    // writers each holding one would deadlock asking for it exclusively).
    Optional<Row> schedule = scheduleLocked(providerId);
    if (schedule.isEmpty()) {
      Reconciler.schedule(em, providerId, clock.instant());
      schedule = scheduleLocked(providerId);
      if (schedule.isEmpty()) {
        return 0; // the provider was removed meanwhile
      }
    }
    Instant recorded = schedule.get().instant(0);
    if (recorded != null && recorded.isAfter(listedAt)) {
      LOG.fine(
          () ->
              "A listing read at "
                  + listedAt
                  + " is older than the drift's of provider "
                  + providerId
                  + ", left out");
      return -1;
    }
    em.createNativeQuery(
            "UPDATE provider_reconciliation SET drift_listed_at = ?1 WHERE provider_id = ?2")
        .setParameter(1, listedAt)
        .setParameter(2, providerId)
        .executeUpdate();
    Map<Long, Integer> groups = accounts.groups(providerId);
    Set<Integer> foreign = foreignVms(providerId);
    Set<String> models = knownModels();
    for (String table : List.of("drift_vm", "quota_drift_gpu")) {
      em.createNativeQuery("DELETE FROM " + table + " WHERE provider_id = ?1")
          .setParameter(1, providerId)
          .executeUpdate();
    }
    for (Map.Entry<Long, Integer> account : groups.entrySet()) {
      long tenantId = account.getKey();
      int groupId = account.getValue();
      List<DriftComparison.ProviderVm> theirs = new ArrayList<>();
      for (VirtualMachine vm : pool) {
        if (vm.groupId() == groupId && !vm.state().is(VmState.DONE)) {
          theirs.add(
              new DriftComparison.ProviderVm(
                  vm.id(),
                  vm.name(),
                  vm.vcpu(),
                  vm.memoryMib(),
                  diskGib(vm),
                  gpus.getOrDefault(vm.id(), List.of()),
                  vm.userTemplate().containsKey(ProviderVms.ORDER_ATTRIBUTE)));
        }
      }
      DriftComparison.Result result =
          DriftComparison.compare(counted(providerId, tenantId), theirs, foreign, models);
      store(providerId, tenantId, listedAt, result);
    }
    return groups.size();
  }

  /** The provider's row of the reconciliation schedule, locked: when its drift was listed. */
  private Optional<Row> scheduleLocked(long providerId) {
    return Row.first(
        em.createNativeQuery(
                "SELECT drift_listed_at FROM provider_reconciliation WHERE provider_id = ?1"
                    + " FOR UPDATE")
            .setParameter(1, providerId));
  }

  /** A VM's disks together, in whole GiB (rounded up). */
  static int diskGib(VirtualMachine vm) {
    long mib = vm.disks().stream().mapToLong(VirtualMachine.Disk::sizeMib).sum();
    return (int) ((mib + 1023) / 1024);
  }

  /**
   * The GPU models Federa knows: the catalog's sizes'. (An order's own model names its VM's devices
   * first; a pass does not scan every order ever placed for more.)
   */
  @Transactional
  public Set<String> knownModels() {
    Set<String> models = new TreeSet<>();
    catalog.sizes().stream()
        .map(eu.federa.catalog.Size::gpuModel)
        .filter(m -> m != null && !m.isBlank())
        .forEach(models::add);
    return models;
  }

  private Set<Integer> foreignVms(long providerId) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery("SELECT one_vm_id FROM foreign_vm WHERE provider_id = ?1")
            .setParameter(1, providerId)
            .getResultList();
    return ids.stream().map(Number::intValue).collect(Collectors.toSet());
  }

  /**
   * Federa's side: the tenant's live orders with a VM at the provider. A settled one counts what
   * its reservation holds in use there (nothing when its count was lost); one on its way (being
   * made, resized, moved) counts what it will hold, reserved meanwhile; so does the second copy of
   * a move. Each with the GiB of its volumes.
   */
  private List<DriftComparison.Counted> counted(long providerId, long tenantId) {
    List<VmOrder> orders =
        em.createQuery(
                "select o from VmOrder o where o.tenantId = :t and o.state not in :ended and"
                    + " ((o.providerId = :p and o.oneVmId is not null)"
                    + " or (o.otherProviderId = :p and o.otherVmId is not null))",
                VmOrder.class)
            .setParameter("t", tenantId)
            .setParameter("p", providerId)
            .setParameter("ended", OrderState.ENDED)
            .getResultList();
    if (orders.isEmpty()) {
      return List.of();
    }
    Map<String, Usage> inUse = quota.inUseByOrder(tenantId);
    Map<Long, Integer> volumeGib = volumes.gibOnEach(orders.stream().map(VmOrder::getId).toList());
    List<DriftComparison.Counted> counted = new ArrayList<>();
    for (VmOrder o : orders) {
      int volumesGib = volumeGib.getOrDefault(o.getId(), 0);
      String model = o.getGpuModel() == null ? "" : o.getGpuModel();
      boolean here = Long.valueOf(providerId).equals(o.getProviderId()) && o.getOneVmId() != null;
      Integer vmId = here ? o.getOneVmId() : o.getOtherVmId();
      DriftComparison.Shape ordered =
          new DriftComparison.Shape(
              o.getVcpu(),
              o.getMemoryMib(),
              o.getDiskGib() + volumesGib,
              Map.of(model, o.getGpus()));
      if (here && settled(o.getState())) {
        Usage held = inUse.getOrDefault(o.ref(), Usage.NONE);
        DriftComparison.Shape shape =
            held.vms() == 0
                ? DriftComparison.Shape.NONE
                : new DriftComparison.Shape(
                    held.vcpu(),
                    held.memoryMib(),
                    held.diskGib() + volumesGib,
                    Map.of(model, held.gpus()));
        counted.add(
            new DriftComparison.Counted(
                o.getId(), o.getName(), vmId, o.getGpuModel(), shape, held.vms(), ordered));
      } else {
        counted.add(
            new DriftComparison.Counted(
                o.getId(), o.getName(), vmId, o.getGpuModel(), ordered, 1, ordered));
      }
    }
    return counted;
  }

  /** States in which an order's VM runs or rests at its provider as Federa counts it. */
  private static boolean settled(OrderState state) {
    return state == OrderState.RUNNING || state == OrderState.STOPPED;
  }

  private void store(long providerId, long tenantId, Instant now, DriftComparison.Result r) {
    em.createNativeQuery(
            "REPLACE INTO quota_drift (provider_id, tenant_id, checked_at, federa_vms,"
                + " provider_vms, federa_vcpu, provider_vcpu, federa_memory_mib,"
                + " provider_memory_mib, federa_disk_gib, provider_disk_gib)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, now)
        .setParameter(4, r.federaVms())
        .setParameter(5, r.providerVms())
        .setParameter(6, r.federa().vcpu())
        .setParameter(7, r.provider().vcpu())
        .setParameter(8, r.federa().memoryMib())
        .setParameter(9, r.provider().memoryMib())
        .setParameter(10, r.federa().diskGib())
        .setParameter(11, r.provider().diskGib())
        .executeUpdate();
    Set<String> models = new TreeSet<>(r.federa().gpus().keySet());
    models.addAll(r.provider().gpus().keySet());
    for (String model : models) {
      em.createNativeQuery(
              "INSERT INTO quota_drift_gpu (provider_id, tenant_id, gpu_model, federa_gpus,"
                  + " provider_gpus) VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, providerId)
          .setParameter(2, tenantId)
          .setParameter(3, model)
          .setParameter(4, r.federa().gpus().getOrDefault(model, 0))
          .setParameter(5, r.provider().gpus().getOrDefault(model, 0))
          .executeUpdate();
    }
    for (DriftComparison.Explanation e : r.explanations()) {
      em.createNativeQuery(
              "INSERT INTO drift_vm (provider_id, tenant_id, kind, one_vm_id, order_id, vm_name,"
                  + " federa_vcpu, provider_vcpu, federa_memory_mib, provider_memory_mib,"
                  + " federa_disk_gib, provider_disk_gib, federa_gpus, provider_gpus, checked_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
          .setParameter(1, providerId)
          .setParameter(2, tenantId)
          .setParameter(3, e.kind().name())
          .setParameter(4, e.vmId())
          .setParameter(5, e.orderId())
          .setParameter(6, e.name() == null ? "" : e.name())
          .setParameter(7, e.federa().vcpu())
          .setParameter(8, e.provider().vcpu())
          .setParameter(9, e.federa().memoryMib())
          .setParameter(10, e.provider().memoryMib())
          .setParameter(11, e.federa().diskGib())
          .setParameter(12, e.provider().diskGib())
          .setParameter(13, e.federa().gpuText())
          .setParameter(14, e.provider().gpuText())
          .setParameter(15, now)
          .executeUpdate();
    }
  }

  private static final String DRIFT_COLUMNS =
      "d.provider_id, d.tenant_id, d.checked_at, d.federa_vms, d.provider_vms, d.federa_vcpu,"
          + " d.provider_vcpu, d.federa_memory_mib, d.provider_memory_mib, d.federa_disk_gib,"
          + " d.provider_disk_gib";

  /** The provider-tenant pairs whose counts differ on any resource (platform admins). */
  @Transactional
  public List<Drift> differences() {
    caller.requirePlatformAdmin();
    List<Row> rows =
        Row.all(
            em.createNativeQuery(
                "SELECT "
                    + DRIFT_COLUMNS
                    + " FROM quota_drift d WHERE d.federa_vms <> d.provider_vms"
                    + " OR d.federa_vcpu <> d.provider_vcpu"
                    + " OR d.federa_memory_mib <> d.provider_memory_mib"
                    + " OR d.federa_disk_gib <> d.provider_disk_gib"
                    + " OR EXISTS (SELECT 1 FROM quota_drift_gpu g WHERE g.provider_id ="
                    + " d.provider_id AND g.tenant_id = d.tenant_id"
                    + " AND g.federa_gpus <> g.provider_gpus)"));
    List<Drift> drifts = drifts(rows);
    drifts.sort(Comparator.comparing(Drift::tenantName).thenComparing(Drift::providerName));
    return drifts;
  }

  /**
   * A provider and tenant in detail (platform admins): totals, the VMs behind the differences and
   * the tenant's projects (where an adopted VM may go).
   *
   * @throws NotFoundException when the provider has not checked the tenant
   */
  @Transactional
  public Detail detail(long providerId, long tenantId) {
    caller.requirePlatformAdmin();
    List<Drift> found =
        drifts(
            Row.all(
                em.createNativeQuery(
                        "SELECT "
                            + DRIFT_COLUMNS
                            + " FROM quota_drift d WHERE d.provider_id = ?1 AND d.tenant_id = ?2")
                    .setParameter(1, providerId)
                    .setParameter(2, tenantId)));
    if (found.isEmpty()) {
      throw new NotFoundException("drift", providerId + "/" + tenantId);
    }
    List<DriftVm> explained =
        Row.all(
                em.createNativeQuery(
                        "SELECT kind, one_vm_id, order_id, vm_name, federa_vcpu, provider_vcpu,"
                            + " federa_memory_mib, provider_memory_mib, federa_disk_gib,"
                            + " provider_disk_gib, federa_gpus, provider_gpus, checked_at"
                            + " FROM drift_vm WHERE provider_id = ?1 AND tenant_id = ?2"
                            + " ORDER BY id")
                    .setParameter(1, providerId)
                    .setParameter(2, tenantId))
            .stream()
            .map(
                r ->
                    new DriftVm(
                        providerId,
                        tenantId,
                        DriftComparison.Kind.valueOf(r.str(0)),
                        r.isNull(1) ? null : r.integer(1),
                        r.isNull(2) ? null : r.lng(2),
                        r.str(3),
                        new DriftComparison.Shape(
                            r.integer(4),
                            r.lng(6),
                            r.integer(8),
                            DriftComparison.Shape.gpusOf(r.str(10))),
                        new DriftComparison.Shape(
                            r.integer(5),
                            r.lng(7),
                            r.integer(9),
                            DriftComparison.Shape.gpusOf(r.str(11))),
                        r.instant(12)))
            .toList();
    return new Detail(found.get(0), explained, tenants.projects(tenantId));
  }

  private List<Drift> drifts(List<Row> rows) {
    Map<Long, String> providerNames = new HashMap<>();
    providers
        .byIds(rows.stream().map(r -> r.lng(0)).collect(Collectors.toSet()))
        .forEach((id, card) -> providerNames.put(id, card.name()));
    Map<Long, String> tenantNames =
        tenants.names(rows.stream().map(r -> r.lng(1)).collect(Collectors.toSet()));
    Map<String, List<GpuCount>> gpus = new HashMap<>();
    if (!rows.isEmpty()) {
      Row.all(
              em.createNativeQuery(
                      "SELECT provider_id, tenant_id, gpu_model, federa_gpus, provider_gpus"
                          + " FROM quota_drift_gpu WHERE provider_id IN (?1) ORDER BY gpu_model")
                  .setParameter(1, rows.stream().map(r -> r.lng(0)).distinct().toList()))
          .forEach(
              g ->
                  gpus.computeIfAbsent(g.lng(0) + "/" + g.lng(1), k -> new ArrayList<>())
                      .add(new GpuCount(g.str(2), g.integer(3), g.integer(4))));
    }
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
              r.lng(8),
              r.integer(9),
              r.integer(10),
              List.copyOf(gpus.getOrDefault(r.lng(0) + "/" + r.lng(1), List.of()))));
    }
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
   * Recounts a tenant (platform admins): its reservations are rebuilt from its live orders, and the
   * providers where it has a group are checked again at once (one that cannot be asked now is at
   * its next reconciliation).
   *
   * @return how many reservations changed
   */
  public int recount(long tenantId) {
    int changed = self.rebuild(tenantId);
    @SuppressWarnings("unchecked")
    List<Number> providerIds =
        self.inTransaction(
            () ->
                em.createNativeQuery("SELECT provider_id FROM quota_drift WHERE tenant_id = ?1")
                    .setParameter(1, tenantId)
                    .getResultList());
    for (Number providerId : providerIds) {
      try {
        refresh(providerId.longValue());
      } catch (CloudException e) {
        LOG.warning(
            () ->
                "Provider "
                    + providerId
                    + " could not be checked after a recount, its next reconciliation will: "
                    + e.getMessage());
      }
    }
    return changed;
  }

  /** Runs {@code work} in a transaction of its own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    return work.get();
  }

  /** The tenant's reservations rebuilt from its live orders (see {@link #recount}). */
  @Transactional
  public int rebuild(long tenantId) {
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
            case RUNNING, STOPPING, STOPPED, STARTING, REBOOTING, MIGRATING, TERMINATING, MOVING ->
                true;
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
    audit.success(
        AuditAction.QUOTA_RECOUNTED,
        tenantId,
        AuditTarget.Word.QUOTA.text(),
        AuditDetail.RECOUNTED.text(changed));
    return changed;
  }
}
