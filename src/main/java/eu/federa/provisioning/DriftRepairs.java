package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.catalog.Catalog;
import eu.federa.catalog.Size;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmCondition;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderVms;
import eu.federa.cloud.registry.TenantAccounts;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The repairs a platform admin makes to single VMs behind a drift (the drift page offers the one
 * that fits each): adopt a VM Federa does not know into an order of a project of its organisation,
 * mark it foreign (left out of the provider's count), or release an order whose VM the provider no
 * longer runs. Each is checked against the provider first, done in one transaction, audited, and
 * followed by a fresh drift check of the provider.
 */
@ApplicationScoped
public class DriftRepairs {

  private static final Logger LOG = Logger.getLogger(DriftRepairs.class.getName());

  /** The longest reason a foreign VM may be given. */
  static final int REASON_MAX = 500;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject ProviderVms vms;
  @Inject TenantAccounts accounts;
  @Inject ProviderDirectory providers;
  @Inject TenantDirectory tenants;
  @Inject QuotaReservations quota;
  @Inject QuotaDrift drift;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject Catalog catalog;
  @Inject OrderMeter meter;
  @Inject Reconciler reconciler;
  @Inject DriftRepairs self;

  /** What a repair did, and whether the drift could be checked again at once. */
  public record Outcome(Long orderId, boolean rechecked) {}

  /**
   * Adopts a VM of an organisation's group that no order owns: it becomes an order of the project,
   * sized as it is, counted in the organisation's quota (no limit refuses it: it runs already) and
   * metered from now; at the provider it is given to the organisation's Federa user and carries the
   * order's id. Nothing stays half-done: when the provider refuses, the order is removed again.
   *
   * @throws NotFoundException for an unknown provider or a VM the provider does not run
   * @throws InvalidInputException for a VM in no organisation's group, or a project not of its
   *     organisation
   * @throws ConflictException for a VM an order owns already
   * @throws CloudException when the provider cannot be asked or refuses
   */
  public Outcome adopt(long providerId, int vmId, long projectId) {
    caller.requirePlatformAdmin();
    ProviderDirectory.ProviderCard provider = provider(providerId);
    VirtualMachine vm = vmThere(providerId, vmId);
    long tenantId = tenantOf(providerId, vm);
    if (!tenants.isProjectOf(projectId, tenantId)) {
      throw new InvalidInputException(FieldError.of("project", "drift.error.project"));
    }
    if (vm.userTemplate().containsKey(ProviderVms.ORDER_ATTRIBUTE)) {
      throw new ConflictException("drift.error.tagged", String.valueOf(vmId));
    }
    List<String> devices = vms.gpusByVm(providerId).getOrDefault(vmId, List.of());
    String model =
        devices.isEmpty()
            ? null
            : truncated(
                DriftComparison.modelOf(devices.get(0), null, false, drift.knownModels()), 60);
    int diskGib = QuotaDrift.diskGib(vm);
    String sizeCode =
        catalog.sizes().stream()
            .filter(
                s ->
                    s.vcpu() == vm.vcpu()
                        && s.memoryMib() == vm.memoryMib()
                        && s.gpus() == devices.size()
                        && (devices.isEmpty() || model.equalsIgnoreCase(s.gpuModel())))
            .map(Size::code)
            .findFirst()
            .orElse(null);
    Long hostId = null;
    if (!vm.history().isEmpty()) {
      hostId = vms.hostOf(providerId, vm.history().get(vm.history().size() - 1).hostId());
    }
    VmOrder.AdoptedVm adopted =
        new VmOrder.AdoptedVm(
            providerId,
            provider.name(),
            provider.countryCode(),
            hostId,
            vm.hostName(),
            vmId,
            orderName(vm),
            sizeCode,
            vm.vcpu(),
            vm.memoryMib(),
            diskGib,
            devices.size(),
            model,
            vm.condition() == VmCondition.RUNNING,
            vm.displayState(),
            vm.ips().isEmpty() ? null : vm.ips().get(0));
    long orderId = self.createAdopted(tenantId, projectId, adopted);
    try {
      vms.adopt(providerId, tenantId, vmId, VmOrder.refOf(orderId));
    } catch (RuntimeException refused) {
      self.undoAdopted(orderId);
      throw refused;
    }
    self.adopted(orderId);
    return new Outcome(orderId, recheck(providerId));
  }

  /** The adopted VM's order, written with its quota (see {@link #adopt}). */
  @Transactional
  public long createAdopted(long tenantId, long projectId, VmOrder.AdoptedVm vm) {
    if (ownedByAnOrder(vm.providerId(), vm.vmId())) {
      throw new ConflictException("drift.error.owned", String.valueOf(vm.vmId()));
    }
    String adopter = caller.user().map(u -> u.subject()).orElse("?");
    VmOrder order = VmOrder.adopted(tenantId, projectId, adopter, vm, clock.instant());
    try {
      em.persist(order);
      em.flush();
    } catch (PersistenceException twice) {
      // Adopted at the same moment by someone else: the order's key is the provider and VM.
      Throwable root = twice;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why = root.getMessage();
      LOG.warning(() -> "VM " + vm.vmId() + " was not adopted: " + why);
      throw new ConflictException("drift.error.owned", String.valueOf(vm.vmId()));
    }
    // Marked foreign before: it is Federa's now.
    em.createNativeQuery("DELETE FROM foreign_vm WHERE provider_id = ?1 AND one_vm_id = ?2")
        .setParameter(1, vm.providerId())
        .setParameter(2, vm.vmId())
        .executeUpdate();
    quota.adopt(
        tenantId,
        projectId,
        order.getGpuModel(),
        order.ref(),
        Usage.ofVm(order.getVcpu(), order.getMemoryMib(), order.getDiskGib(), order.getGpus()));
    return order.getId();
  }

  /** The provider refused the adoption: its order and quota go again, as if never written. */
  @Transactional
  public void undoAdopted(long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order != null) {
      quota.release(order.ref());
      em.remove(order);
    }
  }

  /** The provider took the adoption: metering starts, the adoption is audited. */
  @Transactional
  public void adopted(long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    meter.observe(order, clock.instant());
    audit.success(
        AuditAction.DRIFT_VM_ADOPTED,
        order.getTenantId(),
        AuditTarget.Kind.ORDER.of(order.getId()),
        order.getGpus() > 0
            ? AuditDetail.ADOPTED_GPUS.text(
                order.getProviderName(),
                order.getOneVmId(),
                order.getProjectId(),
                order.getVcpu(),
                order.getMemoryMib(),
                order.getDiskGib(),
                order.getGpus(),
                order.getGpuModel())
            : AuditDetail.ADOPTED.text(
                order.getProviderName(),
                order.getOneVmId(),
                order.getProjectId(),
                order.getVcpu(),
                order.getMemoryMib(),
                order.getDiskGib()));
  }

  /**
   * Marks a VM of an organisation's group foreign: the provider runs it for the organisation, but
   * not through Federa, and the platform admin accepts that; from now it is left out of the
   * provider's side of the drift. Marking it again changes nothing.
   *
   * @throws InvalidInputException without a reason, or for a VM in no organisation's group
   * @throws ConflictException for a VM that carries a Federa order's id or that an order owns
   */
  public Outcome markForeign(long providerId, int vmId, String reason) {
    caller.requirePlatformAdmin();
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > REASON_MAX) {
      throw new InvalidInputException(FieldError.of("reason", "drift.error.reason", REASON_MAX));
    }
    provider(providerId);
    VirtualMachine vm = vmThere(providerId, vmId);
    long tenantId = tenantOf(providerId, vm);
    if (vm.userTemplate().containsKey(ProviderVms.ORDER_ATTRIBUTE)) {
      throw new ConflictException("drift.error.tagged", String.valueOf(vmId));
    }
    self.recordForeign(providerId, tenantId, vm, why);
    return new Outcome(null, recheck(providerId));
  }

  @Transactional
  public void recordForeign(long providerId, long tenantId, VirtualMachine vm, String reason) {
    if (ownedByAnOrder(providerId, vm.id())) {
      throw new ConflictException("drift.error.owned", String.valueOf(vm.id()));
    }
    int written =
        em.createNativeQuery(
                "INSERT IGNORE INTO foreign_vm (provider_id, one_vm_id, tenant_id, vm_name,"
                    + " reason, marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .setParameter(1, providerId)
            .setParameter(2, vm.id())
            .setParameter(3, tenantId)
            .setParameter(4, truncated(vm.name() == null ? "" : vm.name(), 255))
            .setParameter(5, reason)
            .setParameter(6, caller.user().map(u -> u.subject()).orElse("?"))
            .setParameter(7, clock.instant())
            .executeUpdate();
    if (written > 0) {
      audit.success(
          AuditAction.DRIFT_VM_FOREIGN,
          tenantId,
          AuditTarget.vmAtProvider(providerId, vm.id()),
          reason);
    }
  }

  /**
   * Releases an order whose VM the provider no longer runs (asked by id first: a VM it still runs
   * is never released): the order is vanished, its quota, capacity claim and metering end, as the
   * reconciler would have done after its next pass.
   *
   * @throws NotFoundException for an unknown order or one not at that provider
   * @throws ConflictException when the provider still runs its VM, or the order has ended
   */
  public Outcome release(long providerId, long orderId) {
    caller.requirePlatformAdmin();
    Integer vmId = self.liveVmAt(providerId, orderId);
    if (vms.lookup(providerId, vmId).isPresent()) {
      throw new ConflictException("drift.error.stillRuns", String.valueOf(vmId));
    }
    Optional<Reconciler.PublicAddress> address = self.released(providerId, orderId, vmId);
    address.ifPresent(a -> reconciler.releaseAddresses(providerId, List.of(a)));
    return new Outcome(orderId, recheck(providerId));
  }

  /** The VM of the order's at the provider, the order live there. */
  @Transactional
  public Integer liveVmAt(long providerId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    if (order == null
        || !Long.valueOf(providerId).equals(order.getProviderId())
        || order.getOneVmId() == null) {
      throw new NotFoundException("order", orderId);
    }
    if (order.getState().ended()) {
      throw new ConflictException("drift.error.ended", orderId);
    }
    return order.getOneVmId();
  }

  @Transactional
  public Optional<Reconciler.PublicAddress> released(long providerId, long orderId, int vmId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null
        || order.getState().ended()
        || !Integer.valueOf(vmId).equals(order.getOneVmId())) {
      throw new ConflictException("drift.error.ended", orderId);
    }
    Instant now = clock.instant();
    Optional<Reconciler.PublicAddress> address = reconciler.endVanished(order, now);
    audit.success(
        AuditAction.DRIFT_ORDER_RELEASED,
        order.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.RELEASED.text(order.getProviderName(), vmId));
    return address;
  }

  /** Whether a live order owns the VM: its own, or its second one during a move. */
  private boolean ownedByAnOrder(long providerId, int vmId) {
    return em.createQuery(
                "select count(o) from VmOrder o where o.state not in :ended and"
                    + " ((o.providerId = :p and o.oneVmId = :v)"
                    + " or (o.otherProviderId = :p and o.otherVmId = :v))",
                Long.class)
            .setParameter("ended", OrderState.ENDED)
            .setParameter("p", providerId)
            .setParameter("v", vmId)
            .getSingleResult()
        > 0;
  }

  private ProviderDirectory.ProviderCard provider(long providerId) {
    ProviderDirectory.ProviderCard card = providers.byIds(Set.of(providerId)).get(providerId);
    if (card == null) {
      throw new NotFoundException("provider", providerId);
    }
    return card;
  }

  private VirtualMachine vmThere(long providerId, int vmId) {
    return vms.lookup(providerId, vmId).orElseThrow(() -> new NotFoundException("VM", vmId));
  }

  /** The organisation whose group the VM is in. */
  private long tenantOf(long providerId, VirtualMachine vm) {
    for (Map.Entry<Long, Integer> group : accounts.groups(providerId).entrySet()) {
      if (group.getValue() == vm.groupId()) {
        return group.getKey();
      }
    }
    throw new InvalidInputException(
        FieldError.of("vm", "drift.error.noGroup", String.valueOf(vm.id())));
  }

  /** A name Federa's orders can have: the VM's, without what order names may not hold. */
  static String orderName(VirtualMachine vm) {
    String name = vm.name() == null ? "" : vm.name().replaceAll("[^A-Za-z0-9-]", "-");
    name = name.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    if (name.isEmpty()) {
      name = "vm-" + vm.id();
    }
    return truncated(name, 63);
  }

  private static String truncated(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** Checks the provider again; false when it cannot be asked now (its next pass will). */
  private boolean recheck(long providerId) {
    try {
      drift.refresh(providerId);
      return true;
    } catch (CloudException e) {
      LOG.warning(
          () ->
              "Provider " + providerId + " could not be checked after a repair: " + e.getMessage());
      return false;
    }
  }
}
