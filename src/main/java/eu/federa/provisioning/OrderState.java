package eu.federa.provisioning;

/**
 * Where an order is in its life. The saga moves RESERVED to DEPLOYING to RUNNING; a failure moves
 * it to COMPENSATING (whatever was created is removed, claim and quota released) and FAILED.
 * Actions on a running VM pass through STOPPING, STARTING, REBOOTING or TERMINATING, which the saga
 * watches until the provider reports the result; a resize of a stopped VM passes through RESIZING,
 * a move to another provider through MOVING, a move to another host of its provider through
 * MIGRATING.
 */
public enum OrderState {
  /** Above the tenant's cost threshold: held (quota and capacity) until a tenant admin decides. */
  AWAITING_APPROVAL,
  RESERVED,
  DEPLOYING,
  RUNNING,
  STOPPING,
  STOPPED,
  STARTING,
  REBOOTING,
  /** A stopped VM being resized (and first moved to another host of its provider, if need be). */
  RESIZING,
  /**
   * A running VM being moved to another host of its provider (a rebalancing move, live or cold):
   * the saga watches the provider until it runs there, or gives up with the VM where it is.
   */
  MIGRATING,
  TERMINATING,
  /**
   * Being moved to another provider (or back, when a move is rolled back): the move's saga has it,
   * no user action and no reconciliation changes it meanwhile.
   */
  MOVING,
  TERMINATED,
  COMPENSATING,
  FAILED,
  /** The provider no longer has the VM, and nobody at Federa ended it (found by the reconciler). */
  VANISHED;

  /** The saga has work to do in this state (the row has a next step). */
  public boolean inProgress() {
    return switch (this) {
      case RESERVED,
          DEPLOYING,
          STOPPING,
          STARTING,
          REBOOTING,
          RESIZING,
          MIGRATING,
          TERMINATING,
          COMPENSATING ->
          true;
      default -> false;
    };
  }

  /** The states of an order that is over (see {@link #ended()}), for queries. */
  public static final java.util.List<OrderState> ENDED =
      java.util.List.of(TERMINATED, FAILED, VANISHED);

  /**
   * An SQL condition that {@code column} (an order's state) is not one of {@link #ENDED}, the
   * states' names written into the statement (constants of this enum, never a caller's text).
   */
  public static String notEndedSql(String column) {
    return ENDED.stream()
        .map(s -> "'" + s.name() + "'")
        .collect(java.util.stream.Collectors.joining(", ", column + " NOT IN (", ")"));
  }

  /** Over: nothing runs, nothing is held. */
  public boolean ended() {
    return this == TERMINATED || this == FAILED || this == VANISHED;
  }

  /** How far an order has come on its way to RUNNING, in percent, for the progress bar. */
  public int progressPercent() {
    return switch (this) {
      case AWAITING_APPROVAL -> 10;
      case RESERVED -> 20;
      case DEPLOYING -> 60;
      case COMPENSATING -> 90;
      default -> 100;
    };
  }
}
