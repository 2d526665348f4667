package eu.federa.cloud;

import java.util.Set;

/**
 * What a VM's (STATE, LCM_STATE) pair means for Federa, decided here and nowhere else: the saga,
 * the reconciler and the pages ask this instead of comparing names or codes.
 */
public enum VmCondition {
  /** ACTIVE/RUNNING. */
  RUNNING,
  /** Stable and not running: HOLD, POWEROFF, STOPPED, SUSPENDED, UNDEPLOYED. */
  RESTING,
  /** On its way somewhere (pending, booting, migrating, saving, hot-plugging, ...): wait. */
  TRANSIENT,
  /** Stuck in a failure state until someone recovers it (FAILED, *_FAILURE, 61, ...). */
  FAILED,
  /** Shutting down or being cleaned up: a terminate or poweroff is already under way. */
  LEAVING,
  /** DONE: nothing is left at the provider. */
  GONE;

  /** LCM failure states; not all of them end in _FAILURE's position in the table (41–50, 61). */
  private static final Set<Integer> FAILED_LCM =
      Set.of(
          LcmState.BOOT_FAILURE,
          LcmState.BOOT_MIGRATE_FAILURE,
          LcmState.PROLOG_MIGRATE_FAILURE,
          LcmState.PROLOG_FAILURE,
          LcmState.EPILOG_FAILURE,
          LcmState.EPILOG_STOP_FAILURE,
          LcmState.EPILOG_UNDEPLOY_FAILURE,
          LcmState.PROLOG_MIGRATE_POWEROFF_FAILURE,
          LcmState.PROLOG_MIGRATE_SUSPEND_FAILURE,
          LcmState.BOOT_UNDEPLOY_FAILURE,
          LcmState.BOOT_STOPPED_FAILURE,
          LcmState.PROLOG_RESUME_FAILURE,
          LcmState.PROLOG_UNDEPLOY_FAILURE,
          LcmState.PROLOG_MIGRATE_UNKNOWN_FAILURE);

  private static final Set<Integer> LEAVING_LCM =
      Set.of(
          LcmState.EPILOG_STOP,
          LcmState.EPILOG,
          LcmState.SHUTDOWN,
          LcmState.CLEANUP_RESUBMIT,
          LcmState.SHUTDOWN_POWEROFF,
          LcmState.CLEANUP_DELETE,
          LcmState.SHUTDOWN_UNDEPLOY,
          LcmState.EPILOG_UNDEPLOY);

  public static VmCondition of(VmState state, LcmState lcm) {
    return switch (state.code()) {
      case VmState.ACTIVE -> ofActive(lcm.code());
      case VmState.HOLD, VmState.POWEROFF, VmState.STOPPED, VmState.SUSPENDED, VmState.UNDEPLOYED ->
          RESTING;
      case VmState.DONE -> GONE;
      case VmState.FAILED, VmState.CLONING_FAILURE -> FAILED;
      // INIT, PENDING, CLONING and codes newer than this table: wait and look again
      default -> TRANSIENT;
    };
  }

  /**
   * The word a page shows for a VM's state as {@link VirtualMachine#displayState} wrote it ({@code
   * ACTIVE/RUNNING}, {@code POWEROFF}): the last part of its {@code resource.oneState.} key. A
   * resting VM is named by its state (POWEROFF, STOPPED, ...), any other by its condition (RUNNING,
   * TRANSIENT, FAILED, LEAVING, GONE); a state this table does not know is UNKNOWN.
   */
  public static String word(String displayState) {
    if (displayState == null) {
      return "UNKNOWN";
    }
    int slash = displayState.indexOf('/');
    String stateName = slash < 0 ? displayState : displayState.substring(0, slash);
    java.util.Optional<VmState> state = VmState.named(stateName);
    if (state.isEmpty()) {
      return "UNKNOWN";
    }
    LcmState lcm =
        slash < 0
            ? LcmState.of(0)
            : LcmState.named(displayState.substring(slash + 1)).orElse(LcmState.of(-1));
    VmCondition condition = of(state.get(), lcm);
    return condition == RESTING ? stateName : condition.name();
  }

  private static VmCondition ofActive(int lcm) {
    if (lcm == LcmState.RUNNING) {
      return RUNNING;
    }
    if (FAILED_LCM.contains(lcm)) {
      return FAILED;
    }
    return LEAVING_LCM.contains(lcm) ? LEAVING : TRANSIENT;
  }
}
