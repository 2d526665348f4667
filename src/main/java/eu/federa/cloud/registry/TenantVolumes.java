package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.Image;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.opennebula.Acl;
import eu.federa.cloud.opennebula.Acl.Resource;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's volumes and disk snapshots at a provider: persistent datablock images made by the
 * tenant's agent user (so they are the tenant's, and count in its group's quotas there),
 * hot-plugged into its VMs and removed again. Each call is one provider request or two; the caller
 * keeps the state and repeats a step safely: an image is found by its name before it is made.
 */
@ApplicationScoped
public class TenantVolumes {

  @Inject TenantAccounts accounts;
  @Inject ProviderClients clients;
  @Inject SyncWork work;

  /** The name of a volume's image at its provider: how a retry finds what an attempt made. */
  public static String imageName(long volumeId) {
    return "federa-volume-" + volumeId;
  }

  /**
   * The datastore of the VM's first image disk: a volume of the VM is made there, where the VM's
   * cluster can reach it.
   *
   * @throws VolumeUnsupportedException when the VM has no disk from an image datastore
   */
  public int datastoreOf(VirtualMachine vm) {
    return vm.disks().stream()
        .filter(d -> d.imageId() >= 0 && d.datastoreId() >= 0)
        .mapToInt(VirtualMachine.Disk::datastoreId)
        .findFirst()
        .orElseThrow(VolumeUnsupportedException::new);
  }

  /**
   * Makes the volume's image, an empty persistent datablock of {@code sizeGib}, in {@code
   * datastoreId}; or finds the one an earlier attempt made.
   *
   * @return its image id (the image is LOCKED until the datastore has made it)
   */
  public int create(long providerId, long tenantId, long volumeId, int sizeGib, int datastoreId) {
    TenantAccounts.TenantAccount account = accounts.prepare(providerId, tenantId);
    OpenNebulaClient admin = clients.clientFor(connection(providerId));
    TenantAccounts.grant(admin, Acl.create(account.groupId(), Set.of(Resource.IMAGE)));
    TenantAccounts.grant(admin, Acl.use(account.groupId(), Resource.DATASTORE, datastoreId));
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    String name = imageName(volumeId);
    Optional<Image> earlier = mine(agent, name);
    if (earlier.isPresent()) {
      return earlier.get().id();
    }
    String template =
        "NAME = \""
            + name
            + "\"\nTYPE = \"DATABLOCK\"\nPERSISTENT = \"YES\"\nSIZE = \""
            + (long) sizeGib * 1024
            + "\"\n";
    try {
      return agent.allocateImage(template, datastoreId);
    } catch (CloudApiException.AllocationFailed taken) {
      // Made meanwhile by a racing attempt (the name is the owner's, once): adopt it.
      return mine(agent, name).orElseThrow(() -> taken).id();
    }
  }

  private static Optional<Image> mine(OpenNebulaClient agent, String name) {
    return agent.imagePool(-3, -1, -1).stream().filter(i -> name.equals(i.name())).findFirst();
  }

  /** The volume's image as the provider reports it now. */
  public Image image(long providerId, long tenantId, int imageId) {
    return accounts.agent(providerId, tenantId).image(imageId);
  }

  /** Sends the hot-plug of the image into the tenant's VM; the VM reports how it went. */
  public void attach(long providerId, long tenantId, int vmId, int imageId) {
    accounts.agent(providerId, tenantId).attachDisk(vmId, "DISK = [ IMAGE_ID = " + imageId + " ]");
  }

  /** Sends the removal of a disk from the tenant's VM; its image stays. */
  public void detach(long providerId, long tenantId, int vmId, int diskId) {
    accounts.agent(providerId, tenantId).detachDisk(vmId, diskId);
  }

  /** Deletes the volume's image; one the provider no longer has is deleted already. */
  public void delete(long providerId, long tenantId, int imageId) {
    try {
      accounts.agent(providerId, tenantId).deleteImage(imageId);
    } catch (CloudApiException.NotFound gone) {
      // deleted before
    }
  }

  /**
   * The VM's own disk, the one its snapshots are of: its first disk made from an image.
   *
   * @throws VolumeUnsupportedException when it has none
   */
  public int systemDisk(VirtualMachine vm) {
    return vm.disks().stream()
        .filter(d -> d.imageId() >= 0)
        .mapToInt(VirtualMachine.Disk::diskId)
        .findFirst()
        .orElseThrow(VolumeUnsupportedException::new);
  }

  /** Sends a snapshot of the tenant's VM's disk; its id on the disk. */
  public int takeSnapshot(long providerId, long tenantId, int vmId, int diskId, String name) {
    return accounts.agent(providerId, tenantId).createDiskSnapshot(vmId, diskId, name);
  }

  /** Sends the revert of a disk to a snapshot (the VM powered off). */
  public void revertSnapshot(long providerId, long tenantId, int vmId, int diskId, int snapshotId) {
    accounts.agent(providerId, tenantId).revertDiskSnapshot(vmId, diskId, snapshotId);
  }

  public void deleteSnapshot(long providerId, long tenantId, int vmId, int diskId, int snapshotId) {
    accounts.agent(providerId, tenantId).deleteDiskSnapshot(vmId, diskId, snapshotId);
  }

  /** Sends the revert of a detached volume's image to one of its snapshots. */
  public void revertImageSnapshot(long providerId, long tenantId, int imageId, int snapshotId) {
    accounts.agent(providerId, tenantId).revertImageSnapshot(imageId, snapshotId);
  }

  /** Sends the deletion of one of a detached volume's snapshots, kept by its image. */
  public void deleteImageSnapshot(long providerId, long tenantId, int imageId, int snapshotId) {
    accounts.agent(providerId, tenantId).deleteImageSnapshot(imageId, snapshotId);
  }

  private ProviderConnection connection(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return connection;
  }
}
