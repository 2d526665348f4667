package eu.federa.cloud;

import java.util.Map;

/** A VM's LCM_STATE (meaningful while ACTIVE). Codes it does not know read "unknown (N)". */
public record LcmState(int code, String name) {

  public static final int LCM_INIT = 0;
  public static final int PROLOG = 1;
  public static final int BOOT = 2;
  public static final int RUNNING = 3;
  public static final int MIGRATE = 4;
  public static final int EPILOG = 11;
  public static final int SHUTDOWN = 12;
  public static final int SHUTDOWN_POWEROFF = 18;
  public static final int BOOT_POWEROFF = 20;
  public static final int BOOT_FAILURE = 36;
  public static final int PROLOG_FAILURE = 39;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0, "LCM_INIT"),
          Map.entry(1, "PROLOG"),
          Map.entry(2, "BOOT"),
          Map.entry(3, "RUNNING"),
          Map.entry(4, "MIGRATE"),
          Map.entry(5, "SAVE_STOP"),
          Map.entry(6, "SAVE_SUSPEND"),
          Map.entry(7, "SAVE_MIGRATE"),
          Map.entry(8, "PROLOG_MIGRATE"),
          Map.entry(9, "PROLOG_RESUME"),
          Map.entry(10, "EPILOG_STOP"),
          Map.entry(11, "EPILOG"),
          Map.entry(12, "SHUTDOWN"),
          Map.entry(15, "CLEANUP_RESUBMIT"),
          Map.entry(16, "UNKNOWN"),
          Map.entry(17, "HOTPLUG"),
          Map.entry(18, "SHUTDOWN_POWEROFF"),
          Map.entry(19, "BOOT_UNKNOWN"),
          Map.entry(20, "BOOT_POWEROFF"),
          Map.entry(21, "BOOT_SUSPENDED"),
          Map.entry(22, "BOOT_STOPPED"),
          Map.entry(23, "CLEANUP_DELETE"),
          Map.entry(36, "BOOT_FAILURE"),
          Map.entry(37, "BOOT_MIGRATE_FAILURE"),
          Map.entry(38, "PROLOG_MIGRATE_FAILURE"),
          Map.entry(39, "PROLOG_FAILURE"),
          Map.entry(40, "EPILOG_FAILURE"));

  public static LcmState of(int code) {
    return new LcmState(code, StateCode.name(NAMES, code));
  }

  public boolean isKnown() {
    return NAMES.containsKey(code);
  }

  public boolean isFailure() {
    return name.endsWith("_FAILURE");
  }
}
