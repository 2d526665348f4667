package eu.federa.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A VM's daily backups: the next is due at {@link #getNextRunAt()}; the last N are kept. */
@Entity
@Table(name = "backup_schedule")
public class BackupSchedule {

  /** How many scheduled backups a VM may keep at most. */
  public static final int MAX_KEEP = 30;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "order_id", nullable = false, updatable = false)
  private long orderId;

  @Column(name = "project_id", updatable = false)
  private Long projectId;

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

  @Column(name = "keep_count", nullable = false)
  private int keepCount;

  @Column(name = "disk_gib", nullable = false)
  private int diskGib;

  @Column(name = "next_run_at", nullable = false)
  private Instant nextRunAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected BackupSchedule() {}

  BackupSchedule(VmTarget vm, int keepCount, int diskGib, Instant firstRun, Instant now) {
    this.diskGib = diskGib;
    this.tenantId = vm.tenantId();
    this.orderId = vm.orderId();
    this.projectId = vm.projectId();
    this.vmName = vm.vmName();
    this.providerId = vm.providerId();
    this.providerName = vm.providerName();
    this.countryCode = vm.countryCode();
    this.oneVmId = vm.oneVmId();
    this.keepCount = keepCount;
    this.nextRunAt = firstRun;
    this.createdAt = now;
  }

  /** Keeps {@code count} daily backups of the VM, whose disks now hold {@code diskGib}. */
  void keep(int count, int diskGib) {
    this.keepCount = count;
    this.diskGib = diskGib;
  }

  /** Its run at {@code nextRunAt} was made: the next is a day later (a missed day is skipped). */
  void ran(Instant now) {
    Instant next = nextRunAt.plus(Duration.ofDays(1));
    while (!next.isAfter(now)) {
      next = next.plus(Duration.ofDays(1));
    }
    this.nextRunAt = next;
  }

  /** The VM its backups are of. */
  VmTarget target() {
    return new VmTarget(
        orderId, tenantId, projectId, vmName, providerId, providerName, countryCode, oneVmId);
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public long getOrderId() {
    return orderId;
  }

  public int getKeepCount() {
    return keepCount;
  }

  /** What each daily backup reserves in the disk quota until it is made: the VM's disks. */
  public int getDiskGib() {
    return diskGib;
  }

  public Instant getNextRunAt() {
    return nextRunAt;
  }
}
