package eu.federa.cloud;

import java.util.Map;

/** Lookup of OpenNebula's numeric state codes; an unknown code never fails, it is shown as such. */
final class StateCode {

  private StateCode() {}

  static String name(Map<Integer, String> names, int code) {
    String name = names.get(code);
    return name != null ? name : "unknown (" + code + ")";
  }

  /** The code {@code names} gives {@code name}, if it is one of them. */
  static java.util.Optional<Integer> code(Map<Integer, String> names, String name) {
    return names.entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
