package eu.federa.portability;

import eu.federa.platform.i18n.Term;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * One export bundle of a tenant: asked for by one of its admins, written by a worker section by
 * section, downloadable once ready until its retention ends. Its transitions are the rules of what
 * happens when.
 */
@Entity
@Table(name = "data_export")
public class DataExport {

  /** How many times a bundle is tried before it is given up. */
  static final int MAX_ATTEMPTS = 3;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "active_tenant_id")
  private Long activeTenantId;

  /** The project exported, or null for the whole organisation. */
  @Column(name = "project_id", updatable = false)
  private Long projectId;

  @Column(name = "requested_by", nullable = false, updatable = false)
  private String requestedBy;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private ExportState state;

  @Column(name = "sections_total", nullable = false)
  private int sectionsTotal;

  @Column(name = "sections_done", nullable = false)
  private int sectionsDone;

  @Column(name = "current_section", length = 40)
  private String currentSection;

  @Column(name = "file_count", nullable = false)
  private int fileCount;

  @Column(name = "size_bytes")
  private Long sizeBytes;

  @Column(length = 64)
  private String sha256;

  @Column(length = 1000)
  private String reason;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "step_claim", length = 36)
  private String stepClaim;

  @Column(name = "step_lease_until")
  private Instant stepLeaseUntil;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ready_at")
  private Instant readyAt;

  @Column(name = "keep_until")
  private Instant keepUntil;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected DataExport() {}

  DataExport(long tenantId, String requestedBy, Instant now) {
    this(tenantId, null, requestedBy, now);
  }

  /** A bundle of one project ({@code projectId}), or of the whole organisation (null). */
  DataExport(long tenantId, Long projectId, String requestedBy, Instant now) {
    this.tenantId = tenantId;
    this.projectId = projectId;
    this.activeTenantId = tenantId;
    this.requestedBy = requestedBy;
    this.state = ExportState.QUEUED;
    this.nextAttemptAt = now;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /**
   * An exit's final bundle: asked for by the system, kept at least until {@code keepUntil} (the end
   * of the exit's retrieval window).
   */
  static DataExport finalOfExit(long tenantId, Instant now, Instant keepUntil) {
    DataExport e = new DataExport(tenantId, "system", now);
    e.keepUntil = keepUntil;
    return e;
  }

  /** Claimed by a worker ({@code claim}) until {@code leaseUntil}: written from the start. */
  void claimed(String claim, Instant now, Instant leaseUntil, int sections) {
    this.stepClaim = claim;
    this.stepLeaseUntil = leaseUntil;
    this.state = ExportState.RUNNING;
    this.attempts++;
    this.sectionsTotal = sections;
    this.sectionsDone = 0;
    this.currentSection = null;
    this.fileCount = 0;
    this.startedAt = now;
    this.updatedAt = now;
  }

  /** Whether {@code claim} still holds it: a worker whose lease was taken over stops. */
  boolean heldBy(String claim) {
    return claim.equals(stepClaim) && state == ExportState.RUNNING;
  }

  /** A section is written: progress shown, the lease renewed for the next. */
  void progressed(int sectionsDone, int fileCount, String next, Instant now, Instant leaseUntil) {
    this.sectionsDone = sectionsDone;
    this.fileCount = fileCount;
    this.currentSection = next;
    this.stepLeaseUntil = leaseUntil;
    this.updatedAt = now;
  }

  void ready(int fileCount, long sizeBytes, String sha256, Instant now, Duration retention) {
    this.state = ExportState.READY;
    this.activeTenantId = null;
    this.fileCount = fileCount;
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
    this.sectionsDone = sectionsTotal;
    this.currentSection = null;
    this.readyAt = now;
    Instant kept = now.plus(retention);
    this.expiresAt = keepUntil != null && keepUntil.isAfter(kept) ? keepUntil : kept;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.reason = null;
    this.updatedAt = now;
  }

  /** Waits for a VM moving between providers: queued again until {@code next}, no attempt spent. */
  void waitsForMoves(Instant now, Instant next) {
    this.attempts = Math.max(0, attempts - 1);
    this.state = ExportState.QUEUED;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.reason = Reason.keyed("export.reason.waitingForMove").encoded();
    this.nextAttemptAt = next;
    this.updatedAt = now;
  }

  /** The attempt failed: tried again a little later, or given up after {@link #MAX_ATTEMPTS}. */
  void attemptFailed(Reason why, Instant now) {
    this.reason = why == null ? null : why.encoded();
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.updatedAt = now;
    if (attempts >= MAX_ATTEMPTS) {
      this.state = ExportState.FAILED;
      this.activeTenantId = null;
    } else {
      this.state = ExportState.QUEUED;
      this.nextAttemptAt = now.plusSeconds(10L * attempts);
    }
  }

  /**
   * Refuses anything but a ready bundle, naming its state in the reader's words.
   *
   * @throws ConflictException when it is being made, failed or expired
   */
  void requireReady() {
    if (state != ExportState.READY) {
      throw new ConflictException(
          "export.error.notReady", String.valueOf(id), Term.of("export.state.", state));
    }
  }

  /** Its retention is over: the file is gone. */
  void expired(Instant now) {
    requireReady();
    this.state = ExportState.EXPIRED;
    this.updatedAt = now;
  }

  /** The project exported; null: the whole organisation. */
  public Long getProjectId() {
    return projectId;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public ExportState getState() {
    return state;
  }

  public int getSectionsTotal() {
    return sectionsTotal;
  }

  public int getSectionsDone() {
    return sectionsDone;
  }

  public String getCurrentSection() {
    return currentSection;
  }

  public int getFileCount() {
    return fileCount;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }

  /** Why the last attempt failed or the bundle waits; null when nothing is in its way. */
  public Reason getReason() {
    return Reason.decode(reason);
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getReadyAt() {
    return readyAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
