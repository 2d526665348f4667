package eu.federa.storage;

/** Where a disk snapshot is in its life; the states in progress are carried on by the worker. */
public enum SnapshotState {
  /** Being taken. */
  CREATING,
  /** Taken: the disk can be put back to it. */
  READY,
  /** The disk is being put back to it. */
  REVERTING,
  /** Being deleted. */
  DELETING,
  /** Gone: deleted, or gone with its VM. */
  DELETED,
  /** Could not be taken. */
  FAILED;

  public boolean inProgress() {
    return this == CREATING || this == REVERTING || this == DELETING;
  }

  public boolean ended() {
    return this == DELETED || this == FAILED;
  }
}
