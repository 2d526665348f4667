package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.ExportedDisk;
import eu.federa.cloud.Marketplace;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings one disk of a tenant's VM from its provider into a file at Federa: the disk is saved at
 * the provider (an image, LOCKED until READY), published to the provider's marketplace, and its
 * bytes downloaded with ranges. Every change is handed to the caller's {@link Recorder}, which
 * persists it (and renews the caller's lease), so that a transfer cut by a fault or a restart
 * resumes where it was: at the provider step it had reached, from the bytes already at Federa. The
 * MD5 the provider states is checked and the SHA-256 computed; the copies at the provider are
 * deleted afterwards. One code path for every use: a tenant's export (the Data Act) and a move of a
 * VM to another provider.
 */
@ApplicationScoped
public class DiskTransfer {

  private static final Logger LOG = Logger.getLogger(DiskTransfer.class.getName());

  /** How long a disk may stay being saved or published at its provider. */
  public static final Duration PROVIDER_STEP = Duration.ofMinutes(30);

  /** How long to wait before asking the provider again while it saves or publishes. */
  static final Duration POLL = Duration.ofMillis(500);

  /** Where a disk is on its way. */
  public enum State {
    WAITING,
    SAVING,
    PUBLISHING,
    COPYING,
    DONE,
    FAILED;

    public boolean over() {
      return this == DONE || this == FAILED;
    }
  }

  /** Why a disk could not be had, for the caller's message. */
  public enum Failure {
    /** The provider refused a step (a VM in a state it cannot save, a quota). */
    REFUSED("The provider refused: %s"),
    /** The saved image went to ERROR, or stayed LOCKED too long. */
    NOT_SAVED("The provider could not save the disk (image state %s)."),
    /** The provider has no marketplace to download from. */
    NO_MARKETPLACE("The provider offers no marketplace to download disks from.%s"),
    /** The marketplace app failed, or stayed LOCKED too long. */
    NOT_PUBLISHED("The provider could not publish the disk (app state %s).");

    private final String text;

    Failure(String text) {
      this.text = text;
    }

    /** The failure in English, with the provider's detail. */
    public String describe(String detail) {
      return String.format(text, detail == null ? "" : detail);
    }
  }

  /** The bytes downloaded do not match the checksum the provider states for them. */
  public static final class Mismatch extends IOException {
    private static final long serialVersionUID = 1L;

    public Mismatch(String message) {
      super(message);
    }
  }

  /**
   * One disk on its way, as its owner persists it: which disk, and how far it came. The owner reads
   * it back from its row after a restart and hands it in again.
   */
  public static class Disk {
    public final long providerId;
    public final int vmId;
    public final int diskId;
    public State state;
    public Integer imageId;
    public Integer appId;
    public String source;
    public String md5;
    public String format;
    public long bytesDone;
    public Long sizeBytes;
    public String sha256;
    public Failure failure;
    public String reason;

    public Disk(long providerId, int vmId, int diskId, State state) {
      this.providerId = providerId;
      this.vmId = vmId;
      this.diskId = diskId;
      this.state = state;
    }

    /** The disk cannot be had: why, in English (the bundle's and the log's language). */
    public void failed(Failure why, String detail) {
      this.state = State.FAILED;
      this.failure = why;
      String text = why.describe(detail);
      this.reason = text.substring(0, Math.min(text.length(), 1000));
    }
  }

  /** Persists a disk's progress; called often, it also renews its caller's lease. */
  public interface Recorder {
    void record(Disk d);
  }

  @Inject DiskExports provider;

  /**
   * Takes the disk as far as it goes: to DONE (its bytes in {@code target}, checked), to FAILED
   * (the reason recorded, the copies at the provider discarded), or not at all when the provider is
   * out of reach (a {@link eu.federa.cloud.CloudTransportException} or an {@link IOException} for
   * the caller to retry later, from where it was).
   *
   * @param nameAtProvider what the saved image and the app are called at the provider
   * @param part where the bytes come in (kept between attempts)
   * @param target where they are once all came and the MD5 matched
   */
  public void copy(
      long tenantId, Disk d, String nameAtProvider, Path part, Path target, Recorder recorder)
      throws IOException {
    try {
      if (d.state == State.WAITING) {
        d.imageId = provider.saveAs(d.providerId, tenantId, d.vmId, d.diskId, nameAtProvider);
        d.state = State.SAVING;
        recorder.record(d);
      }
      if (d.state == State.SAVING) {
        if (!saved(tenantId, d, recorder)) {
          return;
        }
        Optional<Marketplace> market = provider.exportMarketplace(d.providerId);
        if (market.isEmpty()) {
          d.failed(Failure.NO_MARKETPLACE, null);
          discard(tenantId, d, recorder);
          return;
        }
        d.appId = provider.publish(d.providerId, d.imageId, nameAtProvider, market.get().id());
        d.state = State.PUBLISHING;
        recorder.record(d);
      }
      if (d.state == State.PUBLISHING) {
        ExportedDisk app = published(tenantId, d, recorder);
        if (app == null) {
          return;
        }
        d.source = app.source();
        d.md5 = app.md5();
        d.format = app.format().isBlank() ? "qcow2" : app.format();
        d.state = State.COPYING;
        recorder.record(d);
      }
      if (d.state == State.COPYING) {
        transfer(tenantId, d, part, target, recorder, nameAtProvider);
      }
    } catch (CloudApiException refused) {
      d.failed(Failure.REFUSED, refused.getMessage());
      discard(tenantId, d, recorder);
    }
  }

  /** Waits until the saved image is ready; false when it failed (the disk is failed then). */
  private boolean saved(long tenantId, Disk d, Recorder recorder) {
    Instant deadline = Instant.now().plus(PROVIDER_STEP);
    while (true) {
      int state = provider.imageState(d.providerId, tenantId, d.imageId);
      if (state == DiskExports.IMAGE_READY) {
        return true;
      }
      if (state == DiskExports.IMAGE_ERROR || Instant.now().isAfter(deadline)) {
        d.failed(Failure.NOT_SAVED, Integer.toString(state));
        discard(tenantId, d, recorder);
        return false;
      }
      pause(d, recorder);
    }
  }

  /** Waits until the marketplace app is ready; null when it failed (the disk is failed then). */
  private ExportedDisk published(long tenantId, Disk d, Recorder recorder) {
    Instant deadline = Instant.now().plus(PROVIDER_STEP);
    while (true) {
      ExportedDisk app = provider.published(d.providerId, d.appId);
      if (app.ready() && !app.source().isBlank()) {
        return app;
      }
      if (app.failed() || Instant.now().isAfter(deadline)) {
        d.failed(Failure.NOT_PUBLISHED, String.valueOf(app.state()));
        discard(tenantId, d, recorder);
        return null;
      }
      pause(d, recorder);
    }
  }

  private static void pause(Disk d, Recorder recorder) {
    recorder.record(d);
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the provider works", e);
    }
  }

  /**
   * Downloads the bytes not here yet, resuming a cut transfer from where it stopped, then checks
   * them against the provider's MD5.
   */
  private void transfer(
      long tenantId, Disk d, Path part, Path target, Recorder recorder, String what)
      throws IOException {
    d.bytesDone =
        ResumableCopy.into(
            part,
            from -> provider.open(d.source, from),
            done -> {
              if (done != d.bytesDone || done == 0) {
                d.bytesDone = done;
                recorder.record(d);
              }
            },
            what);
    String[] sums = sums(part);
    if (d.md5 != null && !d.md5.isBlank() && !d.md5.equalsIgnoreCase(sums[0])) {
      Files.deleteIfExists(part);
      d.bytesDone = 0;
      recorder.record(d);
      throw new Mismatch(what + ": its MD5 is " + sums[0] + ", the provider states " + d.md5);
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    d.sha256 = sums[1];
    d.sizeBytes = d.bytesDone;
    d.state = State.DONE;
    discard(tenantId, d, recorder);
  }

  /**
   * The copies at the provider go; a provider out of reach leaves them to the tenant's erasure (or
   * the caller's clean-up).
   */
  public void discard(long tenantId, Disk d, Recorder recorder) {
    try {
      provider.discard(d.providerId, tenantId, d.appId, d.imageId);
    } catch (RuntimeException unreachable) {
      LOG.info(() -> "Disk " + d.diskId + " of VM " + d.vmId + ": its copies stay: " + unreachable);
    }
    recorder.record(d);
  }

  /** MD5 and SHA-256 of a file, hex. */
  public static String[] sums(Path file) throws IOException {
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
