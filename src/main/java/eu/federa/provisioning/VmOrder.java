package eu.federa.provisioning;

import eu.federa.catalog.Size;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementChoices;
import eu.federa.platform.text.Reason;
import eu.federa.quota.Usage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An ordered VM, from the order to its end. Its state is the saga's: each step reads it, acts at
 * the provider, and records the outcome here, so that any node can take the next step after a
 * crash.
 */
@Entity
@Table(name = "vm_order")
public class VmOrder {

  /** After this many failed tries of one step in a row, the order is given up and compensated. */
  static final int MAX_ATTEMPTS = 6;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false)
  private long tenantId;

  @Column(name = "project_id")
  private Long projectId;

  @Column(name = "requested_by", nullable = false)
  private String requestedBy;

  @Column(name = "idempotency_key", nullable = false, length = 64)
  private String idempotencyKey;

  @Column(nullable = false, length = 63)
  private String name;

  @Column(name = "image_code", nullable = false)
  private String imageCode;

  @Column(name = "size_code", nullable = false)
  private String sizeCode;

  @Column(nullable = false)
  private int vcpu;

  @Column(name = "memory_mib", nullable = false)
  private long memoryMib;

  @Column(name = "resize_vcpu")
  private Integer resizeVcpu;

  @Column(name = "resize_memory_mib")
  private Long resizeMemoryMib;

  @Column(name = "resize_host_id")
  private Long resizeHostId;

  @Column(name = "resize_host_name")
  private String resizeHostName;

  @Column(name = "resize_requested_at")
  private Instant resizeRequestedAt;

  @Column(name = "resize_move_sent_at")
  private Instant resizeMoveSentAt;

  @Column(name = "disk_gib", nullable = false)
  private int diskGib;

  @Column(nullable = false)
  private int gpus;

  @Column(name = "gpu_class")
  private String gpuClass;

  @Column(name = "gpu_model")
  private String gpuModel;

  /** The keys installed on the VM, one authorized_keys line each; null: none. */
  @Column(name = "ssh_public_keys")
  private String sshPublicKeys;

  @Column(name = "public_address", nullable = false)
  private boolean publicAddress;

  @Column(name = "public_ip")
  private String publicIp;

  @Column(name = "ssh_login_user")
  private String sshLoginUser;

  @Column(nullable = false)
  private String countries = "";

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private OrderState state;

  @Column(name = "failure_reason", length = 1000)
  private String failureReason;

  @Column(name = "failure_key", length = 1000)
  private String failureKey;

  @Column(name = "provider_id")
  private Long providerId;

  @Column(name = "provider_name")
  private String providerName;

  @Column(name = "country_code")
  private String countryCode;

  @Column(name = "host_id")
  private Long hostId;

  @Column(name = "host_name")
  private String hostName;

  @Column(name = "restore_backup_id", updatable = false)
  private Long restoreBackupId;

  @Column(name = "import_disk_url", updatable = false, length = 2000)
  private String importDiskUrl;

  @Column(name = "restore_image_id", updatable = false)
  private Integer restoreImageId;

  @Column(name = "template_id")
  private Integer templateId;

  @Column(name = "one_vm_id")
  private Integer oneVmId;

  @Column(name = "one_state")
  private String oneState;

  @Column(name = "ip_address")
  private String ipAddress;

  @Column(columnDefinition = "TEXT")
  private String explanation;

  /** The orderer's placement choices (JSON), applied whenever it is placed; null: none. */
  @Column(name = "placement_choices", columnDefinition = "TEXT", updatable = false)
  private String placementChoices;

  @Column(nullable = false)
  private int attempts;

  /** Powered off by its organisation's suspension: powered on again when the suspension ends. */
  @Column(name = "stopped_for_suspension", nullable = false)
  private boolean stoppedForSuspension;

  @Column(name = "next_step_at")
  private Instant nextStepAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "running_since")
  private Instant runningSince;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "missing_passes", nullable = false)
  private int missingPasses;

  /** Written only by {@link OrderSteps}' claims (plain SQL); read to fence a stale step's write. */
  @Column(name = "step_claim", insertable = false, updatable = false)
  private String stepClaim;

  @Column(name = "estimate_eur_month", precision = 12, scale = 2)
  private BigDecimal estimateEurMonth;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(name = "allow_other_provider", nullable = false)
  private boolean allowOtherProvider;

  @Column(name = "failed_providers", nullable = false)
  private String failedProviders = "";

  @Column(name = "service_id")
  private Long serviceId;

  @Column(name = "replica_no")
  private Integer replicaNo;

  @Column(name = "run_limit_minutes")
  private Integer runLimitMinutes;

  @Column(name = "stop_at")
  private Instant stopAt;

  /** A training job's status as its appliance reported it: RUNNING, SUCCEEDED or FAILED. */
  @Column(name = "job_status", length = 12)
  private String jobStatus;

  @Column(name = "job_log_tail", length = 2000)
  private String jobLogTail;

  @Column(name = "job_output", length = 500)
  private String jobOutput;

  @Column(name = "job_reported_at")
  private Instant jobReportedAt;

  /** The move to another provider under way, if any (a row of {@code vm_move}). */
  @Column(name = "move_id")
  private Long moveId;

  /** During a move: the provider of its second VM (the target, or the source kept after it). */
  @Column(name = "other_provider_id")
  private Long otherProviderId;

  @Column(name = "other_vm_id")
  private Integer otherVmId;

  /** Moved here from another provider: the image at its provider it booted from (to delete). */
  @Column(name = "moved_image_name")
  private String movedImageName;

  /** A move that cut over is being taken back (its target holds nothing of the quota then). */
  @Column(name = "moving_back", nullable = false)
  private boolean movingBack;

  @Version
  @Column(nullable = false)
  private long version;

  protected VmOrder() {}

  VmOrder(
      long tenantId,
      Long projectId,
      String requestedBy,
      String idempotencyKey,
      String name,
      String imageCode,
      Size size,
      String countries,
      Instant now) {
    this.tenantId = tenantId;
    this.projectId = projectId;
    this.requestedBy = requestedBy;
    this.idempotencyKey = idempotencyKey;
    this.name = name;
    this.imageCode = imageCode;
    this.sizeCode = size.code();
    this.vcpu = size.vcpu();
    this.memoryMib = size.memoryMib();
    this.diskGib = size.diskGib();
    this.gpus = size.gpus();
    this.gpuClass = size.gpuClass();
    this.gpuModel = size.gpuModel();
    this.countries = countries;
    this.state = OrderState.RESERVED;
    this.createdAt = now;
    this.updatedAt = now;
    this.nextStepAt = now;
  }

  /**
   * A VM found in an organisation's group at a provider that no order owned, adopted by a platform
   * admin: from now an order of the project that runs (or rests) there, sized as the VM is.
   */
  static VmOrder adopted(
      long tenantId, long projectId, String adoptedBy, AdoptedVm vm, Instant now) {
    VmOrder o = new VmOrder();
    o.tenantId = tenantId;
    o.projectId = projectId;
    o.requestedBy = adoptedBy;
    o.idempotencyKey = "adopt-" + vm.providerId() + "-" + vm.vmId();
    o.name = vm.name();
    o.imageCode = ADOPTED;
    o.sizeCode = vm.sizeCode() == null ? ADOPTED : vm.sizeCode();
    o.vcpu = vm.vcpu();
    o.memoryMib = vm.memoryMib();
    o.diskGib = vm.diskGib();
    o.gpus = vm.gpus();
    o.gpuClass = vm.gpus() > 0 ? eu.federa.cloud.PciDevice.CLASS_3D_CONTROLLER : null;
    o.gpuModel = vm.gpuModel();
    o.providerId = vm.providerId();
    o.providerName = vm.providerName();
    o.countryCode = vm.countryCode();
    o.hostId = vm.hostId();
    o.hostName = vm.hostName();
    o.oneVmId = vm.vmId();
    o.oneState = vm.oneState();
    o.ipAddress = vm.ip();
    o.state = vm.running() ? OrderState.RUNNING : OrderState.STOPPED;
    o.runningSince = now;
    o.createdAt = now;
    o.updatedAt = now;
    o.explanation = "Adopted from VM " + vm.vmId() + " at " + vm.providerName();
    return o;
  }

  /** The image and size code of an adopted VM whose size is none of the catalog's. */
  static final String ADOPTED = "adopted";

  /** What an adopted VM is at its provider (see {@link #adopted}). */
  public record AdoptedVm(
      long providerId,
      String providerName,
      String countryCode,
      Long hostId,
      String hostName,
      int vmId,
      String name,
      String sizeCode,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String gpuModel,
      boolean running,
      String oneState,
      String ip) {}

  /** The key of its quota reservation and capacity claim. */
  public String ref() {
    return refOf(id);
  }

  /** The user lets Federa place it elsewhere if its provider fails before the VM exists. */
  void allowOtherProvider(boolean allowed) {
    this.allowOtherProvider = allowed;
  }

  /** Its provider failed before the VM existed: it will be placed again, elsewhere. */
  Set<Long> providerFailed() {
    Set<Long> failed = failedProviderIds();
    failed.add(providerId);
    failedProviders = failed.stream().map(String::valueOf).collect(Collectors.joining(","));
    return failed;
  }

  Set<Long> failedProviderIds() {
    Set<Long> ids = new TreeSet<>();
    for (String id : failedProviders.split(",")) {
      if (!id.isBlank()) {
        ids.add(Long.parseLong(id.trim()));
      }
    }
    return ids;
  }

  /** Placed again after its provider failed: deployed from the start there. */
  void replaced(Instant now) {
    require(OrderState.RESERVED);
    moveTo(OrderState.RESERVED, now, now);
  }

  /** One VM of an AI service; a run limit ends it that long after it first runs. */
  void partOf(long serviceId, int replicaNo, Integer runLimitMinutes) {
    this.serviceId = serviceId;
    this.replicaNo = replicaNo;
    this.runLimitMinutes = runLimitMinutes;
  }

  /** Keeps where the orderer wants it to run (nothing is kept when nothing was chosen). */
  void choosePlacement(PlacementChoices choices) {
    this.placementChoices = choices == null || choices.none() ? null : choices.toJson();
  }

  /** The orderer's placement choices; {@link PlacementChoices#NONE} when none were made. */
  public PlacementChoices placementChoices() {
    return PlacementChoices.fromJson(placementChoices);
  }

  /** Where placement put it; the saga deploys there next. */
  void placed(Decision.Choice choice, int templateId, String explanation) {
    this.providerId = choice.providerId();
    this.providerName = choice.providerName();
    this.countryCode = choice.countryCode();
    this.hostId = choice.hostId();
    this.hostName = choice.hostName();
    this.templateId = templateId;
    this.explanation = explanation;
  }

  /** What it costs per month at the chosen provider (null: no price list there). */
  void estimated(BigDecimal eurPerMonth) {
    this.estimateEurMonth = eurPerMonth;
  }

  /** Above the tenant's threshold: it waits for a tenant admin, nothing is deployed meanwhile. */
  void awaitApproval(Instant now) {
    require(OrderState.RESERVED);
    moveTo(OrderState.AWAITING_APPROVAL, now, null);
  }

  void approved(String by, Instant now) {
    require(OrderState.AWAITING_APPROVAL);
    this.decidedBy = by;
    moveTo(OrderState.RESERVED, now, now);
  }

  /** Rejected: nothing was created, so compensation only frees its quota and capacity. */
  void rejected(String by, Reason reason, Instant now) {
    require(OrderState.AWAITING_APPROVAL);
    this.decidedBy = by;
    compensate(reason, now);
  }

  void deploying(int vmId, Instant now) {
    require(OrderState.RESERVED);
    this.oneVmId = vmId;
    moveTo(OrderState.DEPLOYING, now, now);
  }

  /** The provider reports it running (after deployment, start or reboot). */
  /** Running, with the VM's addresses: its own network's first, then any public one. */
  void running(List<String> ips, String oneState, Instant now) {
    this.publicIp = publicAddress && ips.size() > 1 ? ips.get(ips.size() - 1) : null;
    running(ips.isEmpty() ? null : ips.get(0), oneState, now);
  }

  void running(String ip, String oneState, Instant now) {
    if (state == OrderState.DEPLOYING) {
      runningSince = now;
      if (runLimitMinutes != null) {
        stopAt = now.plus(Duration.ofMinutes(runLimitMinutes));
      }
    }
    this.ipAddress = ip;
    this.oneState = oneState;
    // A limited run is looked at again when its time is up.
    moveTo(OrderState.RUNNING, now, stopAt);
    if (stoppedForSuspension) {
      // Its organisation was suspended, its VMs powered off, while this one was on its way.
      acting(OrderState.STOPPING, now);
    }
  }

  /** The statuses a training job's appliance reports (FEDERA_JOB_STATUS). */
  static final java.util.Set<String> JOB_STATUSES =
      java.util.Set.of("RUNNING", "SUCCEEDED", "FAILED");

  /**
   * What a training job's appliance reported on its VM (FEDERA_JOB_STATUS, FEDERA_JOB_LOG,
   * FEDERA_JOB_OUTPUT): kept, the log's tail only; a job that has finished ends its VM, as its time
   * limit would.
   *
   * @return whether anything changed
   */
  boolean jobReported(java.util.Map<String, String> attributes, Instant now) {
    String status = attributes.get("FEDERA_JOB_STATUS");
    if (runLimitMinutes == null || status == null || !JOB_STATUSES.contains(status)) {
      return false;
    }
    String log = tail(attributes.get("FEDERA_JOB_LOG"), 2000);
    String output = cut(attributes.get("FEDERA_JOB_OUTPUT"), 500);
    boolean changed =
        !status.equals(jobStatus)
            || !java.util.Objects.equals(log, jobLogTail)
            || !java.util.Objects.equals(output, jobOutput);
    if (changed) {
      jobStatus = status;
      jobLogTail = log;
      jobOutput = output;
      jobReportedAt = now;
    }
    if (!"RUNNING".equals(status)
        && state == OrderState.RUNNING
        && allows(OrderState.TERMINATING)) {
      because(Reason.of("jobFinished", status));
      moveTo(OrderState.TERMINATING, now, now);
      changed = true;
    }
    return changed;
  }

  private static String tail(String text, int max) {
    return text == null ? null : text.length() <= max ? text : text.substring(text.length() - max);
  }

  private static String cut(String text, int max) {
    return text == null ? null : text.length() <= max ? text : text.substring(0, max);
  }

  public String getJobStatus() {
    return jobStatus;
  }

  public String getJobLogTail() {
    return jobLogTail;
  }

  public String getJobOutput() {
    return jobOutput;
  }

  public Instant getJobReportedAt() {
    return jobReportedAt;
  }

  /** Whether its run limit has passed (then it is terminated). */
  boolean expired(Instant now) {
    return stopAt != null && !now.isBefore(stopAt) && allows(OrderState.TERMINATING);
  }

  /** The run limit has passed: terminate it, saying why. */
  void expire(Instant now) {
    because(Reason.of("timeLimit", runLimitMinutes));
    moveTo(OrderState.TERMINATING, now, now);
  }

  void stopped(String oneState, Instant now) {
    this.oneState = oneState;
    moveTo(OrderState.STOPPED, now, null);
  }

  /** Still on its way; looked at again after {@code wait}. */
  void progressed(String oneState, Instant now, Duration wait) {
    this.oneState = oneState;
    this.updatedAt = now;
    this.nextStepAt = now.plus(wait);
  }

  /**
   * A step could not reach the provider: tried again later with a growing wait, and given up
   * (compensated) after {@link #MAX_ATTEMPTS} failures in a row. Returns whether it gave up.
   */
  boolean retryLater(Reason problem, Instant now) {
    attempts++;
    updatedAt = now;
    if (attempts >= MAX_ATTEMPTS
        && (state == OrderState.RESERVED || state == OrderState.DEPLOYING)) {
      compensate(problem, now);
      return true;
    }
    // 2, 4, 8, 16, 32 seconds, at most a minute: transient faults pass, the user is not kept long.
    long waitSeconds = Math.min(60, 1L << Math.min(attempts, 6));
    nextStepAt = now.plusSeconds(waitSeconds);
    return false;
  }

  /** Something failed for good: undo what was done, then FAILED. */
  void compensate(Reason reason, Instant now) {
    because(reason);
    this.attempts = 0;
    moveTo(OrderState.COMPENSATING, now, now);
  }

  void failed(Instant now) {
    require(OrderState.COMPENSATING);
    this.endedAt = now;
    moveTo(OrderState.FAILED, now, null);
  }

  /**
   * The organisation is leaving (its exit's transition is over): a running or stopped VM is
   * terminated by the saga, one waiting for approval is dropped.
   *
   * @return false when it cannot be ended now (being deployed or changed): asked again later
   */
  boolean endForExit(Instant now) {
    if (state == OrderState.AWAITING_APPROVAL) {
      rejected("system", Reason.of("tenantLeft"), now);
      return true;
    }
    if (!allows(OrderState.TERMINATING)) {
      return false;
    }
    because(Reason.of("tenantLeft"));
    moveTo(OrderState.TERMINATING, now, now);
    return true;
  }

  /** A user's action was sent to the provider; the saga watches for its result. */
  void acting(OrderState transition, Instant now) {
    if (!allows(transition)) {
      throw new IllegalStateException(state + " cannot go to " + transition);
    }
    moveTo(transition, now, now.plusSeconds(1));
  }

  /**
   * A resize of the stopped VM was checked and its quota held: the saga moves it to {@code
   * moveToHostId} first when that is set (its own host has no room), then resizes it.
   */
  void resizing(int vcpu, long memoryMib, Long moveToHostId, String moveToHostName, Instant now) {
    require(OrderState.STOPPED);
    this.resizeVcpu = vcpu;
    this.resizeMemoryMib = memoryMib;
    this.resizeHostId = moveToHostId;
    this.resizeHostName = moveToHostName;
    this.resizeRequestedAt = now;
    moveTo(OrderState.RESIZING, now, now);
  }

  /** The provider resized it (and moved it first, if it had to): stopped again, at its new size. */
  void resized(Instant now) {
    require(OrderState.RESIZING);
    this.vcpu = resizeVcpu;
    this.memoryMib = resizeMemoryMib;
    if (resizeHostId != null) {
      this.hostId = resizeHostId;
      this.hostName = resizeHostName;
    }
    this.failureReason = null;
    this.failureKey = null;
    endResize(now);
  }

  /**
   * The resize was given up (refused, the move failed, or it took too long): the VM keeps its size;
   * {@code moved} says whether it is on the new host all the same.
   */
  void resizeAbandoned(Reason reason, boolean moved, Instant now) {
    require(OrderState.RESIZING);
    if (moved && resizeHostId != null) {
      this.hostId = resizeHostId;
      this.hostName = resizeHostName;
    }
    because(reason);
    endResize(now);
  }

  /**
   * A move of the running VM to another host of its provider began (rebalancing, see {@link
   * HostMoves}): the saga watches it from now.
   */
  void migrating(Instant now) {
    require(OrderState.RUNNING);
    moveTo(OrderState.MIGRATING, now, now);
  }

  /**
   * The move ended: it runs on {@code hostId} now (the new host, or its own when the move was given
   * up); what the provider reports next is the reconciler's to follow.
   */
  void migrated(long hostId, String hostName, Instant now) {
    require(OrderState.MIGRATING);
    this.hostId = hostId;
    this.hostName = hostName;
    // A limited run is looked at again when its time is up, as before the move.
    moveTo(OrderState.RUNNING, now, stopAt);
    if (stoppedForSuspension) {
      // Its organisation was suspended, its VMs powered off, while this one was moving.
      acting(OrderState.STOPPING, now);
    }
  }

  /** The move to the resize's host was sent to the provider; the saga waits for it. */
  void moveSent(Instant now) {
    require(OrderState.RESIZING);
    this.resizeMoveSentAt = now;
    this.updatedAt = now;
  }

  private void endResize(Instant now) {
    this.resizeVcpu = null;
    this.resizeMemoryMib = null;
    this.resizeHostId = null;
    this.resizeHostName = null;
    this.resizeRequestedAt = null;
    this.resizeMoveSentAt = null;
    moveTo(OrderState.STOPPED, now, null);
  }

  /** What it holds of the tenant's quota at a given size (its GPUs and disk stay). */
  Usage usageAt(int vcpu, long memoryMib) {
    return new Usage(vcpu, memoryMib, gpus, 1, diskGib, 0);
  }

  public Integer getResizeVcpu() {
    return resizeVcpu;
  }

  public Long getResizeMemoryMib() {
    return resizeMemoryMib;
  }

  public Long getResizeHostId() {
    return resizeHostId;
  }

  public Instant getResizeRequestedAt() {
    return resizeRequestedAt;
  }

  public Instant getResizeMoveSentAt() {
    return resizeMoveSentAt;
  }

  /** The key of what a move of this order holds at its target until the cutover. */
  public static String moveRefOf(long orderId) {
    return "move-of-" + orderId;
  }

  /**
   * A move to another provider begins (the VM runs at its provider): the order is the move's until
   * it cuts over or rolls back.
   */
  void moving(long move, long targetProviderId, Instant now) {
    if (state != OrderState.RUNNING && state != OrderState.STOPPED) {
      throw new IllegalStateException("Order " + id + " is " + state);
    }
    this.moveId = move;
    this.otherProviderId = targetProviderId;
    this.otherVmId = null;
    moveTo(OrderState.MOVING, now, null);
  }

  /** The move created its VM at the target (before the cutover: not this order's VM yet). */
  void otherVm(int vmId) {
    this.otherVmId = vmId;
  }

  /**
   * The cutover: from this second the VM at the target is the order's, running (or stopped, when it
   * moved stopped); the source becomes its second VM, kept stopped until the move is confirmed.
   */
  void cutOver(MovedTo to, List<String> ips, String oneState, boolean stopped, Instant now) {
    require(OrderState.MOVING);
    long fromProvider = providerId;
    Integer fromVm = oneVmId;
    this.providerId = to.providerId();
    this.providerName = to.providerName();
    this.countryCode = to.countryCode();
    this.hostId = to.hostId();
    this.hostName = to.hostName();
    this.templateId = to.templateId();
    this.oneVmId = to.vmId();
    this.estimateEurMonth = to.eurPerMonth();
    this.movedImageName = to.imageName();
    this.otherProviderId = fromProvider;
    this.otherVmId = fromVm;
    settled(ips, oneState, stopped, now);
  }

  /** Where a move leaves the VM: running, or stopped with the addresses it keeps. */
  private void settled(List<String> ips, String oneState, boolean stopped, Instant now) {
    if (stopped) {
      this.ipAddress = ips.isEmpty() ? null : ips.get(0);
      this.publicIp = publicAddress && ips.size() > 1 ? ips.get(ips.size() - 1) : null;
      stopped(oneState, now);
    } else {
      running(ips, oneState, now);
    }
  }

  /** Where an order's VM is after a move's cutover (or back at its source, after a rollback). */
  public record MovedTo(
      long providerId,
      String providerName,
      String countryCode,
      long hostId,
      String hostName,
      int templateId,
      int vmId,
      BigDecimal eurPerMonth,
      String imageName) {}

  /** A move cut over is taken back: the order is the move's again while its source restarts. */
  /** Returns whether the VM was stopped (it ends stopped at its source then). */
  boolean movingBack(Instant now) {
    if (state != OrderState.RUNNING && state != OrderState.STOPPED) {
      throw new IllegalStateException("Order " + id + " is " + state);
    }
    boolean stopped = state == OrderState.STOPPED;
    this.movingBack = true;
    moveTo(OrderState.MOVING, now, null);
    return stopped;
  }

  public boolean isMovedBack() {
    return movingBack;
  }

  /** The move ended: the order has one VM again, running (or stopped) where it is now. */
  void moveEnded(List<String> ips, String oneState, boolean stopped, Instant now) {
    this.movingBack = false;
    this.moveId = null;
    this.otherProviderId = null;
    this.otherVmId = null;
    if (state == OrderState.MOVING) {
      settled(ips, oneState, stopped, now);
    }
  }

  /** The move is confirmed (or its keeping time passed): the source is gone, one VM is left. */
  void moveConfirmed() {
    this.movingBack = false;
    this.moveId = null;
    this.otherProviderId = null;
    this.otherVmId = null;
  }

  public String getMovedImageName() {
    return movedImageName;
  }

  public Long getMoveId() {
    return moveId;
  }

  public Long getOtherProviderId() {
    return otherProviderId;
  }

  public Integer getOtherVmId() {
    return otherVmId;
  }

  /** Whether a user may ask for {@code transition} now (the page shows only those buttons). */
  public boolean allows(OrderState transition) {
    return allows(state, transition);
  }

  /** Whether an order in this state may take this transition. */
  static boolean allows(OrderState state, OrderState transition) {
    return switch (transition) {
      case STOPPING, REBOOTING -> state == OrderState.RUNNING;
      case STARTING -> state == OrderState.STOPPED;
      case TERMINATING ->
          state == OrderState.RUNNING
              || state == OrderState.STOPPED
              || state == OrderState.STOPPING
              || state == OrderState.STARTING
              || state == OrderState.REBOOTING;
      default -> false;
    };
  }

  /**
   * A reconciler pass confirmed the VM gone (DONE or unknown when asked by id).
   *
   * @return whether that is the second pass in a row: the VM is gone for good
   */
  boolean confirmedMissing() {
    missingPasses++;
    return missingPasses >= 2;
  }

  /** A reconciler pass saw the VM: earlier confirmations of its absence no longer count. */
  void seenAgain() {
    missingPasses = 0;
  }

  /** The reconciler found the VM gone at the provider. */
  void vanished(Instant now) {
    this.endedAt = now;
    this.oneState = null;
    because(Reason.of("vanished", providerName));
    moveTo(OrderState.VANISHED, now, null);
  }

  /**
   * The reconciler saw the VM powered off or running at the provider, changed outside Federa (a
   * reboot inside the guest, an operator); only settled states follow, transitions are the saga's.
   */
  void observed(boolean running, String oneState, Instant now) {
    this.oneState = oneState;
    if (running && state == OrderState.STOPPED) {
      moveTo(OrderState.RUNNING, now, null);
    } else if (!running && state == OrderState.RUNNING) {
      moveTo(OrderState.STOPPED, now, null);
    }
  }

  void terminated(Instant now) {
    require(OrderState.TERMINATING);
    this.endedAt = now;
    this.oneState = "DONE";
    moveTo(OrderState.TERMINATED, now, null);
  }

  /** Records why it failed or ended: in English, and as a key for each reader's language. */
  private void because(Reason reason) {
    this.failureReason = reason.english();
    this.failureKey = reason.encoded();
  }

  public String getFailureKey() {
    return failureKey;
  }

  private void moveTo(OrderState next, Instant now, Instant nextStep) {
    this.state = next;
    this.updatedAt = now;
    this.nextStepAt = nextStep;
    if (next != OrderState.COMPENSATING) {
      this.attempts = 0;
    }
  }

  private void require(OrderState expected) {
    if (state != expected) {
      throw new IllegalStateException("Order " + id + " is " + state + ", not " + expected);
    }
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

  public String getRequestedBy() {
    return requestedBy;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public String getName() {
    return name;
  }

  public String getImageCode() {
    return imageCode;
  }

  public String getSizeCode() {
    return sizeCode;
  }

  public int getVcpu() {
    return vcpu;
  }

  public long getMemoryMib() {
    return memoryMib;
  }

  public int getDiskGib() {
    return diskGib;
  }

  public int getGpus() {
    return gpus;
  }

  public String getGpuClass() {
    return gpuClass;
  }

  public String getGpuModel() {
    return gpuModel;
  }

  public String getCountries() {
    return countries;
  }

  public OrderState getState() {
    return state;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public Long getProviderId() {
    return providerId;
  }

  public String getProviderName() {
    return providerName;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public Long getHostId() {
    return hostId;
  }

  public String getHostName() {
    return hostName;
  }

  public Integer getTemplateId() {
    return templateId;
  }

  public Integer getOneVmId() {
    return oneVmId;
  }

  String getStepClaim() {
    return stepClaim;
  }

  public String getOneState() {
    return oneState;
  }

  public String getIpAddress() {
    return ipAddress;
  }

  public String getExplanation() {
    return explanation;
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getNextStepAt() {
    return nextStepAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getRunningSince() {
    return runningSince;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public BigDecimal getEstimateEurMonth() {
    return estimateEurMonth;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public boolean isAllowOtherProvider() {
    return allowOtherProvider;
  }

  public Long getServiceId() {
    return serviceId;
  }

  public Integer getReplicaNo() {
    return replicaNo;
  }

  public Instant getStopAt() {
    return stopAt;
  }

  /** The SSH keys the VM is given, copied from the orderer's profile when ordered. */
  void giveSshKeys(List<String> lines, String loginUser) {
    this.sshPublicKeys = lines.isEmpty() ? null : String.join("\n", lines);
    this.sshLoginUser = lines.isEmpty() ? null : loginUser;
  }

  /** The account the keys were installed for, or null when the VM has no key. */
  public String getSshLoginUser() {
    return sshLoginUser;
  }

  /** The VM is made from a backup (its image at the provider), not from the catalog's image. */
  void restoreFrom(long backupId, int imageId) {
    this.restoreBackupId = backupId;
    this.restoreImageId = imageId;
  }

  public Long getRestoreBackupId() {
    return restoreBackupId;
  }

  public Integer getRestoreImageId() {
    return restoreImageId;
  }

  /**
   * The VM boots from an imported disk, which its provider downloads from {@code url} (a bundle
   * loaded into this Federa), not from the catalog's image.
   */
  void importFrom(String url) {
    this.importDiskUrl = url;
  }

  /** Where its imported disk is downloaded from; null for a VM of the catalog's image. */
  public String getImportDiskUrl() {
    return importDiskUrl;
  }

  /** The image its imported disk becomes at the provider is named after the order. */
  public String importName() {
    return "federa-import-" + id;
  }

  /** What a restore makes at the provider (its template and images) is named after the order. */
  public String restoreName() {
    return "federa-restore-" + id;
  }

  /** The order asks for a public address (set when it is written). */
  void askPublicAddress(boolean wanted) {
    this.publicAddress = wanted;
  }

  public boolean isPublicAddress() {
    return publicAddress;
  }

  /** How many public addresses it holds, for billing: one once placed, when asked for. */
  public int publicIps() {
    return publicAddress ? 1 : 0;
  }

  /** The public address the provider leased, once running. */
  public String getPublicIp() {
    return publicIp;
  }

  public List<String> getSshPublicKeys() {
    return keyLines(sshPublicKeys);
  }

  /** The keys kept in one column, a line each. */
  static List<String> keyLines(String keys) {
    return keys == null ? List.of() : List.of(keys.split("\n"));
  }

  /** Its {@link OrderView#ATTRIBUTES}, in their order. */
  Object[] viewAttributes() {
    return new Object[] {
      id,
      name,
      imageCode,
      sizeCode,
      vcpu,
      memoryMib,
      diskGib,
      gpus,
      state,
      oneState,
      failureReason,
      providerName,
      countryCode,
      hostName,
      oneVmId,
      ipAddress,
      createdAt,
      runningSince,
      endedAt,
      estimateEurMonth,
      requestedBy,
      sshPublicKeys,
      sshLoginUser,
      failureKey,
      publicAddress,
      publicIp,
      restoreBackupId,
      projectId,
      moveId,
      placementChoices
    };
  }

  private static final String REF_PREFIX = "order-";

  /** The reference of the order with this id, as quota reservations and VM names carry it. */
  public static String refOf(long id) {
    return REF_PREFIX + id;
  }

  /** The order id a reference names, or empty when it names none. */
  public static Optional<Long> idOfRef(String ref) {
    if (ref == null || !ref.matches(REF_PREFIX + "\\d{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(ref.substring(REF_PREFIX.length())));
  }

  boolean isStoppedForSuspension() {
    return stoppedForSuspension;
  }

  /** Powers the running VM off for its organisation's suspension, remembering why. */
  void stopForSuspension(Instant now) {
    acting(OrderState.STOPPING, now);
    stoppedForSuspension = true;
  }

  /**
   * Its organisation is suspended with its VMs powered off while this one is on its way (being
   * made, started, rebooted or moved): it is powered off as soon as it runs.
   */
  void stopWhenRunningForSuspension() {
    stoppedForSuspension = true;
  }

  /**
   * The suspension ended: a VM it powered off is powered on again (true); one that is not stopped
   * (still stopping, or changed since) is left as it is. Either way it is no longer the
   * suspension's.
   */
  boolean startAfterSuspension(Instant now) {
    boolean start = stoppedForSuspension && state == OrderState.STOPPED;
    stoppedForSuspension = false;
    if (start) {
      acting(OrderState.STARTING, now);
    }
    return start;
  }
}
