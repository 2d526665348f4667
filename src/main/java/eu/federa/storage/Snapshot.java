package eu.federa.storage;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A snapshot of a VM's disk: taken while the VM runs or is stopped, the disk put back to it while
 * the VM is stopped, deleted; it ends with its VM. The transitions are the rules of what may be
 * done when; the worker carries out the states in progress ({@link SnapshotState}).
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

  protected Snapshot() {}

  /** A snapshot to take of the VM's disk, of {@code quotaGib} (reserved in the disk quota). */
  Snapshot(VmTarget vm, String name, int quotaGib, Instant now) {
    super(vm, name, quotaGib, now);
    this.state = SnapshotState.CREATING;
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
      throw new ConflictException("snapshot.error.notReady", getName(), state.name());
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
}
