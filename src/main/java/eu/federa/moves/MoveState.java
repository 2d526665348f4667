package eu.federa.moves;

/** Where a move is in its life. */
public enum MoveState {
  /** On its way to the target; the order is the move's. */
  MOVING,
  /** Cut over: the VM runs at the target, the source is kept stopped until confirmed. */
  KEPT,
  /** Going back to the source (a phase failed, or the user took the move back). */
  ROLLING_BACK,
  /** Over: the VM is at the target, the source is gone. */
  DONE,
  /** Over: the VM runs at its source again, nothing of the move is left at the target. */
  ROLLED_BACK;

  public boolean over() {
    return this == DONE || this == ROLLED_BACK;
  }
}
