package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.HistoryRecord;
import eu.federa.cloud.Host;
import eu.federa.cloud.Image;
import eu.federa.cloud.PciDevice;
import eu.federa.cloud.PowerAction;
import eu.federa.cloud.Template;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.VmShape;
import eu.federa.cloud.VmState;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.cloud.opennebula.RecoverOperation;
import eu.federa.cloud.opennebula.VmAction;
import eu.federa.platform.security.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * VMs at a provider, for provisioning. A tenant's VM is created by the tenant's agent user (so the
 * tenant's group quota applies at the provider) on hold, then deployed by Federa's provider account
 * to the host placement chose, with capacity enforced. A provider that does not let Federa's
 * account deploy gets the VM with {@code SCHED_REQUIREMENTS} naming the host instead, and its own
 * scheduler starts it there.
 */
@ApplicationScoped
public class ProviderVms {

  /** The attribute of the VM's template that carries Federa's order id. */
  public static final String ORDER_ATTRIBUTE = "FEDERA_ORDER_ID";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject TenantAccounts accounts;

  /**
   * @param deployed true when deployed by Federa, false when left to the provider's scheduler
   */
  public record PinnedVm(int vmId, int oneHostId, boolean deployed) {}

  /**
   * @param hostId the registry's id of the host (as placement returns it)
   * @throws ProviderNotFoundException for an unknown provider
   * @throws NotFoundException for a host not of that provider
   * @throws eu.federa.cloud.CloudException when the provider refuses or cannot be reached
   */
  public PinnedVm createOnHost(long providerId, long hostId, String template) {
    ProviderConnection connection = connection(providerId);
    OpenNebulaClient admin = clients.clientFor(connection);
    int oneHostId = oneHostId(providerId, hostId);
    int vmId = admin.allocateVm(template, true);
    return deployOrSchedule(
        admin,
        vmId,
        oneHostId,
        () -> admin.allocateVm(template + schedRequirements(oneHostId), false));
  }

  /**
   * Creates the tenant's VM from one of the provider's templates on the chosen host, carrying the
   * order id. The tenant's account must have been prepared ({@link TenantAccounts#prepare}).
   *
   * @param shape the size, GPUs and appliance attributes, written into the template by cloud
   */
  public PinnedVm createForTenant(
      long providerId,
      long tenantId,
      long hostId,
      int templateId,
      String vmName,
      String orderId,
      VmShape shape) {
    ProviderConnection connection = connection(providerId);
    OpenNebulaClient admin = clients.clientFor(connection);
    OpenNebulaClient agent = agentClient(connection, tenantId);
    int oneHostId = oneHostId(providerId, hostId);
    Template template =
        shape.sshPublicKeys().isEmpty() && shape.diskMib() <= 0 ? null : admin.template(templateId);
    shape = withBootDisk(admin, shape);
    // Keys go into the VM's CONTEXT, which replaces the template's: repeat the template's own.
    Map<String, String> context = shape.sshPublicKeys().isEmpty() ? Map.of() : template.context();
    String extra =
        shape.templateText(context)
            + grownDisks(admin, template, shape)
            + ORDER_ATTRIBUTE
            + " = \""
            + VmShape.quotedValue(orderId)
            + "\"\n";
    int vmId = agent.instantiateTemplate(templateId, vmName, true, extra, false);
    return deployOrSchedule(
        admin,
        vmId,
        oneHostId,
        () ->
            agent.instantiateTemplate(
                templateId, vmName, false, extra + schedRequirements(oneHostId), false));
  }

  private PinnedVm deployOrSchedule(
      OpenNebulaClient admin, int vmId, int oneHostId, IntSupplier scheduled) {
    try {
      admin.deployVm(vmId, oneHostId, true, -1);
      return new PinnedVm(vmId, oneHostId, true);
    } catch (CloudApiException.NotAuthorized refused) {
      admin.recoverVm(vmId, RecoverOperation.DELETE);
      return new PinnedVm(scheduled.getAsInt(), oneHostId, false);
    }
  }

  /**
   * The shape with its boot disk's size where it boots from an image of its own: never below the
   * image's size (the provider only grows a disk), left as the image is when that is enough.
   */
  private static VmShape withBootDisk(OpenNebulaClient admin, VmShape shape) {
    if (shape.bootImageId() == null || shape.diskMib() <= 0) {
      return shape;
    }
    long imageMib = admin.image(shape.bootImageId()).sizeMib();
    return shape.withDiskMib(shape.diskMib() > imageMib ? shape.diskMib() : 0);
  }

  /**
   * The template's disks with its boot disk grown to the size ordered, when its image is smaller:
   * the VM then has the disk its size promises, and the provider's count of it agrees with
   * Federa's. A boot disk with a SIZE of its own, or whose image is not found, is left.
   */
  private static String grownDisks(OpenNebulaClient admin, Template template, VmShape shape) {
    if (template == null || shape.bootImageId() != null || template.disks().isEmpty()) {
      return "";
    }
    Map<String, String> boot = template.disks().get(0);
    if (boot.containsKey("SIZE")) {
      return "";
    }
    Long imageMib = imageMib(admin, boot);
    return imageMib == null ? "" : shape.grownDisksText(template.disks(), imageMib);
  }

  /** The size of the image a template's disk names, by IMAGE_ID or by a unique IMAGE name. */
  private static Long imageMib(OpenNebulaClient admin, Map<String, String> disk) {
    String id = disk.get("IMAGE_ID");
    if (id != null && id.trim().matches("\\d{1,9}")) {
      return admin.image(Integer.parseInt(id.trim())).sizeMib();
    }
    String name = disk.get("IMAGE");
    if (name == null || name.isBlank()) {
      return null; // a volatile disk
    }
    List<Image> named =
        admin.imagePool(-2, -1, -1).stream().filter(i -> name.equals(i.name())).toList();
    return named.size() == 1 ? named.get(0).sizeMib() : null;
  }

  private static String schedRequirements(int oneHostId) {
    return "\nSCHED_REQUIREMENTS=\"ID = " + oneHostId + "\"\n";
  }

  /** The tenant's VM that carries the order id, if one was created (a retry adopts it). */
  public Optional<VirtualMachine> findByOrder(long providerId, long tenantId, String orderId) {
    OpenNebulaClient agent = agentClient(connection(providerId), tenantId);
    return agent
        .vmPoolExtended(OpenNebulaClient.ALL, -1, -1, OpenNebulaClient.ANY_BUT_DONE)
        .stream()
        .filter(vm -> orderId.equals(vm.userTemplate().get(ORDER_ATTRIBUTE)))
        .findFirst();
  }

  /**
   * Every VM at the provider that carries a Federa order id (any owner, any state but DONE), as
   * Federa's provider account sees them: what the reconciler compares with the orders.
   */
  public List<VirtualMachine> federaVms(long providerId) {
    return allVms(providerId).stream()
        .filter(vm -> vm.userTemplate().containsKey(ORDER_ATTRIBUTE))
        .toList();
  }

  /** Every VM at the provider in any state but DONE, any owner: for the drift check. */
  public List<VirtualMachine> allVms(long providerId) {
    return clients
        .clientFor(connection(providerId))
        .vmPoolExtended(OpenNebulaClient.ALL, -1, -1, OpenNebulaClient.ANY_BUT_DONE);
  }

  /**
   * The GPUs each VM holds, by VM id: the names of the hosts' devices it holds. A VM's own PCI
   * attributes say which address it has, not what the device is; the host's device does.
   */
  public Map<Integer, List<String>> gpusByVm(long providerId) {
    Map<Integer, List<String>> gpus = new HashMap<>();
    for (Host host : clients.clientFor(connection(providerId)).hostPool()) {
      for (PciDevice device : host.pciDevices()) {
        if (device.isGpu() && !device.isFree()) {
          gpus.computeIfAbsent(device.vmId(), id -> new ArrayList<>())
              .add(device.deviceName() == null ? "" : device.deviceName());
        }
      }
    }
    return gpus;
  }

  /**
   * Makes a VM of the tenant's group the tenant's in Federa's terms: given to the tenant's agent
   * user (so that Federa acts on it as on the VMs it made) and carrying the order id. Repeating it
   * changes nothing.
   *
   * @throws NotFoundException when the tenant has no account at the provider
   */
  public void adopt(long providerId, long tenantId, int vmId, String orderRef) {
    TenantAccounts.TenantAccount account =
        accounts
            .existing(providerId, tenantId)
            .orElseThrow(() -> new NotFoundException("tenant account", tenantId));
    OpenNebulaClient admin = clients.clientFor(connection(providerId));
    admin.chownVm(vmId, account.userId(), account.groupId());
    admin.updateVmUserTemplate(
        vmId, ORDER_ATTRIBUTE + " = \"" + VmShape.quotedValue(orderRef) + "\"\n");
  }

  /**
   * The provider's accounting of all VMs' host stays since {@code from} (running times included),
   * as Federa's provider account sees them.
   */
  public List<HistoryRecord> accounting(long providerId, Instant from) {
    return clients.clientFor(connection(providerId)).accounting(OpenNebulaClient.ALL, from, null);
  }

  /**
   * The VM asked for by id with Federa's provider account (one.vm.info), or empty when the provider
   * says it is DONE or does not know it: the confirmation that a VM missing from a listing is gone.
   *
   * @throws eu.federa.cloud.CloudException when the provider cannot be asked (nothing is known)
   */
  public Optional<VirtualMachine> lookup(long providerId, int vmId) {
    try {
      VirtualMachine vm = clients.clientFor(connection(providerId)).vm(vmId);
      return vm.state().is(VmState.DONE) ? Optional.empty() : Optional.of(vm);
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  /** The VM as the provider reports it now. */
  public VirtualMachine vm(long providerId, long tenantId, int vmId) {
    return agentClient(connection(providerId), tenantId).vm(vmId);
  }

  /**
   * Whether the provider monitors the tenant's VM: it has a monitoring record taken at or after
   * {@code since} (a VM that runs and answers its host's probes, in OpenNebula's terms).
   */
  public boolean monitoredSince(long providerId, long tenantId, int vmId, Instant since) {
    return agentClient(connection(providerId), tenantId).vmMonitoring(vmId).stream()
        .anyMatch(
            m ->
                m.timestamp() != null
                    && !m.timestamp().isBefore(since.truncatedTo(ChronoUnit.SECONDS)));
  }

  /** A life-cycle action on the tenant's VM. */
  public void act(long providerId, long tenantId, int vmId, PowerAction action) {
    agentClient(connection(providerId), tenantId).vmAction(actionOf(action), vmId);
  }

  /** OpenNebula's action for each of Federa's. */
  static VmAction actionOf(PowerAction action) {
    return switch (action) {
      case POWER_OFF -> VmAction.POWEROFF;
      case POWER_ON -> VmAction.RESUME;
      case REBOOT -> VmAction.REBOOT;
      case TERMINATE -> VmAction.TERMINATE_HARD;
    };
  }

  /** Changes the CPU and memory of the tenant's powered-off VM, its host's capacity enforced. */
  public void resize(long providerId, long tenantId, int vmId, int vcpu, long memoryMib) {
    agentClient(connection(providerId), tenantId)
        .resizeVm(
            vmId,
            "CPU = \"" + vcpu + "\"\nVCPU = \"" + vcpu + "\"\nMEMORY = \"" + memoryMib + "\"\n",
            true);
  }

  /**
   * Moves the tenant's powered-off VM to another host of its provider (a cold migration by Federa's
   * provider account, the host's capacity enforced).
   */
  public void moveToHost(long providerId, int vmId, long hostId) {
    migrate(providerId, vmId, hostId, false);
  }

  /**
   * Moves the VM to another host of its provider by Federa's provider account, the host's capacity
   * enforced: live (it keeps running) or cold (saved, copied and booted again there, for a VM that
   * holds a GPU, or stopped).
   */
  public void migrate(long providerId, int vmId, long hostId, boolean live) {
    clients
        .clientFor(connection(providerId))
        .migrateVm(vmId, oneHostId(providerId, hostId), live, true, -1);
  }

  /**
   * Whether the VM stayed on the registry's host {@code hostId} at or after {@code since} and left
   * it again: a migration there that the provider undid (OpenNebula brings a VM whose live
   * migration failed back to its old host, in a record of its own).
   */
  public boolean leftSince(long providerId, VirtualMachine vm, long hostId, Instant since) {
    int oneHost = oneHostId(providerId, hostId);
    Instant from = since.truncatedTo(ChronoUnit.SECONDS);
    List<HistoryRecord> stays = vm.history();
    for (int i = 0; i < stays.size() - 1; i++) {
      HistoryRecord stay = stays.get(i);
      if (stay.hostId() == oneHost && stay.start() != null && !stay.start().isBefore(from)) {
        return true;
      }
    }
    return false;
  }

  /** The registry's id of the provider's host {@code oneHostId}, or null when it has none. */
  public Long hostOf(long providerId, int oneHostId) {
    return em.createQuery(
            "select h.id from ProviderHost h where h.providerId = :p and h.oneHostId = :o",
            Long.class)
        .setParameter("p", providerId)
        .setParameter("o", oneHostId)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  /** Whether the VM's current stay is on the registry's host {@code hostId}. */
  public boolean isOnHost(long providerId, VirtualMachine vm, long hostId) {
    return !vm.history().isEmpty()
        && vm.history().get(vm.history().size() - 1).hostId() == oneHostId(providerId, hostId);
  }

  /**
   * Undoes a move that failed at the provider (a cold migration stuck in a *_FAILURE state):
   * OpenNebula's "recover failure" takes the VM back to its previous host, powered off.
   */
  public void recoverFailedMove(long providerId, int vmId) {
    clients.clientFor(connection(providerId)).recoverVm(vmId, RecoverOperation.FAILURE);
  }

  /**
   * Removes the VM whatever its state (compensation after a failure); a VM that is gone already
   * counts as removed.
   */
  public void delete(long providerId, int vmId) {
    try {
      clients.clientFor(connection(providerId)).recoverVm(vmId, RecoverOperation.DELETE);
    } catch (CloudApiException.NotFound gone) {
      // nothing left to remove
    }
  }

  private ProviderConnection connection(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return connection;
  }

  private OpenNebulaClient agentClient(ProviderConnection connection, long tenantId) {
    return accounts.agent(connection.providerId(), tenantId);
  }

  private int oneHostId(long providerId, long hostId) {
    List<Integer> found =
        em.createQuery(
                "select h.oneHostId from ProviderHost h where h.id = :h and h.providerId = :p",
                Integer.class)
            .setParameter("h", hostId)
            .setParameter("p", providerId)
            .getResultList();
    if (found.isEmpty()) {
      throw new NotFoundException("host", hostId);
    }
    return found.get(0);
  }
}
