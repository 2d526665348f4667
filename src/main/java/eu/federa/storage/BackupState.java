package eu.federa.storage;

/** Where a backup is in its life; the states in progress are carried on by the worker. */
public enum BackupState {
  /** Being made. */
  CREATING,
  /** Made: kept at the provider's backup datastore, restorable into a new VM. */
  READY,
  /** Being deleted. */
  DELETING,
  /** Gone: deleted. */
  DELETED,
  /** Could not be made. */
  FAILED;

  public boolean inProgress() {
    return this == CREATING || this == DELETING;
  }
}
