package eu.federa.moves;

import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.platform.text.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A move of one VM to another provider, from its start to its end: where the saga is, what it made
 * at both providers (so that a resumed step finds it and a rollback removes it), and how far the
 * disk came. Changed only by {@link MoveSteps}, under the worker's claim.
 */
@Entity
@Table(name = "vm_move")
public class VmMove {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "project_id", updatable = false)
  private Long projectId;

  @Column(name = "order_id", nullable = false, updatable = false)
  private long orderId;

  @Column(name = "vm_name", nullable = false, updatable = false)
  private String vmName;

  @Column(name = "requested_by", nullable = false, updatable = false)
  private String requestedBy;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MoveState state;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MovePhase phase;

  @Enumerated(EnumType.STRING)
  @Column(name = "failed_phase")
  private MovePhase failedPhase;

  @Column(name = "failure_key", length = 1000)
  private String failureKey;

  @Column(name = "failure_reason", length = 1000)
  private String failureReason;

  @Column(name = "source_provider_id", nullable = false, updatable = false)
  private long sourceProviderId;

  @Column(name = "source_provider_name", nullable = false, updatable = false)
  private String sourceProviderName;

  @Column(
      name = "source_country",
      nullable = false,
      updatable = false,
      columnDefinition = "char(2)")
  private String sourceCountry;

  @Column(name = "source_vm_id", nullable = false, updatable = false)
  private int sourceVmId;

  @Column(name = "source_host_id", nullable = false, updatable = false)
  private long sourceHostId;

  @Column(name = "source_host_name", nullable = false, updatable = false)
  private String sourceHostName;

  @Column(name = "source_template_id", nullable = false, updatable = false)
  private int sourceTemplateId;

  @Column(name = "source_image_name", updatable = false)
  private String sourceImageName;

  @Column(name = "target_provider_id", nullable = false, updatable = false)
  private long targetProviderId;

  @Column(name = "target_provider_name", nullable = false, updatable = false)
  private String targetProviderName;

  @Column(
      name = "target_country",
      nullable = false,
      updatable = false,
      columnDefinition = "char(2)")
  private String targetCountry;

  @Column(name = "target_host_id", nullable = false, updatable = false)
  private long targetHostId;

  @Column(name = "target_host_name", nullable = false, updatable = false)
  private String targetHostName;

  @Column(name = "target_template_id", nullable = false, updatable = false)
  private int targetTemplateId;

  @Column(name = "target_vm_id")
  private Integer targetVmId;

  @Column(name = "target_image_id")
  private Integer targetImageId;

  /** Null until the move's turn comes and the source tells which disk the VM has. */
  @Column(name = "disk_id")
  private Integer diskId;

  @Column(name = "disk_size_mib", nullable = false)
  private long diskSizeMib;

  /** The VM was stopped (or taken back while stopped): it ends stopped, wherever it ends. */
  @Column(name = "ends_stopped", nullable = false)
  private boolean endsStopped;

  /** The VM's own disk's copy into Federa. */
  @Embedded private DiskCopy copy = new DiskCopy();

  @Column(name = "volumes_bytes_total", nullable = false)
  private long volumesBytesTotal;

  @Column(name = "volumes_bytes_done", nullable = false)
  private long volumesBytesDone;

  @Column(name = "link_base", nullable = false, updatable = false)
  private String linkBase;

  @Column(name = "price_before_eur_month", precision = 12, scale = 2, updatable = false)
  private BigDecimal priceBeforeEurMonth;

  @Column(name = "price_after_eur_month", precision = 12, scale = 2, updatable = false)
  private BigDecimal priceAfterEurMonth;

  @Column(name = "copy_started_at")
  private Instant copyStartedAt;

  @Column(name = "copy_bytes_since", nullable = false)
  private long copyBytesSince;

  @Column(name = "copy_since")
  private Instant copySince;

  @Column(name = "cutover_at")
  private Instant cutoverAt;

  @Column(name = "keep_source_until")
  private Instant keepSourceUntil;

  @Column(name = "phase_started_at", nullable = false)
  private Instant phaseStartedAt;

  @Column(name = "next_step_at")
  private Instant nextStepAt;

  /** Written by {@link MoveSteps}' claims (plain SQL); read to fence a stale step's write. */
  @Column(name = "step_claim", insertable = false, updatable = false)
  private String stepClaim;

  @Column(name = "step_lease_until", insertable = false, updatable = false)
  private Instant stepLeaseUntil;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected VmMove() {}

  /** What a move knows of its VM and its target when it starts. */
  record Start(
      long tenantId,
      Long projectId,
      long orderId,
      String vmName,
      String requestedBy,
      long sourceProviderId,
      String sourceProviderName,
      String sourceCountry,
      int sourceVmId,
      long sourceHostId,
      String sourceHostName,
      int sourceTemplateId,
      String sourceImageName,
      long targetProviderId,
      String targetProviderName,
      String targetCountry,
      long targetHostId,
      String targetHostName,
      int targetTemplateId,
      long diskSizeMib,
      boolean stopped,
      String linkBase,
      BigDecimal priceBefore,
      BigDecimal priceAfter) {}

  VmMove(Start s, Instant now) {
    this.tenantId = s.tenantId();
    this.projectId = s.projectId();
    this.orderId = s.orderId();
    this.vmName = s.vmName();
    this.requestedBy = s.requestedBy();
    this.sourceProviderId = s.sourceProviderId();
    this.sourceProviderName = s.sourceProviderName();
    this.sourceCountry = s.sourceCountry();
    this.sourceVmId = s.sourceVmId();
    this.sourceHostId = s.sourceHostId();
    this.sourceHostName = s.sourceHostName();
    this.sourceTemplateId = s.sourceTemplateId();
    this.sourceImageName = s.sourceImageName();
    this.targetProviderId = s.targetProviderId();
    this.targetProviderName = s.targetProviderName();
    this.targetCountry = s.targetCountry();
    this.targetHostId = s.targetHostId();
    this.targetHostName = s.targetHostName();
    this.targetTemplateId = s.targetTemplateId();
    this.diskSizeMib = s.diskSizeMib();
    this.endsStopped = s.stopped();
    this.linkBase = s.linkBase();
    this.priceBeforeEurMonth = s.priceBefore();
    this.priceAfterEurMonth = s.priceAfter();
    this.state = MoveState.MOVING;
    this.phase = MovePhase.QUEUED;
    this.createdAt = now;
    this.updatedAt = now;
    this.phaseStartedAt = now;
    this.nextStepAt = now;
  }

  /** The next phase, taken at once. */
  void enter(MovePhase next, Instant now) {
    this.phase = next;
    this.phaseStartedAt = now;
    this.nextStepAt = now;
    this.attempts = 0;
    this.updatedAt = now;
  }

  /** Still in its phase: looked at again at {@code next}. */
  void waitUntil(Instant next, Instant now) {
    this.nextStepAt = next;
    this.updatedAt = now;
  }

  /** The disk's progress, as the shared transfer reports it. */
  void disk(DiskTransfer.Disk d, Instant now) {
    copy.took(d);
    transferAt(d.state, now);
  }

  /** A volume's disk gained {@code gained} bytes (and is {@code d} now). */
  void volumeDisk(DiskTransfer.Disk d, long gained, long estimateBytes, Instant now) {
    this.volumesBytesDone += gained;
    if (d.state == DiskTransfer.State.DONE && d.sizeBytes != null) {
      // Its size is known now: the estimate gives way to it.
      this.volumesBytesTotal += d.sizeBytes - estimateBytes;
    }
    transferAt(d.state, now);
  }

  /** The phase of a disk's transfer, and where the copy's throughput is measured from. */
  private void transferAt(DiskTransfer.State state, Instant now) {
    if (state == DiskTransfer.State.COPYING && copySince == null) {
      this.copySince = now;
      this.copyBytesSince = allBytesDone();
      if (copyStartedAt == null) {
        this.copyStartedAt = now;
      }
    }
    MovePhase at =
        switch (state) {
          case WAITING, SAVING -> MovePhase.SAVING_DISK;
          case PUBLISHING -> MovePhase.PUBLISHING_DISK;
          case COPYING -> MovePhase.COPYING_DISK;
          case DONE, FAILED -> phase;
        };
    if (at != phase) {
      this.phase = at;
      this.phaseStartedAt = now;
    }
    this.updatedAt = now;
  }

  /** The bytes of the VM's disk and of its volumes copied into Federa so far. */
  long allBytesDone() {
    return copy.getBytesDone() + volumesBytesDone;
  }

  /** Its volumes go along: their sizes are the estimate of their bytes until copied. */
  void volumes(long estimateBytes) {
    this.volumesBytesTotal = estimateBytes;
  }

  /** The source told which disk the VM has: that one is copied. */
  void diskFound(int id, long sizeMib, Instant now) {
    this.diskId = id;
    this.diskSizeMib = sizeMib;
    this.updatedAt = now;
  }

  /** Taken back after the cutover: it ends as the VM is now (stopped or running). */
  void endsStopped(boolean stopped) {
    this.endsStopped = stopped;
  }

  /** A new attempt of the copy starts: its throughput is measured from here. */
  void copyAttempt(Instant now) {
    this.copySince = null;
    this.updatedAt = now;
  }

  /** The disk as the shared transfer takes it up again. */
  DiskTransfer.Disk disk() {
    return copy.disk(sourceProviderId, sourceVmId, diskId);
  }

  void targetImage(int imageId, Instant now) {
    this.targetImageId = imageId;
    this.updatedAt = now;
  }

  void targetVm(int vmId, Instant now) {
    this.targetVmId = vmId;
    this.updatedAt = now;
  }

  /** A step could not be taken now (a provider out of reach): tried again later. */
  int retryLater(Instant next, Instant now) {
    this.attempts++;
    this.nextStepAt = next;
    this.updatedAt = now;
    return attempts;
  }

  /** The order is at the target from {@code at}; the source is kept until {@code keepUntil}. */
  void cutOver(Instant at, Instant keepUntil) {
    this.cutoverAt = at;
    this.keepSourceUntil = keepUntil;
    this.state = MoveState.KEPT;
    enter(MovePhase.KEEPING_SOURCE, at);
    this.nextStepAt = at;
  }

  /** The move fails in its phase, or is taken back: it goes back to the source. */
  void rollBack(Reason why, Instant now) {
    if (why != null) {
      this.failedPhase = phase;
      this.failureKey = why.encoded();
      this.failureReason = why.english();
    }
    this.state = MoveState.ROLLING_BACK;
    enter(MovePhase.RESTARTING_SOURCE, now);
  }

  /** The user confirms the move (or its keeping time passed): the source goes. */
  void confirm(Instant now) {
    enter(MovePhase.DELETING_SOURCE, now);
  }

  void finished(MoveState end, Instant now) {
    this.state = end;
    this.endedAt = now;
    enter(MovePhase.FINISHED, now);
    this.nextStepAt = null;
  }

  /** What the disk is called at both providers while it moves. */
  String diskName() {
    return "federa-move-" + id;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public Long getProjectId() {
    return projectId;
  }

  public long getOrderId() {
    return orderId;
  }

  public String getVmName() {
    return vmName;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public MoveState getState() {
    return state;
  }

  public MovePhase getPhase() {
    return phase;
  }

  public MovePhase getFailedPhase() {
    return failedPhase;
  }

  public String getFailureKey() {
    return failureKey;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public long getSourceProviderId() {
    return sourceProviderId;
  }

  public String getSourceProviderName() {
    return sourceProviderName;
  }

  public String getSourceCountry() {
    return sourceCountry;
  }

  public int getSourceVmId() {
    return sourceVmId;
  }

  public long getSourceHostId() {
    return sourceHostId;
  }

  public String getSourceHostName() {
    return sourceHostName;
  }

  public int getSourceTemplateId() {
    return sourceTemplateId;
  }

  public String getSourceImageName() {
    return sourceImageName;
  }

  public long getTargetProviderId() {
    return targetProviderId;
  }

  public String getTargetProviderName() {
    return targetProviderName;
  }

  public String getTargetCountry() {
    return targetCountry;
  }

  public long getTargetHostId() {
    return targetHostId;
  }

  public String getTargetHostName() {
    return targetHostName;
  }

  public int getTargetTemplateId() {
    return targetTemplateId;
  }

  public Integer getTargetVmId() {
    return targetVmId;
  }

  public Integer getTargetImageId() {
    return targetImageId;
  }

  public Integer getDiskId() {
    return diskId;
  }

  public long getVolumesBytesTotal() {
    return volumesBytesTotal;
  }

  public long getVolumesBytesDone() {
    return volumesBytesDone;
  }

  public boolean isEndsStopped() {
    return endsStopped;
  }

  public long getDiskSizeMib() {
    return diskSizeMib;
  }

  public DiskTransfer.State getDiskState() {
    return copy.getDiskState();
  }

  public long getBytesDone() {
    return copy.getBytesDone();
  }

  public Long getSizeBytes() {
    return copy.getSizeBytes();
  }

  public String getSha256() {
    return copy.getSha256();
  }

  public String getLinkBase() {
    return linkBase;
  }

  public BigDecimal getPriceBeforeEurMonth() {
    return priceBeforeEurMonth;
  }

  public BigDecimal getPriceAfterEurMonth() {
    return priceAfterEurMonth;
  }

  public Instant getCopyStartedAt() {
    return copyStartedAt;
  }

  public long getCopyBytesSince() {
    return copyBytesSince;
  }

  public Instant getCopySince() {
    return copySince;
  }

  public Instant getCutoverAt() {
    return cutoverAt;
  }

  public Instant getKeepSourceUntil() {
    return keepSourceUntil;
  }

  public Instant getPhaseStartedAt() {
    return phaseStartedAt;
  }

  public Instant getNextStepAt() {
    return nextStepAt;
  }

  public String getStepClaim() {
    return stepClaim;
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }
}
