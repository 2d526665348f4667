package eu.federa.storage;

/** Where a volume is in its life; the states in progress are carried on by the worker. */
public enum VolumeState {
  /** Ordered with its VM: made once the VM runs. */
  WAITING,
  /** Its image is being made at the provider. */
  CREATING,
  /** Made, attached to no VM. */
  AVAILABLE,
  /** Being hot-plugged into a VM. */
  ATTACHING,
  /** A disk of a VM. */
  ATTACHED,
  /** Being removed from its VM. */
  DETACHING,
  /** Its image is being deleted. */
  DELETING,
  /** Gone for good: its image deleted, its quota given back. */
  DELETED,
  /** Could not be made; nothing is left at the provider. */
  FAILED;

  /** Still on its way somewhere: the worker has a step to take. */
  public boolean inProgress() {
    return this == CREATING || this == ATTACHING || this == DETACHING || this == DELETING;
  }

  /** Over: kept only as a record. */
  public boolean ended() {
    return this == DELETED || this == FAILED;
  }
}
