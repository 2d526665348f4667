package eu.federa.storage;

import eu.federa.platform.text.Reason;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What a copy of a VM's disks kept at its provider has, a disk snapshot as a backup: the VM it is
 * of (its order, project, provider and id there), its name and size, and where its current step
 * stands (when its provider call was sent, why the last one failed, when it last changed). The
 * rules of what may be done when are the subclasses'.
 */
@MappedSuperclass
abstract class VmCopy extends StepRow {

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

  @Column(name = "size_mib", nullable = false)
  private long sizeMib;

  @Column(name = "quota_gib", nullable = false, updatable = false)
  private int quotaGib;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(length = 1000)
  private String reason;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected VmCopy() {}

  /** A copy to make of the VM's disks, of {@code quotaGib} (reserved in the disk quota). */
  VmCopy(VmTarget vm, String name, int quotaGib, Instant now) {
    this.tenantId = vm.tenantId();
    this.projectId = vm.projectId();
    this.orderId = vm.orderId();
    this.vmName = vm.vmName();
    this.providerId = vm.providerId();
    this.providerName = vm.providerName();
    this.countryCode = vm.countryCode();
    this.oneVmId = vm.oneVmId();
    this.name = name;
    this.quotaGib = quotaGib;
    this.createdAt = now;
    this.updatedAt = now;
    later(now);
  }

  /** The current step's provider call was sent. */
  void sent(Instant now) {
    this.sentAt = now;
    this.updatedAt = now;
  }

  /** It holds {@code mib} at the provider. */
  void sized(long mib) {
    this.sizeMib = mib;
  }

  /** Why its last step failed; null: it did not. */
  void because(Reason why) {
    this.reason = why == null ? null : why.encoded();
  }

  /** A new step begins (its state changed): due now, nothing sent yet. */
  void stepChanged(Instant now) {
    this.sentAt = null;
    later(now);
    this.updatedAt = now;
  }

  /** Something of it changed without a new step. */
  void touched(Instant now) {
    this.updatedAt = now;
  }

  /** Whole GiB billed for it (at least 1 once it holds anything). */
  int billedGib() {
    return (int) ((sizeMib + 1023) / 1024);
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

  public long getSizeMib() {
    return sizeMib;
  }

  /** The disk quota it reserved when asked for: the size of the disks it copies. */
  public int getQuotaGib() {
    return quotaGib;
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
}
