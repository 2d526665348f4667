package eu.federa.moves;

/** The steps of a move, in order; each is resumed from its persisted state after a restart. */
public enum MovePhase {
  /** Waiting for its turn: its providers have as many moves under way as they may. */
  QUEUED(0),
  STOPPING_SOURCE(5),
  SAVING_DISK(15),
  PUBLISHING_DISK(20),
  COPYING_DISK(25),
  IMPORTING_DISK(60),
  CREATING_VM(80),
  STARTING_VM(85),
  /** The VM's volumes are hot-plugged into it at the target, one after the other. */
  ATTACHING_VOLUMES(88),
  CHECKING(92),
  /** A VM that moved stopped: checked running at the target, it is stopped there again. */
  STOPPING_TARGET(96),
  /** Cut over: the source is kept, stopped, until the move is confirmed or its time passes. */
  KEEPING_SOURCE(100),
  DELETING_SOURCE(100),
  /** Going back: the source started again, what was made at the target removed. */
  RESTARTING_SOURCE(50),
  CLEANING_TARGET(90),
  FINISHED(100);

  private final int percent;

  MovePhase(int percent) {
    this.percent = percent;
  }

  /** How far a move has come when it starts this phase, for its progress bar. */
  public int percent() {
    return percent;
  }

  /** Whether the move is still on its way to the cutover in this phase. */
  public boolean beforeCutover() {
    return ordinal() < KEEPING_SOURCE.ordinal();
  }
}
