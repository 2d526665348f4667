package eu.federa.cloud;

import java.util.Map;

/** A host's STATE. Only MONITORED hosts take new VMs. */
public record HostState(int code, String name) {

  public static final int INIT = 0;
  public static final int MONITORED = 2;
  public static final int ERROR = 3;
  public static final int DISABLED = 4;
  public static final int OFFLINE = 8;

  private static final Map<Integer, String> NAMES =
      Map.of(
          0,
          "INIT",
          1,
          "MONITORING_MONITORED",
          2,
          "MONITORED",
          3,
          "ERROR",
          4,
          "DISABLED",
          5,
          "MONITORING_ERROR",
          6,
          "MONITORING_INIT",
          7,
          "MONITORING_DISABLED",
          8,
          "OFFLINE");

  public static HostState of(int code) {
    return new HostState(code, StateCode.name(NAMES, code));
  }

  /**
   * The word a page shows for a host state's name as OpenNebula gives it (its {@code
   * provider.hostState.} key's last part): the MONITORING_ states, a monitoring round under way,
   * are one ({@code MONITORING}); a name this table does not know is {@code UNKNOWN}.
   */
  public static String word(String name) {
    if (name == null) {
      return "UNKNOWN";
    }
    if (name.startsWith("MONITORING_")) {
      return "MONITORING";
    }
    return switch (name) {
      case "INIT", "MONITORED", "ERROR", "DISABLED", "OFFLINE" -> name;
      default -> "UNKNOWN";
    };
  }

  public boolean takesNewVms() {
    return code == MONITORED;
  }
}
