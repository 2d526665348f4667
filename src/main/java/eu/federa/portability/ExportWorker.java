package eu.federa.portability;

import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.platform.Incidents;
import eu.federa.platform.config.Setting;
import eu.federa.platform.export.TenantDataSection;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.text.Reason;
import eu.federa.platform.work.Ticker;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes export bundles on any node: claims one from the database (SKIP LOCKED) with a lease,
 * writes every capability's {@link TenantDataSection} into it, one transaction per section, and
 * renews the lease after each, so that the lease never runs out under running work and a bundle
 * whose node stopped is written again elsewhere. A bundle is complete only once moved to its final
 * name; a failed attempt leaves nothing. Also deletes the bundles whose retention is over.
 */
@ApplicationScoped
public class ExportWorker {

  private static final Logger LOG = Logger.getLogger(ExportWorker.class.getName());

  /** Longer than any one section takes to write; renewed after each. */
  static final Duration LEASE = Duration.ofMinutes(10);

  /** How long an export waits for a VM moving between providers before it looks again. */
  static final Duration MOVES_WAIT = Duration.ofSeconds(10);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject ExportSteps steps;
  @Inject ExportMetrics exportMetrics;
  @Inject DiskCopier disks;
  @Inject LinkSigner signer;
  @Inject @Any Instance<TenantDataSection> sections;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 700)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, Duration.ofSeconds(5), watch(), "Export worker", this::tick);
    ticker.every(scheduler, 1, 5, "Export metrics", exportMetrics::read);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  private static Duration watch() {
    return Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
  }

  /** Deletes expired bundles and writes the next one due; how many it handled. */
  public int tick() {
    int handled = 0;
    try {
      handled += steps.expireDue();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "An expired export bundle could not be deleted; tried again", e);
    }
    List<TenantDataSection> all = sections();
    Optional<ExportSteps.Claim> claim = steps.claimNext(LEASE, all.size());
    if (claim.isPresent()) {
      write(claim.get(), all);
      handled++;
    }
    return handled;
  }

  /** Every capability's section, in the order of their names. */
  List<TenantDataSection> sections() {
    return sections.stream().sorted(Comparator.comparing(TenantDataSection::name)).toList();
  }

  private void write(ExportSteps.Claim claim, List<TenantDataSection> all) {
    Path partial = ExportFiles.partial(claim.id(), claim.token());
    try (Jsonb jsonb = JsonbBuilder.create()) {
      int files;
      // The disks first: the longest part, resumed by a later attempt where this one stopped.
      if (disks.unsettled(claim)) {
        steps.waitForMoves(claim, MOVES_WAIT);
        return;
      }
      steps.progressed(claim, 0, 0, "disks", LEASE);
      disks.copyAll(claim, LEASE);
      try (BundleZip zip = new BundleZip(partial, jsonb, schemaBase(), claim.tenantId())) {
        for (int i = 0; i < all.size(); i++) {
          steps.progressed(claim, i, zip.fileCount(), all.get(i).name(), LEASE);
          steps.write(all.get(i), claim.scope(), zip);
        }
        writeDisks(claim, zip);
        steps.progressed(claim, all.size(), zip.fileCount(), "manifest", LEASE);
        zip.finish(
            steps.tenantName(claim.tenantId()),
            claim.projectId(),
            issuer(),
            clock.instant(),
            content -> signer.sign(MANIFEST_SIGNATURE, content));
        files = zip.fileCount() + 1;
      }
      Path bundle = ExportFiles.bundle(claim.id());
      Files.move(
          partial, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      steps.ready(claim, files, Files.size(bundle), sha256(bundle));
    } catch (ExportSteps.LostClaim lost) {
      LOG.info(() -> lost.getMessage() + "; another node writes it");
      deleteQuietly(partial);
    } catch (Exception e) {
      String incident = Incidents.logged(LOG, "Export " + claim.id() + " could not be written", e);
      deleteQuietly(partial);
      // The exception's text is for the operators (logged above), not the reader's sentence.
      steps.failed(claim, Reason.keyed("export.reason.portalError", incident));
    }
  }

  /** A VM disk as {@code disks.json} lists it. */
  public record DiskItem(
      long orderId,
      String vmName,
      String provider,
      int diskId,
      long sizeMib,
      String state,
      String format,
      Long sizeBytes,
      String md5,
      String sha256,
      String path,
      String url,
      String problem) {}

  /**
   * {@code disks.json}, and the disks small enough to travel in the bundle; a larger one is listed
   * with its signed download link, which works as long as the bundle is kept.
   */
  private void writeDisks(ExportSteps.Claim claim, BundleZip zip) throws IOException {
    long inlineBytes = Setting.EXPORT_INLINE_DISK_MIB.intValue() * 1024L * 1024L;
    List<ExportDisk> all = steps.disks(claim.id());
    List<DiskItem> items = new java.util.ArrayList<>();
    for (ExportDisk d : all) {
      boolean done = d.state == DiskTransfer.State.DONE;
      boolean inline = done && d.sizeBytes != null && d.sizeBytes <= inlineBytes;
      items.add(
          new DiskItem(
              d.orderId,
              d.vmName,
              d.providerName,
              d.diskId,
              d.sizeMib,
              d.state.name(),
              d.format,
              d.sizeBytes,
              d.md5,
              d.sha256,
              inline ? d.fileName() : null,
              done && !inline ? diskUrl(d) : null,
              d.reason));
    }
    steps.progressed(claim, sections().size(), zip.fileCount(), "disks", LEASE);
    zip.items("disks.json", "disks", items.stream());
    for (ExportDisk d : all) {
      if (d.state == DiskTransfer.State.DONE && d.sizeBytes != null && d.sizeBytes <= inlineBytes) {
        zip.file(d.fileName(), ExportFiles.disk(d.exportId, d.id));
      }
    }
  }

  /** The signed link a large disk is downloaded from, without signing in. */
  String diskUrl(ExportDisk d) {
    String publicUrl = Setting.PUBLIC_URL.value();
    String base = publicUrl.isBlank() ? "" : publicUrl.replaceAll("/+$", "") + "/";
    return base
        + "disks/"
        + d.exportId
        + "/"
        + d.id
        + "?s="
        + signer.sign(DISK_LINK, d.exportId + ":" + d.id);
  }

  /**
   * The identity provider that names the members' subjects, for the manifest: an import into this
   * same deployment may then take a subject as the person it names here.
   */
  static String issuer() {
    return Setting.OIDC_PROVIDER_URL.value().replaceAll("/+$", "");
  }

  /** What the manifest's signature is for: recognising a bundle this deployment made. */
  static final String MANIFEST_SIGNATURE = "bundle-manifest";

  /** What a disk's download link is signed for. */
  static final String DISK_LINK = "export-disk";

  /** The address the bundle's JSON files name their schemas at. */
  static String schemaBase() {
    String publicUrl = Setting.PUBLIC_URL.value();
    String base = publicUrl.isBlank() ? "" : publicUrl.replaceAll("/+$", "") + "/";
    return base + "schemas/export/v1/";
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha = BundleZip.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Could not delete " + file, e);
    }
  }
}
