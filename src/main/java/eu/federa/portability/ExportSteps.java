package eu.federa.portability;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.config.Setting;
import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.TenantDataSection;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
  public record Claim(long id, long tenantId, String token) {}

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
      e.attemptFailed("The node writing it stopped before it was done.", now);
      if (e.getState() == ExportState.FAILED) {
        audit.bySystem(AuditAction.EXPORT_FAILED, e.getTenantId(), target(e), e.getReason());
      }
      return Optional.empty(); // queued again, for a little later
    }
    String token = UUID.randomUUID().toString();
    e.claimed(token, now, now.plus(lease), sections);
    return Optional.of(new Claim(e.getId(), e.getTenantId(), token));
  }

  /** Writes one section's files, reading in this transaction. */
  @Transactional
  public void write(TenantDataSection section, long tenantId, BundleWriter bundle)
      throws IOException {
    section.write(tenantId, bundle);
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
    ExportView view = ExportView.of(e);
    audit.bySystem(
        AuditAction.EXPORT_READY,
        e.getTenantId(),
        target(e),
        files + " files, " + sizeBytes + " bytes, SHA-256 " + sha256);
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
              DateTimeFormatter.ISO_LOCAL_DATE.format(e.getExpiresAt().atOffset(ZoneOffset.UTC)),
              "files",
              files,
              "size",
              view.size()));
    }
  }

  /** The attempt failed: tried again later, or given up (then audited). */
  @Transactional
  public void failed(Claim claim, String why) {
    DataExport e = em.find(DataExport.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e == null || !e.heldBy(claim.token())) {
      return;
    }
    e.attemptFailed(why, clock.instant());
    if (e.getState() == ExportState.FAILED) {
      audit.bySystem(AuditAction.EXPORT_FAILED, e.getTenantId(), target(e), e.getReason());
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
      e.expired(now);
      audit.bySystem(AuditAction.EXPORT_EXPIRED, e.getTenantId(), target(e), "deleted");
      due.add(e);
    }
    return due.size();
  }

  private DataExport held(Claim claim) {
    DataExport e = em.find(DataExport.class, claim.id(), LockModeType.PESSIMISTIC_WRITE);
    if (e == null || !e.heldBy(claim.token())) {
      throw new LostClaim(claim.id());
    }
    return e;
  }

  private static String target(DataExport e) {
    return "export " + e.getId();
  }
}
