package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.ExportedDisk;
import eu.federa.cloud.Marketplace;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.security.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's disks taken out of a provider for its export bundle, the way OpenNebula offers it: the
 * disk is saved as a new image of the tenant (one.vm.disksaveas, the VM keeps running), the image
 * is published to the provider's http marketplace (one.marketapp.allocate with its ORIGIN_ID),
 * whose web server then serves its bytes at the app's SOURCE; Federa downloads them with ranges, so
 * a cut transfer resumes. Both copies at the provider are deleted once Federa has the bytes. Called
 * by portability; no transaction is held during a provider call or a transfer.
 */
@ApplicationScoped
public class DiskExports {

  /** OpenNebula's image states that matter here. */
  public static final int IMAGE_READY = 1;

  public static final int IMAGE_ERROR = 5;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject TenantAccounts accounts;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** One disk of a VM: its id in the VM and its size. */
  public record Disk(int diskId, long sizeMib) {}

  /** The VM's disks with data (its image disks and volatile disks), by DISK_ID. */
  public List<Disk> disksOf(long providerId, long tenantId, int vmId) {
    VirtualMachine vm = accounts.agent(providerId, tenantId).vm(vmId);
    return vm.disks().stream()
        .filter(d -> d.sizeMib() > 0)
        .map(d -> new Disk(d.diskId(), d.sizeMib()))
        .toList();
  }

  /**
   * Saves the disk as a new image named {@code name}, given to the tenant's group (so that the
   * tenant's erasure finds it if it is left behind); its id. The name is the export's own: an image
   * of that name an earlier attempt saved is adopted. Saved by the provider's administrator: a
   * tenant's group may not create images.
   */
  public int saveAs(long providerId, long tenantId, int vmId, int diskId, String name) {
    TenantAccounts.TenantAccount account =
        accounts
            .existing(providerId, tenantId)
            .orElseThrow(() -> new NotFoundException("tenant account", tenantId));
    OpenNebulaClient admin = admin(providerId);
    // An attempt that died after saving (before Federa recorded it) left the image: adopted.
    Optional<Integer> saved =
        admin.imagePool(-2, -1, -1).stream()
            .filter(i -> i.name().equals(name))
            .map(i -> i.id())
            .findFirst();
    int imageId = saved.isPresent() ? saved.get() : admin.diskSaveAs(vmId, diskId, name);
    admin.chownImage(imageId, account.userId(), account.groupId());
    return imageId;
  }

  /** The state of an image of the tenant (1 READY, 4 LOCKED, 5 ERROR). */
  public int imageState(long providerId, long tenantId, int imageId) {
    return admin(providerId).image(imageId).state();
  }

  /** The provider's http marketplace that serves exported images, if it has one. */
  public Optional<Marketplace> exportMarketplace(long providerId) {
    return admin(providerId).marketplacePool().stream()
        .filter(m -> "http".equals(m.driver()) && m.baseUrl() != null && !m.baseUrl().isBlank())
        .findFirst();
  }

  /** Publishes the image to the marketplace; the app's id. */
  public int publish(long providerId, int imageId, String name, int marketplaceId) {
    return admin(providerId)
        .allocateMarketApp(
            "NAME = \"" + name.replace("\"", "") + "\"\nORIGIN_ID = \"" + imageId + "\"\n",
            marketplaceId);
  }

  /** Where the published disk is: its state, source, MD5 and size. */
  public ExportedDisk published(long providerId, int appId) {
    return admin(providerId).marketApp(appId);
  }

  /**
   * The disk's bytes from {@code from} on. A server that ignores the range sends all of them: the
   * ones before {@code from} are skipped.
   *
   * @throws IOException when the provider's web server cannot be reached or refuses
   */
  public InputStream open(String source, long from) throws IOException {
    URI uri = URI.create(source);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IOException("not an http(s) address: " + source);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(30));
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    HttpResponse<InputStream> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (answer.statusCode() == 206 || (answer.statusCode() == 200 && from == 0)) {
      return answer.body();
    }
    if (answer.statusCode() == 200) {
      InputStream all = answer.body();
      all.skipNBytes(from);
      return all;
    }
    answer.body().close();
    throw new Refused(answer.statusCode(), source);
  }

  /** The disk's web server answered, but not with the disk: {@link #status()} says what. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String source) {
      super("the server answered " + status + " for " + source);
      this.status = status;
    }

    /** The HTTP status the server answered with. */
    public int status() {
      return status;
    }
  }

  /**
   * Deletes the published app and the saved image at the provider; what is gone already is fine.
   */
  public void discard(long providerId, long tenantId, Integer appId, Integer imageId) {
    if (appId != null) {
      try {
        admin(providerId).deleteMarketApp(appId);
      } catch (CloudApiException.NotFound gone) {
        // deleted before
      }
    }
    if (imageId != null) {
      try {
        admin(providerId).deleteImage(imageId);
      } catch (CloudApiException.NotFound gone) {
        // deleted before
      }
    }
  }

  private OpenNebulaClient admin(long providerId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    return clients.clientFor(connection);
  }
}
