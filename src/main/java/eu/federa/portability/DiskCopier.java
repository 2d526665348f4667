package eu.federa.portability;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.ExportedDisk;
import eu.federa.cloud.Marketplace;
import eu.federa.cloud.registry.DiskExports;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantMachines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Copies the disks of an export's VMs into Federa, before its bundle is written: each disk is saved
 * at its provider, published to the provider's marketplace and downloaded with ranges, its progress
 * recorded under the export's claim (which renews the lease), so that a copy cut by a fault or a
 * restart resumes from the bytes already here. The MD5 the provider states is checked and the
 * SHA-256 computed; the copies at the provider are deleted afterwards. A disk that cannot be had
 * (no marketplace, the provider refuses) is recorded as failed with the reason, and the bundle says
 * so; a provider out of reach fails the attempt, which the worker tries again.
 */
@ApplicationScoped
public class DiskCopier {

  private static final Logger LOG = Logger.getLogger(DiskCopier.class.getName());

  /** How long a disk may stay being saved or published at its provider. */
  static final Duration PROVIDER_STEP = Duration.ofMinutes(30);

  @Inject ExportSteps steps;
  @Inject DiskExports provider;
  @Inject @Any Instance<TenantMachines> machines;

  /** Plans the export's disks (once), then copies each one not done yet. */
  void copyAll(ExportSteps.Claim claim, Duration lease) throws IOException {
    if (steps.disks(claim.id()).isEmpty()) {
      steps.planDisks(claim, plan(claim.scope()));
    }
    for (ExportDisk d : steps.disks(claim.id())) {
      if (!d.state.over()) {
        copy(claim, d, lease);
      }
    }
  }

  private List<ExportSteps.PlannedDisk> plan(ExportScope scope) {
    long tenantId = scope.tenantId();
    List<ExportSteps.PlannedDisk> planned = new ArrayList<>();
    for (TenantMachines source : machines) {
      for (TenantMachines.Machine m : source.machines(scope)) {
        try {
          for (DiskExports.Disk disk : provider.disksOf(m.providerId(), tenantId, m.vmId())) {
            planned.add(
                new ExportSteps.PlannedDisk(
                    m.orderId(),
                    m.name(),
                    m.providerId(),
                    m.providerName(),
                    m.vmId(),
                    disk.diskId(),
                    disk.sizeMib(),
                    null));
          }
        } catch (RuntimeException unreadable) {
          planned.add(
              new ExportSteps.PlannedDisk(
                  m.orderId(),
                  m.name(),
                  m.providerId(),
                  m.providerName(),
                  m.vmId(),
                  -1,
                  0,
                  "The VM's disks could not be read at its provider: " + unreadable.getMessage()));
        }
      }
    }
    return planned;
  }

  private void copy(ExportSteps.Claim claim, ExportDisk d, Duration lease) throws IOException {
    try {
      if (d.state == ExportDisk.State.WAITING) {
        d.imageId =
            provider.saveAs(d.providerId, claim.tenantId(), d.vmId, d.diskId, d.nameAtProvider());
        d.state = ExportDisk.State.SAVING;
        steps.diskProgressed(claim, d, lease);
      }
      if (d.state == ExportDisk.State.SAVING) {
        if (!saved(claim, d, lease)) {
          return;
        }
        Optional<Marketplace> market = provider.exportMarketplace(d.providerId);
        if (market.isEmpty()) {
          d.failed("The provider offers no marketplace to download disks from.");
          discard(claim, d, lease);
          return;
        }
        d.appId = provider.publish(d.providerId, d.imageId, d.nameAtProvider(), market.get().id());
        d.state = ExportDisk.State.PUBLISHING;
        steps.diskProgressed(claim, d, lease);
      }
      if (d.state == ExportDisk.State.PUBLISHING) {
        ExportedDisk app = published(claim, d, lease);
        if (app == null) {
          return;
        }
        d.source = app.source();
        d.md5 = app.md5();
        d.format = app.format().isBlank() ? "qcow2" : app.format();
        d.state = ExportDisk.State.COPYING;
        steps.diskProgressed(claim, d, lease);
      }
      if (d.state == ExportDisk.State.COPYING) {
        transfer(claim, d, lease);
      }
    } catch (CloudApiException refused) {
      // The provider said no (a VM in a state it cannot save, a quota): this disk is not had.
      d.failed("The provider refused: " + refused.getMessage());
      discard(claim, d, lease);
    }
  }

