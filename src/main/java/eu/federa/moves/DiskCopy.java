package eu.federa.moves;

import eu.federa.cloud.registry.DiskTransfer;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * How far one disk of a move came from its source into Federa (the VM's own, or a volume's): the
 * shared transfer's state, kept in its row so that a resumed step takes it up where it stopped.
 */
@Embeddable
public class DiskCopy {

  @Enumerated(EnumType.STRING)
  @Column(name = "disk_state", nullable = false)
  private DiskTransfer.State diskState = DiskTransfer.State.WAITING;

  @Column(name = "one_image_id")
  private Integer oneImageId;

  @Column(name = "one_app_id")
  private Integer oneAppId;

  @Column(name = "source_url", length = 2000)
  private String sourceUrl;

  @Column(length = 64)
  private String md5;

  @Column(name = "disk_format")
  private String diskFormat;

  @Column(name = "bytes_done", nullable = false)
  private long bytesDone;

  @Column(name = "size_bytes")
  private Long sizeBytes;

  @Column(columnDefinition = "char(64)")
  private String sha256;

  /** The disk {@code diskId} of the source VM as the shared transfer takes it up again. */
  DiskTransfer.Disk disk(long sourceProviderId, int sourceVmId, int diskId) {
    DiskTransfer.Disk d = new DiskTransfer.Disk(sourceProviderId, sourceVmId, diskId, diskState);
    d.imageId = oneImageId;
    d.appId = oneAppId;
    d.source = sourceUrl;
    d.md5 = md5;
    d.format = diskFormat;
    d.bytesDone = bytesDone;
    d.sizeBytes = sizeBytes;
    d.sha256 = sha256;
    return d;
  }

  /** The transfer's progress, as it reports it; returns the bytes it gained. */
  long took(DiskTransfer.Disk d) {
    long gained = d.bytesDone - bytesDone;
    this.diskState = d.state;
    this.oneImageId = d.imageId;
    this.oneAppId = d.appId;
    this.sourceUrl = d.source;
    this.md5 = d.md5;
    this.diskFormat = d.format;
    this.bytesDone = d.bytesDone;
    this.sizeBytes = d.sizeBytes;
    this.sha256 = d.sha256;
    return gained;
  }

  public DiskTransfer.State getDiskState() {
    return diskState;
  }

  public long getBytesDone() {
    return bytesDone;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }
}
