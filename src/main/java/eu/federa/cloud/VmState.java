package eu.federa.cloud;

import java.util.Map;

/**
 * A VM's STATE as OpenNebula reports it. 7 (FAILED) is retired in OpenNebula 7 but still read, so
 * that an old front-end's answer is understood. Codes it does not know read "unknown (N)".
 */
public record VmState(int code, String name) {

  public static final int INIT = 0;
  public static final int PENDING = 1;
  public static final int HOLD = 2;
  public static final int ACTIVE = 3;
  public static final int STOPPED = 4;
  public static final int SUSPENDED = 5;
  public static final int DONE = 6;
  public static final int FAILED = 7;
  public static final int POWEROFF = 8;
  public static final int UNDEPLOYED = 9;
  public static final int CLONING = 10;
  public static final int CLONING_FAILURE = 11;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0, "INIT"),
          Map.entry(1, "PENDING"),
          Map.entry(2, "HOLD"),
          Map.entry(3, "ACTIVE"),
          Map.entry(4, "STOPPED"),
          Map.entry(5, "SUSPENDED"),
          Map.entry(6, "DONE"),
          Map.entry(7, "FAILED"),
          Map.entry(8, "POWEROFF"),
          Map.entry(9, "UNDEPLOYED"),
          Map.entry(10, "CLONING"),
          Map.entry(11, "CLONING_FAILURE"));

  public static VmState of(int code) {
    return new VmState(code, StateCode.name(NAMES, code));
  }

  /** The state OpenNebula names {@code name} ({@code RUNNING}), if this table knows it. */
  public static java.util.Optional<VmState> named(String name) {
    return StateCode.code(NAMES, name).map(VmState::of);
  }

  public boolean isKnown() {
    return NAMES.containsKey(code);
  }

  public boolean is(int stateCode) {
    return code == stateCode;
  }
}
