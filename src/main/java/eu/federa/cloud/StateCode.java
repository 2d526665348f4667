package eu.federa.cloud;

import java.util.Map;

/** Lookup of OpenNebula's numeric state codes; an unknown code never fails, it is shown as such. */
final class StateCode {

  private StateCode() {}

  static String name(Map<Integer, String> names, int code) {
    String name = names.get(code);
    return name != null ? name : "unknown (" + code + ")";
  }
}
