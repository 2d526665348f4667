package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.Datastore;
import eu.federa.cloud.Image;
import eu.federa.cloud.Template;
import eu.federa.cloud.VmShape;
import eu.federa.cloud.opennebula.Acl;
import eu.federa.cloud.opennebula.Acl.Resource;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's VM backups at a provider: made by {@code one.vm.backup} into the provider's backup
 * datastore as backup images of the tenant's agent user, deleted, and restored ({@code
 * one.image.restore}) into images and a VM template from which a new VM is made. Each call is one
 * provider request or a few; the caller keeps the state, and a repeated restore finds the template
 * an earlier attempt made by its name.
 */
@ApplicationScoped
public class TenantBackups {

  @Inject TenantAccounts accounts;
  @Inject ProviderClients clients;
  @Inject SyncWork work;

  /**
   * The provider's backup datastore (the first one, by id).
   *
   * @throws BackupUnsupportedException when it has none
   */
  public int backupDatastore(long providerId) {
    return first(providerId, Datastore.BACKUP, "backup datastore");
  }

  /** Whether the provider keeps backups (has a backup datastore). */
  public boolean offersBackups(long providerId) {
    try {
      backupDatastore(providerId);
      return true;
    } catch (BackupUnsupportedException e) {
      return false;
    }
  }

  private int first(long providerId, int type, String what) {
    return clients.clientFor(connection(providerId)).datastorePool().stream()
        .filter(d -> d.type() == type)
        .min(Comparator.comparingInt(Datastore::id))
        .map(Datastore::id)
        .orElseThrow(() -> new BackupUnsupportedException(what));
  }

  /**
   * Sends the backup of the tenant's VM into {@code datastoreId}. OpenNebula counts a backup among
   * the ADMIN operations of a VM, which its owner lacks: Federa's own account sends it. The backup
   * image is the VM owner's all the same (the organisation's agent), which deletes and restores it.
   */
  public void backUp(long providerId, int vmId, int datastoreId) {
    clients.clientFor(connection(providerId)).backupVm(vmId, datastoreId);
  }

  /** The backup image as the provider reports it now; empty when it no longer has it. */
  public Optional<Image> image(long providerId, long tenantId, int imageId) {
    try {
      return Optional.of(accounts.agent(providerId, tenantId).image(imageId));
    } catch (CloudApiException.NotFound gone) {
      return Optional.empty();
    }
  }

  /** Deletes the backup image; one the provider no longer has is deleted already. */
  public void delete(long providerId, long tenantId, int imageId) {
    try {
      accounts.agent(providerId, tenantId).deleteImage(imageId);
    } catch (CloudApiException.NotFound gone) {
      // deleted before
    }
  }