  /** Waits until the saved image is ready; false when it failed (the disk is failed then). */
  private boolean saved(ExportSteps.Claim claim, ExportDisk d, Duration lease) {
    Instant deadline = Instant.now().plus(PROVIDER_STEP);
    while (true) {
      int state = provider.imageState(d.providerId, claim.tenantId(), d.imageId);
      if (state == DiskExports.IMAGE_READY) {
        return true;
      }
      if (state == DiskExports.IMAGE_ERROR || Instant.now().isAfter(deadline)) {
        d.failed("The provider could not save the disk (image state " + state + ").");
        discard(claim, d, lease);
        return false;
      }
      pause(claim, d, lease);
    }
  }

  /** Waits until the marketplace app is ready; null when it failed (the disk is failed then). */
  private ExportedDisk published(ExportSteps.Claim claim, ExportDisk d, Duration lease) {
    Instant deadline = Instant.now().plus(PROVIDER_STEP);
    while (true) {
      ExportedDisk app = provider.published(d.providerId, d.appId);
      if (app.ready() && !app.source().isBlank()) {
        return app;
      }
      if (app.failed() || Instant.now().isAfter(deadline)) {
        d.failed("The provider could not publish the disk (app state " + app.state() + ").");
        discard(claim, d, lease);
        return null;
      }
      pause(claim, d, lease);
    }
  }

  private void pause(ExportSteps.Claim claim, ExportDisk d, Duration lease) {
    steps.diskProgressed(claim, d, lease);
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the provider works", e);
    }
  }

  /**
   * Downloads the bytes not here yet, resuming a cut transfer from where it stopped, then checks
   * them against the provider's MD5.
   */
  private void transfer(ExportSteps.Claim claim, ExportDisk d, Duration lease) throws IOException {
    Path part = ExportFiles.diskPart(d.exportId, d.id);
    d.bytesDone =
        ResumableCopy.into(
            part,
            from -> provider.open(d.source, from),
            done -> {
              if (done != d.bytesDone || done == 0) {
                d.bytesDone = done;
                steps.diskProgressed(claim, d, lease);
              }
            },
            d.fileName());
    String[] sums = sums(part);
    if (d.md5 != null && !d.md5.isBlank() && !d.md5.equalsIgnoreCase(sums[0])) {
      Files.deleteIfExists(part);
      d.bytesDone = 0;
      steps.diskProgressed(claim, d, lease);
      throw new IOException(
          d.fileName() + ": its MD5 is " + sums[0] + ", the provider states " + d.md5);
    }
    Files.move(part, ExportFiles.disk(d.exportId, d.id), StandardCopyOption.REPLACE_EXISTING);
    d.sha256 = sums[1];
    d.sizeBytes = d.bytesDone;
    d.state = ExportDisk.State.DONE;
    discard(claim, d, lease);
  }

  /** The copies at the provider go; a provider out of reach leaves them to the tenant's erasure. */
  private void discard(ExportSteps.Claim claim, ExportDisk d, Duration lease) {
    try {
      provider.discard(d.providerId, claim.tenantId(), d.appId, d.imageId);
    } catch (RuntimeException unreachable) {
      LOG.info(() -> d.fileName() + ": its copies at the provider stay: " + unreachable);
    }
    steps.diskProgressed(claim, d, lease);
  }

  /** MD5 and SHA-256 of a file, hex. */
  static String[] sums(Path file) throws IOException {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in =
          new DigestInputStream(new DigestInputStream(Files.newInputStream(file), md5), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return new String[] {
        HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest())
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
