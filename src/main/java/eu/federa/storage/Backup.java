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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A backup of a VM: made at the provider's backup datastore while the VM runs or is stopped, on
 * demand or by its daily schedule; kept after the VM ends (that is what backups are for) until
 * deleted, and restorable into a new VM at the same provider. OpenNebula names a backup image
 * itself, so the worker tells this backup's image by the VM's backup images before it was sent
 * ({@link #earlierImageIds()}).
 */
@Entity
@Table(name = "vm_backup")
public class Backup extends StepRow {

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

  @Column(nullable = false, updatable = false, length = 63)
  private String name;

  @Column(nullable = false, updatable = false)
  private boolean scheduled;

  @Column(name = "one_datastore_id")
  private Integer datastoreId;

  @Column(name = "earlier_image_ids", length = 1000)
  private String earlierImageIds;

  @Column(name = "one_image_id")
  private Integer oneImageId;

  @Column(name = "size_mib", nullable = false)
  private long sizeMib;

  @Column(name = "quota_gib", nullable = false, updatable = false)
  private int quotaGib;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private BackupState state;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(length = 1000)
  private String reason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Backup() {}

  /** A backup to make of the VM, whose disks hold {@code quotaGib} (reserved in the disk quota). */
  Backup(VmTarget vm, String name, boolean scheduled, int quotaGib, Instant now) {
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
    this.scheduled = scheduled;
    this.state = BackupState.CREATING;
    this.createdAt = now;
    this.updatedAt = now;
    later(now);
  }

  /** Its reservation in the disk quota. */
  public String quotaRef() {
    return "backup-" + id;
  }

  // ------------------------------------------------------------------ a user's requests

  void delete(Instant now) {
    if (state != BackupState.READY) {
      throw new ConflictException("backup.error.notReady", name, state.name());
    }
    moveTo(BackupState.DELETING, now);
  }

  /** Ready to be restored; else the reason why not. */
  void requireReady() {
    if (state != BackupState.READY || oneImageId == null) {
      throw new ConflictException("backup.error.notReady", name, state.name());
    }
  }

  // ------------------------------------------------------------------ the worker's steps

  /** The datastore chosen and the VM's backup images noted: the backup can be sent. */
  void prepared(int datastoreId, List<Integer> earlierImages, Instant now) {
    this.datastoreId = datastoreId;
    this.earlierImageIds =
        earlierImages.stream().map(String::valueOf).collect(Collectors.joining(","));
    this.updatedAt = now;
  }

  void sent(Instant now) {
    this.sentAt = now;
    this.updatedAt = now;
  }

  void made(int imageId, long sizeMib, Instant now) {
    this.oneImageId = imageId;
    this.sizeMib = sizeMib;
    this.reason = null;
    moveTo(BackupState.READY, now);
  }

  /** A delete did not happen: still ready, with why. */
  void unchanged(Reason why, Instant now) {
    this.reason = why.encoded();
    moveTo(BackupState.READY, now);
  }

  void failed(Reason why, Instant now) {
    this.reason = why.encoded();
    moveTo(BackupState.FAILED, now);
  }

  void deleted(Instant now) {
    moveTo(BackupState.DELETED, now);
  }

  /** The schedule keeps fewer: this one goes (a scheduled backup that is ready only). */
  void rotatedOut(Instant now) {
    moveTo(BackupState.DELETING, now);
  }

  private void moveTo(BackupState next, Instant now) {
    this.state = next;
    this.sentAt = null;
    later(now);
    this.updatedAt = now;
  }

  /** Whole GiB billed for it (at least 1 once it holds anything). */
  int billedGib() {
    return (int) ((sizeMib + 1023) / 1024);
  }

  /** The VM's backup images before this one was sent: the one it makes is not among them. */
  List<Integer> earlierImageIds() {
    if (earlierImageIds == null || earlierImageIds.isBlank()) {
      return List.of();
    }
    return Arrays.stream(earlierImageIds.split(",")).map(Integer::valueOf).toList();
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

  public String getName() {
    return name;
  }

  public boolean isScheduled() {
    return scheduled;
  }

  public Integer getDatastoreId() {
    return datastoreId;
  }

  public Integer getOneImageId() {
    return oneImageId;
  }

  public long getSizeMib() {
    return sizeMib;
  }

  /** The disk quota it reserved when asked for: its VM's disks. */
  public int getQuotaGib() {
    return quotaGib;
  }

  public BackupState getState() {
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

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
