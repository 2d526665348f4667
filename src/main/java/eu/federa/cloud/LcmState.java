package eu.federa.cloud;

import java.util.Map;

/**
 * A VM's LCM_STATE (meaningful while ACTIVE), with every code of OpenNebula 7.5's {@code
 * include/VirtualMachine.h}; codes OpenNebula retired (13, 14, 55, 58) and any newer one read
 * "unknown (N)". What a state means for Federa is decided in {@link VmCondition}.
 */
public record LcmState(int code, String name) {

  public static final int LCM_INIT = 0;
  public static final int PROLOG = 1;
  public static final int BOOT = 2;
  public static final int RUNNING = 3;
  public static final int MIGRATE = 4;
  public static final int SAVE_STOP = 5;
  public static final int SAVE_SUSPEND = 6;
  public static final int SAVE_MIGRATE = 7;
  public static final int PROLOG_MIGRATE = 8;
  public static final int PROLOG_RESUME = 9;
  public static final int EPILOG_STOP = 10;
  public static final int EPILOG = 11;
  public static final int SHUTDOWN = 12;
  public static final int CLEANUP_RESUBMIT = 15;
  public static final int UNKNOWN = 16;
  public static final int HOTPLUG = 17;
  public static final int SHUTDOWN_POWEROFF = 18;
  public static final int BOOT_UNKNOWN = 19;
  public static final int BOOT_POWEROFF = 20;
  public static final int BOOT_SUSPENDED = 21;
  public static final int BOOT_STOPPED = 22;
  public static final int CLEANUP_DELETE = 23;
  public static final int SHUTDOWN_UNDEPLOY = 29;
  public static final int EPILOG_UNDEPLOY = 30;
  public static final int PROLOG_UNDEPLOY = 31;
  public static final int BOOT_UNDEPLOY = 32;
  public static final int BOOT_MIGRATE = 35;
  public static final int BOOT_FAILURE = 36;
  public static final int BOOT_MIGRATE_FAILURE = 37;
  public static final int PROLOG_MIGRATE_FAILURE = 38;
  public static final int PROLOG_FAILURE = 39;
  public static final int EPILOG_FAILURE = 40;
  public static final int EPILOG_STOP_FAILURE = 41;
  public static final int EPILOG_UNDEPLOY_FAILURE = 42;
  public static final int PROLOG_MIGRATE_POWEROFF = 43;
  public static final int PROLOG_MIGRATE_POWEROFF_FAILURE = 44;
  public static final int PROLOG_MIGRATE_SUSPEND = 45;
  public static final int PROLOG_MIGRATE_SUSPEND_FAILURE = 46;
  public static final int BOOT_UNDEPLOY_FAILURE = 47;
  public static final int BOOT_STOPPED_FAILURE = 48;
  public static final int PROLOG_RESUME_FAILURE = 49;
  public static final int PROLOG_UNDEPLOY_FAILURE = 50;
  public static final int PROLOG_MIGRATE_UNKNOWN = 60;
  public static final int PROLOG_MIGRATE_UNKNOWN_FAILURE = 61;

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
          Map.entry(24, "HOTPLUG_SNAPSHOT"),
          Map.entry(25, "HOTPLUG_NIC"),
          Map.entry(26, "HOTPLUG_SAVEAS"),
          Map.entry(27, "HOTPLUG_SAVEAS_POWEROFF"),
          Map.entry(28, "HOTPLUG_SAVEAS_SUSPENDED"),
          Map.entry(29, "SHUTDOWN_UNDEPLOY"),
          Map.entry(30, "EPILOG_UNDEPLOY"),
          Map.entry(31, "PROLOG_UNDEPLOY"),
          Map.entry(32, "BOOT_UNDEPLOY"),
          Map.entry(33, "HOTPLUG_PROLOG_POWEROFF"),
          Map.entry(34, "HOTPLUG_EPILOG_POWEROFF"),
          Map.entry(35, "BOOT_MIGRATE"),
          Map.entry(36, "BOOT_FAILURE"),
          Map.entry(37, "BOOT_MIGRATE_FAILURE"),
          Map.entry(38, "PROLOG_MIGRATE_FAILURE"),
          Map.entry(39, "PROLOG_FAILURE"),
          Map.entry(40, "EPILOG_FAILURE"),
          Map.entry(41, "EPILOG_STOP_FAILURE"),
          Map.entry(42, "EPILOG_UNDEPLOY_FAILURE"),
          Map.entry(43, "PROLOG_MIGRATE_POWEROFF"),
          Map.entry(44, "PROLOG_MIGRATE_POWEROFF_FAILURE"),
          Map.entry(45, "PROLOG_MIGRATE_SUSPEND"),
          Map.entry(46, "PROLOG_MIGRATE_SUSPEND_FAILURE"),
          Map.entry(47, "BOOT_UNDEPLOY_FAILURE"),
          Map.entry(48, "BOOT_STOPPED_FAILURE"),
          Map.entry(49, "PROLOG_RESUME_FAILURE"),
          Map.entry(50, "PROLOG_UNDEPLOY_FAILURE"),
          Map.entry(51, "DISK_SNAPSHOT_POWEROFF"),
          Map.entry(52, "DISK_SNAPSHOT_REVERT_POWEROFF"),
          Map.entry(53, "DISK_SNAPSHOT_DELETE_POWEROFF"),
          Map.entry(54, "DISK_SNAPSHOT_SUSPENDED"),
          Map.entry(56, "DISK_SNAPSHOT_DELETE_SUSPENDED"),
          Map.entry(57, "DISK_SNAPSHOT"),
          Map.entry(59, "DISK_SNAPSHOT_DELETE"),
          Map.entry(60, "PROLOG_MIGRATE_UNKNOWN"),
          Map.entry(61, "PROLOG_MIGRATE_UNKNOWN_FAILURE"),
          Map.entry(62, "DISK_RESIZE"),
          Map.entry(63, "DISK_RESIZE_POWEROFF"),
          Map.entry(64, "DISK_RESIZE_UNDEPLOYED"),
          Map.entry(65, "HOTPLUG_NIC_POWEROFF"),
          Map.entry(66, "HOTPLUG_RESIZE"),
          Map.entry(67, "HOTPLUG_SAVEAS_UNDEPLOYED"),
          Map.entry(68, "HOTPLUG_SAVEAS_STOPPED"),
          Map.entry(69, "BACKUP"),
          Map.entry(70, "BACKUP_POWEROFF"),
          Map.entry(71, "RESTORE"));

  public static LcmState of(int code) {
    return new LcmState(code, StateCode.name(NAMES, code));
  }

  /** The state OpenNebula names {@code name} ({@code RUNNING}), if this table knows it. */
  public static java.util.Optional<LcmState> named(String name) {
    return StateCode.code(NAMES, name).map(LcmState::of);
  }

  public boolean isKnown() {
    return NAMES.containsKey(code);
  }

  public boolean is(int lcmCode) {
    return code == lcmCode;
  }
}
