package eu.federa.storage;

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
import java.time.Instant;

/**
 * A snapshot of a VM's disk: taken while the VM runs or is stopped, the disk put back to it while
 * the VM is stopped, deleted; it ends with its VM. The transitions are the rules of what may be
 * done when; the worker carries out the states in progress ({@link SnapshotState}).
 */
@Entity
@Table(name = "disk_snapshot")
public class Snapshot extends StepRow {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "project_id", updatable = false)
  private Long projectId;

  @Column(name = "order_id", nullable = false, updatable = false)
  private long orderId;

  @Column(name = "vm_name", nullable = false, updatable = false, length = 63)
  private String vmName;

  @Column(name = "provider_id", nullable = false, updatable = false)
  private long providerId;

  @Column(name = "provider_name", nullable = false, updatable = false)
  private String providerName;

  @Column(name = "country_code", nullable = false, updatable = false, length = 2)
  private String countryCode;

  @Column(name = "one_vm_id", nullable = false, updatable = false)
  private int oneVmId;

  @Column(name = "disk_id")
  private Integer diskId;

  @Column(name = "one_snapshot_id")
  private Integer oneSnapshotId;

  @Column(nullable = false, updatable = false, length = 63)
  private String name;

  @Column(name = "size_mib", nullable = false)
  private long sizeMib;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private SnapshotState state;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(length = 1000)
  private String reason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "reverted_at")
  private Instant revertedAt;

  @Column(name = "quota_gib", nullable = false, updatable = false)
  private int quotaGib;

  protected Snapshot() {}

  /** A snapshot to take of the VM's disk, of {@code quotaGib} (reserved in the disk quota). */
  Snapshot(VmTarget vm, String name, int quotaGib, Instant now) {
    this.quotaGib = quotaGib;
    this.tenantId = vm.tenantId();
    this.projectId = vm.projectId();
    this.orderId = vm.orderId();
    this.vmName = vm.vmName();
    this.providerId = vm.providerId();
    this.providerName = vm.providerName();
    this.countryCode = vm.countryCode();
    this.oneVmId = vm.oneVmId();
    this.name = name;
    this.state = SnapshotState.CREATING;
    this.createdAt = now;
    this.updatedAt = now;
    later(now);
  }

  /** Its reservation in the disk quota. */
  public String quotaRef() {
    return "snapshot-" + id;
  }

  /** The disk quota it reserved when asked for: its disk's size. */
  public int getQuotaGib() {
    return quotaGib;
  }

  /** Its name at the provider: how a repeated step finds what an earlier one took. */
  public String providerName() {
    return "federa-snapshot-" + id;
  }

  // ------------------------------------------------------------------ a user's requests

  /** The disk is put back to it; the VM must be stopped (checked by the caller too). */
  void revert(Instant now) {
    if (state != SnapshotState.READY) {
      throw new ConflictException("snapshot.error.notReady", name, state.name());
    }
    moveTo(SnapshotState.REVERTING, now);
  }

  void delete(Instant now) {
    if (state != SnapshotState.READY) {
      throw new ConflictException("snapshot.error.notReady", name, state.name());
    }
    moveTo(SnapshotState.DELETING, now);
  }

  // ------------------------------------------------------------------ the worker's steps

  void diskChosen(int diskId, Instant now) {
    this.diskId = diskId;
    this.updatedAt = now;
  }

  void sent(Integer snapshotId, Instant now) {
    if (snapshotId != null) {
      this.oneSnapshotId = snapshotId;
    }
    this.sentAt = now;
    this.updatedAt = now;
  }

  void taken(int snapshotId, long sizeMib, Instant now) {
    this.oneSnapshotId = snapshotId;
    this.sizeMib = sizeMib;
    this.reason = null;
    moveTo(SnapshotState.READY, now);
  }

  void reverted(Instant now) {
    this.revertedAt = now;
    this.reason = null;
    moveTo(SnapshotState.READY, now);
  }

  /** A revert or delete did not happen: still ready, with why. */
  void unchanged(Reason why, Instant now) {
    this.reason = why.encoded();
    moveTo(SnapshotState.READY, now);
  }

  void failed(Reason why, Instant now) {
    this.reason = why.encoded();
    moveTo(SnapshotState.FAILED, now);
  }

  void deleted(Instant now) {
    moveTo(SnapshotState.DELETED, now);
    unclaim(); // a step in flight (its VM ended meanwhile) records nothing now
  }

  private void moveTo(SnapshotState next, Instant now) {
    this.state = next;
    this.sentAt = null;
    later(now);
    this.updatedAt = now;
  }

  /** Whole GiB billed for it (at least 1 once it holds anything). */
  int billedGib() {
    return (int) ((sizeMib + 1023) / 1024);
  }

  // ------------------------------------------------------------------ reading

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

  public long getProviderId() {
    return providerId;
  }

  public String getProviderName() {
    return providerName;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public int getOneVmId() {
    return oneVmId;
  }

  public Integer getDiskId() {
    return diskId;
  }

  public Integer getOneSnapshotId() {
    return oneSnapshotId;
  }

  public String getName() {
    return name;
  }

  public long getSizeMib() {
    return sizeMib;
  }

  public SnapshotState getState() {
    return state;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public Reason getReason() {
    return Reason.decode(reason);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When it last changed (its state, or a step's call sent): how long a step has been going. */
  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getRevertedAt() {
    return revertedAt;
  }
}
