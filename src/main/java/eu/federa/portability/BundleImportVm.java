package eu.federa.portability;

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
 * One VM of an imported bundle: what it was (name, project, image, size), where its disk is (in the
 * bundle, or at the exporting Federa's signed link), and how far its recreation here came.
 */
@Entity
@Table(name = "bundle_import_vm")
public class BundleImportVm {

  /** Where a VM of the bundle stands. */
  public enum State {
    /** Its disk is to be copied into this Federa. */
    WAITING,
    /** Its disk is here and checked: its order is to be placed. */
    STAGED,
    /** Its order is placed; the provider downloads the disk and starts the VM. */
    ORDERED,
    RUNNING,
    FAILED,
    /** Not recreated: it had no disk in the bundle (it had ended, or its disk could not be had). */
    SKIPPED;

    public boolean over() {
      return this == RUNNING || this == FAILED || this == SKIPPED;
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "import_id", nullable = false, updatable = false)
  private long importId;

  @Column(name = "source_order_id", nullable = false, updatable = false)
  private long sourceOrderId;

  @Column(name = "vm_name", nullable = false, updatable = false, length = 63)
  private String vmName;

  @Column(name = "project_name", updatable = false, length = 200)
  private String projectName;

  @Column(name = "image_code", nullable = false, updatable = false, length = 63)
  private String imageCode;

  @Column(name = "size_code", nullable = false, updatable = false, length = 63)
  private String sizeCode;

  @Column(name = "public_address", nullable = false, updatable = false)
  private boolean publicAddress;

  @Column(name = "disk_path", updatable = false)
  private String diskPath;

  @Column(name = "disk_url", updatable = false, length = 2000)
  private String diskUrl;

  @Column(name = "disk_sha256", updatable = false, length = 64)
  private String diskSha256;

  @Column(name = "disk_bytes", updatable = false)
  private Long diskBytes;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private State state;

  @Column(name = "bytes_done", nullable = false)
  private long bytesDone;

  @Column(name = "order_id")
  private Long orderId;

  @Column(name = "provider_name", length = 200)
  private String providerName;

  @Column(length = 1000)
  private String reason;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected BundleImportVm() {}

  /** A disk of the bundle: {@code diskPath} inside it, or {@code diskUrl} at its exporter. */
  record Disk(String path, String url, String sha256, Long bytes) {}

  BundleImportVm(
      long importId,
      long sourceOrderId,
      String vmName,
      String projectName,
      String imageCode,
      String sizeCode,
      boolean publicAddress,
      Disk disk,
      String skippedBecause,
      Instant now) {
    this.importId = importId;
    this.sourceOrderId = sourceOrderId;
    this.vmName = vmName;
    this.projectName = projectName;
    this.imageCode = imageCode;
    this.sizeCode = sizeCode;
    this.publicAddress = publicAddress;
    if (disk != null) {
      this.diskPath = disk.path();
      this.diskUrl = disk.url();
      this.diskSha256 = disk.sha256();
      this.diskBytes = disk.bytes();
    }
    this.state = skippedBecause == null ? State.WAITING : State.SKIPPED;
    this.reason = skippedBecause;
    this.updatedAt = now;
  }

  void copied(long bytes, Instant now) {
    this.bytesDone = bytes;
    this.updatedAt = now;
  }

  void staged(Instant now) {
    this.state = State.STAGED;
    this.updatedAt = now;
  }

  void ordered(long orderId, Instant now) {
    this.orderId = orderId;
    this.state = State.ORDERED;
    this.updatedAt = now;
  }

  void running(String providerName, Instant now) {
    this.providerName = providerName;
    this.state = State.RUNNING;
    this.reason = null;
    this.updatedAt = now;
  }

  void failed(String why, Instant now) {
    this.state = State.FAILED;
    this.reason = why == null || why.length() <= 1000 ? why : why.substring(0, 997) + "...";
    this.updatedAt = now;
  }

  /** Where it goes while its order is on its way. */
  void at(String providerName, Instant now) {
    this.providerName = providerName;
    this.updatedAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getImportId() {
    return importId;
  }

  public long getSourceOrderId() {
    return sourceOrderId;
  }

  public String getVmName() {
    return vmName;
  }

  public String getProjectName() {
    return projectName;
  }

  public String getImageCode() {
    return imageCode;
  }

  public String getSizeCode() {
    return sizeCode;
  }

  public boolean isPublicAddress() {
    return publicAddress;
  }

  public String getDiskPath() {
    return diskPath;
  }

  public String getDiskUrl() {
    return diskUrl;
  }

  public String getDiskSha256() {
    return diskSha256;
  }

  public Long getDiskBytes() {
    return diskBytes;
  }

  public State getState() {
    return state;
  }

  public long getBytesDone() {
    return bytesDone;
  }

  public Long getOrderId() {
    return orderId;
  }

  public String getProviderName() {
    return providerName;
  }

  public String getReason() {
    return reason;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
