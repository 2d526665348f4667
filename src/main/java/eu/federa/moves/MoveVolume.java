package eu.federa.moves;

import eu.federa.cloud.registry.DiskTransfer;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A volume moving with its VM: where it was at the source, how far its disk came, and what the move
 * made of it at the target. Changed only by {@link MoveSteps}, under the worker's claim.
 */
@Entity
@Table(name = "vm_move_volume")
public class MoveVolume {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "move_id", nullable = false, updatable = false)
  private long moveId;

  @Column(name = "volume_id", nullable = false, updatable = false)
  private long volumeId;

  @Column(name = "size_gib", nullable = false, updatable = false)
  private int sizeGib;

  @Column(name = "source_image_id", nullable = false, updatable = false)
  private int sourceImageId;

  @Column(name = "source_disk_id", nullable = false, updatable = false)
  private int sourceDiskId;

  @Column(name = "source_datastore_id", updatable = false)
  private Integer sourceDatastoreId;

  /** Its disk's copy into Federa. */
  @Embedded private DiskCopy copy = new DiskCopy();

  @Column(name = "target_image_id")
  private Integer targetImageId;

  @Column(name = "target_datastore_id")
  private Integer targetDatastoreId;

  @Column(name = "target_disk_id")
  private Integer targetDiskId;

  protected MoveVolume() {}

  MoveVolume(
      long moveId,
      long volumeId,
      int sizeGib,
      int sourceImageId,
      int sourceDiskId,
      Integer sourceDatastoreId) {
    this.moveId = moveId;
    this.volumeId = volumeId;
    this.sizeGib = sizeGib;
    this.sourceImageId = sourceImageId;
    this.sourceDiskId = sourceDiskId;
    this.sourceDatastoreId = sourceDatastoreId;
  }

  /** Its disk as the shared transfer takes it up again (the source VM's disk of the volume). */
  DiskTransfer.Disk disk(long sourceProviderId, int sourceVmId) {
    return copy.disk(sourceProviderId, sourceVmId, sourceDiskId);
  }

  /** The disk's progress, as the shared transfer reports it; returns the bytes it gained. */
  long disk(DiskTransfer.Disk d) {
    return copy.took(d);
  }

  void targetImage(int imageId, Integer datastoreId) {
    this.targetImageId = imageId;
    this.targetDatastoreId = datastoreId;
  }

  void attached(int diskId) {
    this.targetDiskId = diskId;
  }

  /** What the volume is called at both providers while it moves. */
  String diskName() {
    return "federa-move-" + moveId + "-volume-" + volumeId;
  }

  public Long getId() {
    return id;
  }

  public long getMoveId() {
    return moveId;
  }

  public long getVolumeId() {
    return volumeId;
  }

  public int getSizeGib() {
    return sizeGib;
  }

  public int getSourceImageId() {
    return sourceImageId;
  }

  public int getSourceDiskId() {
    return sourceDiskId;
  }

  public Integer getSourceDatastoreId() {
    return sourceDatastoreId;
  }

  public DiskTransfer.State getDiskState() {
    return copy.getDiskState();
  }

  public String getSha256() {
    return copy.getSha256();
  }

  public Integer getTargetImageId() {
    return targetImageId;
  }

  public Integer getTargetDatastoreId() {
    return targetDatastoreId;
  }

  public Integer getTargetDiskId() {
    return targetDiskId;
  }
}