  /**
   * The VM template restored from the backup image under {@code name}: found when an earlier
   * attempt made it, else restored now into the provider's first image datastore (images named
   * {@code <name>-disk-<n>}, the template {@code name}, without the backed-up VM's network
   * interfaces: the new VM gets the organisation's own). Images an attempt left without a template
   * are removed first.
   *
   * @return the template's id
   * @throws BackupUnsupportedException when the provider has no image datastore
   */
  public int restore(long providerId, long tenantId, int backupImageId, String name) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    Optional<Template> earlier = template(agent, name);
    if (earlier.isPresent()) {
      return earlier.get().id();
    }
    removeImages(agent, name);
    int datastoreId = imageDatastoreFor(providerId, tenantId);
    String options = "NAME = \"" + name + "\"\nNO_NIC = \"YES\"\n";
    List<Integer> made = agent.restoreImage(backupImageId, datastoreId, options);
    return made.get(0);
  }

  /**
   * The provider's first image datastore, where the tenant's agent may now create images.
   *
   * @throws BackupUnsupportedException when the provider has none
   */
  private int imageDatastoreFor(long providerId, long tenantId) {
    int datastoreId = first(providerId, Datastore.IMAGE, "image datastore");
    TenantAccounts.TenantAccount account = accounts.prepare(providerId, tenantId);
    OpenNebulaClient admin = clients.clientFor(connection(providerId));
    TenantAccounts.grant(admin, Acl.create(account.groupId(), Set.of(Resource.IMAGE)));
    TenantAccounts.grant(admin, Acl.use(account.groupId(), Resource.DATASTORE, datastoreId));
    return datastoreId;
  }

  /**
   * The tenant's image of an imported disk, named {@code name}: found when an earlier attempt made
   * it, else allocated now in the provider's first image datastore from {@code url}, which the
   * provider downloads (the image is LOCKED meanwhile, then READY, or ERROR when it could not).
   *
   * @return the image's id
   * @throws BackupUnsupportedException when the provider has no image datastore
   */
  public int importDisk(long providerId, long tenantId, String url, String name) {
    return importFrom(providerId, tenantId, url, name, "TYPE = \"OS\"\nPERSISTENT = \"NO\"\n");
  }

  /**
   * The same for a volume's disk: a persistent datablock of the tenant (a volume moving with its
   * VM), in the provider's first image datastore.
   */
  public int importVolume(long providerId, long tenantId, String url, String name) {
    return importFrom(
        providerId, tenantId, url, name, "TYPE = \"DATABLOCK\"\nPERSISTENT = \"YES\"\n");
  }

  private int importFrom(long providerId, long tenantId, String url, String name, String kind) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    Optional<Image> earlier =
        agent.imagePool(-3, -1, -1).stream().filter(i -> name.equals(i.name())).findFirst();
    if (earlier.isPresent()) {
      return earlier.get().id();
    }
    int datastoreId = imageDatastoreFor(providerId, tenantId);
    return agent.allocateImage(
        "NAME = \""
            + VmShape.quotedValue(name)
            + "\"\n"
            + kind
            + "FORMAT = \"qcow2\"\nPATH = \""
            + VmShape.quotedValue(url)
            + "\"\nDESCRIPTION = \"Imported by Federa\"\n",
        datastoreId);
  }

  /**
   * Deletes the tenant's image named {@code name} (an imported disk whose VM is gone); nothing
   * there, or an image still held by a VM on its way out, is left as it is.
   */
  public void forgetImport(long providerId, long tenantId, String name) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    for (Image image : agent.imagePool(-3, -1, -1)) {
      if (image.name().equals(name)) {
        try {
          agent.deleteImage(image.id());
        } catch (CloudApiException.NotFound | CloudApiException.WrongState gone) {
          // deleted meanwhile, or still in use: the tenant's erasure removes it at the latest
        }
      }
    }
  }

  /**
   * Removes what a restore made under {@code name}, once the VM made from it is gone: its template
   * and its images. Nothing there is nothing to do.
   */
  public void forgetRestore(long providerId, long tenantId, String name) {
    OpenNebulaClient agent = accounts.agent(providerId, tenantId);
    Optional<Template> template = template(agent, name);
    if (template.isPresent()) {
      try {
        agent.deleteTemplate(template.get().id());
      } catch (CloudApiException.NotFound gone) {
        // deleted meanwhile
      }
    }
    removeImages(agent, name);
  }

  private static Optional<Template> template(OpenNebulaClient agent, String name) {
    return agent.templatePool(-3, -1, -1).stream().filter(t -> name.equals(t.name())).findFirst();
  }

  private static void removeImages(OpenNebulaClient agent, String name) {
    String prefix = name + "-disk-";
    for (Image image : agent.imagePool(-3, -1, -1)) {
      if (image.name().startsWith(prefix)) {
        try {
          agent.deleteImage(image.id());
        } catch (CloudApiException.NotFound gone) {
          // deleted meanwhile
        } catch (CloudApiException.WrongState inUse) {
          // still held by a VM on its way out: left there (a restore's leftover, not the VM)
        }
      }
    }
  }

  private ProviderConnection connection(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return connection;
  }
}
