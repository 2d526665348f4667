package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.config.Setting;
import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import eu.federa.platform.i18n.ByteSize;
import eu.federa.platform.i18n.Day;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.text.Reason;
import eu.federa.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The export worker's transactions: claiming a bundle to write (SKIP LOCKED, leased), each
 * section's reads, the progress that renews the lease, and the outcome, each fenced by the claim: a
 * worker whose lease was taken over records nothing.
 */
@ApplicationScoped
public class ExportSteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject Messages messages;
  @Inject UserAccountService accounts;
  @Inject TenantDirectory tenants;

  /** A bundle claimed by this worker. */
  public record Claim(long id, long tenantId, Long projectId, String token) {

    /** What the bundle covers. */
    public ExportScope scope() {
      return new ExportScope(tenantId, projectId);
    }
  }

  /** The claim was lost (its lease taken over): the worker stops writing. */
  static final class LostClaim extends RuntimeException {
    LostClaim(long id) {
      super("export " + id + ": claim lost");
    }
  }

  /**
   * Claims the next bundle to write: one asked for, or one whose writer stopped (its lease over),
   * which counts as a failed attempt.
   */
  @Transactional
  public Optional<Claim> claimNext(Duration lease, int sections) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM data_export WHERE (state = 'QUEUED' AND next_attempt_at <= ?1)"
                    + " OR (state = 'RUNNING' AND step_lease_until < ?1)"
                    + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    DataExport e = em.find(DataExport.class, ids.get(0).longValue());
    if (e.getState() == ExportState.RUNNING) {
      e.attemptFailed(Reason.keyed("export.reason.nodeStopped"), now);
      if (e.getState() == ExportState.FAILED) {
        givenUp(e);
      }
      return Optional.empty(); // queued again, for a little later
    }
    String token = UUID.randomUUID().toString();
    e.claimed(token, now, now.plus(lease), sections);
    return Optional.of(new Claim(e.getId(), e.getTenantId(), e.getProjectId(), token));
  }

  /** Writes one section's files, reading in this transaction. */
  @Transactional
  public void write(TenantDataSection section, ExportScope scope, BundleWriter bundle)
      throws IOException {
    section.write(scope, bundle);
  }

  /**
   * Records that {@code done} sections are written, renewing the lease.
   *
   * @throws LostClaim when another worker holds it now
   */
  @Transactional
  public void progressed(Claim claim, int done, int files, String next, Duration lease) {
    Instant now = clock.instant();
    held(claim).progressed(done, files, next, now, now.plus(lease));
  }

  /**
   * A VM of the export is moving between providers: the export waits, queued again (not an attempt
   * that failed), and is looked at again after {@code wait}.
   */
  @Transactional
  public void waitForMoves(Claim claim, Duration wait) {
    Instant now = clock.instant();
    held(claim).waitsForMoves(now, now.plus(wait));
  }

  /** The organisation's name, for the manifest. */
  @Transactional
  public String tenantName(long tenantId) {
    return tenants.names(List.of(tenantId)).getOrDefault(tenantId, "");
  }

  /**
   * The bundle is complete at its final place: downloadable until its retention ends; its requester
   * is told.
   *
   * @throws LostClaim when another worker holds it now
   */
  @Transactional
  public void ready(Claim claim, int files, long sizeBytes, String sha256) {
    DataExport e = held(claim);
    Instant now = clock.instant();
    e.ready(
        files, sizeBytes, sha256, now, Duration.ofDays(Setting.EXPORT_RETENTION_DAYS.intValue()));
    audit.bySystem(
        AuditAction.EXPORT_READY,
        e.getTenantId(),
        target(e),
        AuditDetail.EXPORT_READY.text(files, sizeBytes, sha256));
    UserAccount requester = accounts.bySubject(List.of(e.getRequestedBy())).get(e.getRequestedBy());
    if (requester != null && requester.email() != null) {
      messages.send(
          e.getTenantId(),
          requester.email(),
          MailTemplate.EXPORT_READY,
          Map.of(
              "tenant",
              tenantName(e.getTenantId()),
              "expires",
              new Day(e.getExpiresAt()),
              "files",
              files,
              "size",
              new ByteSize(sizeBytes)));
    }
  }

  /** The attempt failed: tried again later, or given up (then audited). */
  @Transactional
  public void failed(Claim claim, Reason why) {
    DataExport e = em.find(DataExport.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e == null || !e.heldBy(claim.token())) {
      return;
    }
    e.attemptFailed(why, clock.instant());
    if (e.getState() == ExportState.FAILED) {
      givenUp(e);
    }
  }

  /** A bundle given up: audited, and the disk copies made for it deleted (of no use any more). */
  private void givenUp(DataExport e) {
    audit.bySystem(
        AuditAction.EXPORT_FAILED,
        e.getTenantId(),
        target(e),
        AuditDetail.FAILED.text(e.getReason().english()));
    try {
      ExportFiles.deleteDisks(e.getId());
    } catch (IOException left) {
      java.util.logging.Logger.getLogger(ExportSteps.class.getName())
          .warning("export " + e.getId() + ": its disk copies stay: " + left);
    }
  }

  /**
   * Deletes the bundles whose retention is over (a few at a time, SKIP LOCKED); how many.
   *
   * @throws IOException when a file cannot be deleted (its row stays, tried again)
   */
  @Transactional
  public int expireDue() throws IOException {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM data_export WHERE state = 'READY' AND expires_at <= ?1"
                    + " ORDER BY expires_at LIMIT 10 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    List<DataExport> due = new ArrayList<>();
    for (Number id : ids) {
      DataExport e = em.find(DataExport.class, id.longValue());
      Files.deleteIfExists(ExportFiles.bundle(e.getId()));
      ExportFiles.deleteDisks(e.getId());
      e.expired(now);
      audit.bySystem(
          AuditAction.EXPORT_EXPIRED,
          e.getTenantId(),
          target(e),
          AuditDetail.EXPORT_DELETED.text());
      due.add(e);
    }
    return due.size();
  }

  // ------------------------------------------------------------------ disks

  /** The export's disks, in the order they were planned; empty before they are planned. */
  @Transactional
  public List<ExportDisk> disks(long exportId) {
    return Row.all(
            em.createNativeQuery(
                    "SELECT id, export_id, order_id, vm_name, provider_id, provider_name, one_vm_id,"
                        + " disk_id, size_mib, state, one_image_id, one_app_id, source, md5, format,"
                        + " bytes_done, size_bytes, sha256, reason FROM data_export_disk"
                        + " WHERE export_id = ?1 ORDER BY id")
                .setParameter(1, exportId))
        .stream()
        .map(
            r -> {
              ExportDisk d =
                  new ExportDisk(
                      r.lng(0),
                      r.lng(1),
                      r.lng(2),
                      r.str(3),
                      r.lng(4),
                      r.str(5),
                      r.integer(6),
                      r.integer(7),
                      r.lng(8),
                      DiskTransfer.State.valueOf(r.str(9)));
              d.imageId = r.intOrNull(10);
              d.appId = r.intOrNull(11);
              d.source = r.str(12);
              d.md5 = r.str(13);
              d.format = r.str(14);
              d.bytesDone = r.lng(15);
              d.sizeBytes = r.lngOrNull(16);
              d.sha256 = r.str(17);
              d.reason = r.str(18);
              return d;
            })
        .toList();
  }

  /** One disk to copy (or that cannot be: then {@code reason}), planned under the claim. */
  public record PlannedDisk(
      long orderId,
      String vmName,
      long providerId,
      String providerName,
      int vmId,
      int diskId,
      long sizeMib,
      String reason) {}

  /**
   * Records the export's disks once: the first attempt plans them, a later one finds them.
   *
   * @throws LostClaim when another worker holds the export now
   */
  @Transactional
  public void planDisks(Claim claim, List<PlannedDisk> planned) {
    DataExport e = held(claim);
    if (!disks(e.getId()).isEmpty()) {
      return;
    }
    for (PlannedDisk p : planned) {
      em.createNativeQuery(
              "INSERT INTO data_export_disk (export_id, order_id, vm_name, provider_id,"
                  + " provider_name, one_vm_id, disk_id, size_mib, state, reason, updated_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
          .setParameter(1, e.getId())
          .setParameter(2, p.orderId())
          .setParameter(3, p.vmName())
          .setParameter(4, p.providerId())
          .setParameter(5, p.providerName())
          .setParameter(6, p.vmId())
          .setParameter(7, p.diskId())
          .setParameter(8, p.sizeMib())
          .setParameter(9, p.reason() == null ? "WAITING" : "FAILED")
          .setParameter(10, p.reason())
          .setParameter(11, clock.instant())
          .executeUpdate();
    }
  }

  /**
   * Writes a disk's progress back and renews the export's lease.
   *
   * @throws LostClaim when another worker holds the export now: this one stops copying
   */
  @Transactional
  public void diskProgressed(Claim claim, ExportDisk d, Duration lease) {
    DataExport e = held(claim);
    Instant now = clock.instant();
    e.progressed(e.getSectionsDone(), e.getFileCount(), "disks", now, now.plus(lease));
    em.createNativeQuery(
            "UPDATE data_export_disk SET state = ?1, one_image_id = ?2, one_app_id = ?3,"
                + " source = ?4, md5 = ?5, format = ?6, bytes_done = ?7, size_bytes = ?8,"
                + " sha256 = ?9, reason = ?10, updated_at = ?11 WHERE id = ?12 AND export_id = ?13")
        .setParameter(1, d.state.name())
        .setParameter(2, d.imageId)
        .setParameter(3, d.appId)
        .setParameter(4, d.source)
        .setParameter(5, d.md5)
        .setParameter(6, d.format)
        .setParameter(7, d.bytesDone)
        .setParameter(8, d.sizeBytes)
        .setParameter(9, d.sha256)
        .setParameter(10, d.reason)
        .setParameter(11, now)
        .setParameter(12, d.id)
        .setParameter(13, e.getId())
        .executeUpdate();
  }

  /** A copied disk of a ready bundle, for its signed download; empty when there is none. */
  @Transactional
  public java.util.Optional<ExportDisk> downloadableDisk(long exportId, long diskId) {
    DataExport e = em.find(DataExport.class, exportId);
    if (e == null || e.getState() != ExportState.READY) {
      return java.util.Optional.empty();
    }
    return disks(exportId).stream()
        .filter(d -> d.id == diskId && d.state == DiskTransfer.State.DONE)
        .findFirst()
        .map(
            d -> {
              audit.bySystem(
                  AuditAction.EXPORT_DOWNLOADED,
                  e.getTenantId(),
                  target(e),
                  AuditDetail.DISK_BY_LINK.text(d.fileName()));
              return d;
            });
  }

  private DataExport held(Claim claim) {
    DataExport e = em.find(DataExport.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e == null || !e.heldBy(claim.token())) {
      throw new LostClaim(claim.id());
    }
    return e;
  }

  private static String target(DataExport e) {
    return AuditTarget.Kind.EXPORT.of(e.getId());
  }
}
