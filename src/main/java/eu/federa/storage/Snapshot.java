package eu.federa.storage;

import eu.federa.platform.i18n.Term;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A snapshot of a VM's own disk, or of a volume: taken while the VM (the volume's, for a volume)
 * runs or is stopped, the disk put back to it while the VM is stopped, deleted. A snapshot of the
 * VM's disk ends with its VM; a volume's stays with the volume, on whichever VM it is attached to
 * or on its own (restored and deleted through its image then), and ends with it. The transitions
 * are the rules of what may be done when; the worker carries out the states in progress ({@link
 * SnapshotState}).
 */
@Entity
@Table(name = "disk_snapshot")
public class Snapshot extends VmCopy {

  @Column(name = "disk_id")
  private Integer diskId;

  @Column(name = "one_snapshot_id")
  private Integer oneSnapshotId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 12)
  private SnapshotState state;

  @Column(name = "reverted_at")
  private Instant revertedAt;

  @Column(name = "volume_id", updatable = false)
  private Long volumeId;

  @Column(name = "volume_name", updatable = false, length = 63)
  private String volumeName;

  protected Snapshot() {}

  /** A snapshot to take of the VM's disk, of {@code quotaGib} (reserved in the disk quota). */
  Snapshot(VmTarget vm, String name, int quotaGib, Instant now) {
    super(vm, name, quotaGib, now);
    this.state = SnapshotState.CREATING;
  }

  /** A snapshot to take of {@code volume}, attached to the VM: its size is reserved. */
  Snapshot(VmTarget vm, Volume volume, String name, Instant now) {
    this(vm, name, volume.getSizeGib(), now);
    this.volumeId = volume.getId();
    this.volumeName = volume.getName();
  }

  /** Its reservation in the disk quota. */
  public String quotaRef() {
    return "snapshot-" + getId();
  }

  /** Its name at the provider: how a repeated step finds what an earlier one took. */
  public String providerName() {
    return "federa-snapshot-" + getId();
  }

  // ------------------------------------------------------------------ a user's requests

  /** The disk is put back to it; the VM must be stopped (checked by the caller too). */
  void revert(Instant now) {
    requireReady();
    moveTo(SnapshotState.REVERTING, now);
  }

  void delete(Instant now) {
    requireReady();
    moveTo(SnapshotState.DELETING, now);
  }

  private void requireReady() {
    if (state != SnapshotState.READY) {
      throw new ConflictException(
          "snapshot.error.notReady", getName(), Term.of("snapshot.state.", state));
    }
  }

  // ------------------------------------------------------------------ the worker's steps

  void diskChosen(int diskId, Instant now) {
    this.diskId = diskId;
    touched(now);
  }

  void sent(Integer snapshotId, Instant now) {
    if (snapshotId != null) {
      this.oneSnapshotId = snapshotId;
    }
    sent(now);
  }

  void taken(int snapshotId, long sizeMib, Instant now) {
    this.oneSnapshotId = snapshotId;
    sized(sizeMib);
    because(null);
    moveTo(SnapshotState.READY, now);
  }

  void reverted(Instant now) {
    this.revertedAt = now;
    because(null);
    moveTo(SnapshotState.READY, now);
  }

  /** A revert or delete did not happen: still ready, with why. */
  void unchanged(Reason why, Instant now) {
    because(why);
    moveTo(SnapshotState.READY, now);
  }

  void failed(Reason why, Instant now) {
    because(why);
    moveTo(SnapshotState.FAILED, now);
  }

  void deleted(Instant now) {
    moveTo(SnapshotState.DELETED, now);
    unclaim(); // a step in flight (its VM ended meanwhile) records nothing now
  }

  private void moveTo(SnapshotState next, Instant now) {
    this.state = next;
    stepChanged(now);
  }

  // ------------------------------------------------------------------ reading

  public Integer getDiskId() {
    return diskId;
  }

  public Integer getOneSnapshotId() {
    return oneSnapshotId;
  }

  public SnapshotState getState() {
    return state;
  }

  public Instant getRevertedAt() {
    return revertedAt;
  }

  /** The volume whose snapshot it is; null for one of the VM's own disk. */
  public Long getVolumeId() {
    return volumeId;
  }

  public String getVolumeName() {
    return volumeName;
  }

  /** What it is a snapshot of, for people and invoices: the volume, or the VM it was taken on. */
  public String diskName() {
    return volumeId == null ? getVmName() : volumeName;
  }
}
