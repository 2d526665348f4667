package eu.federa.portability;

/**
 * The phases of a tenant's exit (Data Act Art. 25): the notice before the transition, the
 * transition (services keep running), the data-retrieval window (the final bundle downloadable),
 * then the erasure; or cancelled before the transition ended.
 */
public enum ExitPhase {
  NOTICE,
  TRANSITION,
  RETRIEVAL,
  ERASING,
  ERASED,
  CANCELLED;

  /** The tenant may still extend, freeze or cancel. */
  public boolean beforeTransitionEnd() {
    return this == NOTICE || this == TRANSITION;
  }

  /** Over: nothing more happens. */
  public boolean over() {
    return this == ERASED || this == CANCELLED;
  }
}
