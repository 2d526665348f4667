package eu.federa.portability;

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
 * A bundle being loaded into this Federa: the organisation it recreates, the step it stands at, and
 * the claim of the worker that carries it (any node, leased). Its VMs are {@link BundleImportVm}s.
 */
@Entity
@Table(name = "bundle_import")
public class BundleImport {

  /** Where an import stands. */
  public enum State {
    /** Due at {@code nextAttemptAt}. */
    QUEUED,
    /** A worker holds it (until its lease ends). */
    RUNNING,
    DONE,
    FAILED;

    public boolean over() {
      return this == DONE || this == FAILED;
    }
  }

  /** The import's steps, in order. */
  public enum Step {
    /** The organisation, its projects, rules and people. */
    ORGANISATION,
    /** The VMs' disks, copied into this Federa and checked. */
    DISKS,
    /** An order for each VM, placed. */
    ORDERS,
    /** The orders on their way (the provider downloads each disk, the VM starts). */
    WATCHING,
    DONE
  }

  /** Attempts of a step before the import is given up. */
  static final int MAX_ATTEMPTS = 5;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "file_name", nullable = false, updatable = false)
  private String fileName;

  @Column(name = "bundle_sha256", nullable = false, updatable = false, length = 64)
  private String bundleSha256;

  @Column(name = "source_tenant_id", nullable = false, updatable = false)
  private long sourceTenantId;

  @Column(name = "source_created_at", nullable = false, updatable = false)
  private Instant sourceCreatedAt;

  @Column(name = "same_issuer", nullable = false, updatable = false)
  private boolean sameIssuer;

  @Column(nullable = false, updatable = false, length = 200)
  private String name;

  @Column(
      name = "country_code",
      nullable = false,
      updatable = false,
      length = 2,
      columnDefinition = "char(2)")
  private String countryCode;

  @Column(name = "vat_id", nullable = false, updatable = false, length = 20)
  private String vatId;

  @Column(name = "tenant_id")
  private Long tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private State state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private Step step;

  @Column(name = "members_joined", nullable = false)
  private int membersJoined;

  @Column(name = "members_invited", nullable = false)
  private int membersInvited;

  @Column(name = "blackout_windows_left_out", nullable = false)
  private int blackoutWindowsLeftOut;

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

  @Column(name = "imported_by", nullable = false, updatable = false)
  private String importedBy;

  @Column(name = "link_base", nullable = false, updatable = false, length = 500)
  private String linkBase;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected BundleImport() {}

  BundleImport(
      String fileName,
      String bundleSha256,
      BundleReader.Manifest manifest,
      boolean sameIssuer,
      String name,
      String countryCode,
      String vatId,
      String importedBy,
      String linkBase,
      Instant now) {
    this.fileName = fileName;
    this.bundleSha256 = bundleSha256;
    this.sourceTenantId = manifest.tenantId();
    this.sourceCreatedAt = manifest.createdAt();
    this.sameIssuer = sameIssuer;
    this.name = name;
    this.countryCode = countryCode;
    this.vatId = vatId;
    this.importedBy = importedBy;
    this.linkBase = linkBase;
    this.state = State.QUEUED;
    this.step = Step.ORGANISATION;
    this.nextAttemptAt = now;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void claimed(String claim, Instant now, Instant leaseUntil) {
    this.state = State.RUNNING;
    this.stepClaim = claim;
    this.stepLeaseUntil = leaseUntil;
    this.updatedAt = now;
  }

  boolean heldBy(String claim) {
    return state == State.RUNNING && claim.equals(stepClaim);
  }

  /** Work goes on: the lease is renewed. */
  void renewed(Instant now, Instant leaseUntil) {
    this.stepLeaseUntil = leaseUntil;
    this.updatedAt = now;
  }

  /** The organisation exists here now. */
  void recreated(long tenantId, int joined, int invited, int windowsLeftOut, Instant now) {
    this.tenantId = tenantId;
    this.membersJoined = joined;
    this.membersInvited = invited;
    this.blackoutWindowsLeftOut = windowsLeftOut;
    stepDone(Step.DISKS, now);
  }

  /** A step is over: the next one follows at once, its attempts counted afresh. */
  void stepDone(Step next, Instant now) {
    this.step = next;
    this.attempts = 0;
    this.reason = null;
    this.updatedAt = now;
  }

  /** Nothing more to do now: looked at again after {@code wait}, by any node. */
  void later(Instant now, Duration wait) {
    this.state = State.QUEUED;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.nextAttemptAt = now.plus(wait);
    this.updatedAt = now;
  }

  /**
   * An attempt failed: tried again after a growing wait, saying {@code whyRetried}; given up after
   * {@link #MAX_ATTEMPTS}, saying {@code whyGivenUp} (a reason that promises no further attempt).
   */
  void attemptFailed(String whyRetried, String whyGivenUp, Instant now) {
    this.attempts++;
    if (attempts >= MAX_ATTEMPTS) {
      failed(whyGivenUp, now);
      return;
    }
    this.reason = shortened(whyRetried);
    later(now, Duration.ofSeconds(Math.min(300, 5L << attempts)));
  }

  /** Given up, saying why. */
  void failed(String why, Instant now) {
    this.state = State.FAILED;
    this.reason = shortened(why);
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.finishedAt = now;
    this.updatedAt = now;
  }

  void done(Instant now) {
    this.state = State.DONE;
    this.step = Step.DONE;
    this.stepClaim = null;
    this.stepLeaseUntil = null;
    this.finishedAt = now;
    this.updatedAt = now;
  }

  private static String shortened(String why) {
    return why == null || why.length() <= 1000 ? why : why.substring(0, 997) + "...";
  }

  public Long getId() {
    return id;
  }

  public String getFileName() {
    return fileName;
  }

  public String getBundleSha256() {
    return bundleSha256;
  }

  public long getSourceTenantId() {
    return sourceTenantId;
  }

  public Instant getSourceCreatedAt() {
    return sourceCreatedAt;
  }

  public boolean isSameIssuer() {
    return sameIssuer;
  }

  public String getName() {
    return name;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public String getVatId() {
    return vatId;
  }

  public Long getTenantId() {
    return tenantId;
  }

  public State getState() {
    return state;
  }

  public Step getStep() {
    return step;
  }

  public int getMembersJoined() {
    return membersJoined;
  }

  public int getMembersInvited() {
    return membersInvited;
  }

  public int getBlackoutWindowsLeftOut() {
    return blackoutWindowsLeftOut;
  }

  public String getReason() {
    return reason;
  }

  public int getAttempts() {
    return attempts;
  }

  public String getImportedBy() {
    return importedBy;
  }

  /** The portal's address when the bundle was uploaded: the base of the links it sends. */
  public String getLinkBase() {
    return linkBase;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }
}
