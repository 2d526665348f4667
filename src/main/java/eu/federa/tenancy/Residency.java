package eu.federa.tenancy;

import java.util.List;

/**
 * Where a tenant's workloads may run: anywhere in the EU/EEA federation, or only in the countries
 * listed (ISO codes). Stored as {@code EU} or {@code FR;DE}.
 */
public record Residency(List<String> countries) {

  public static final Residency EU_ONLY = new Residency(List.of());

  public Residency {
    countries =
        countries.stream()
            .map(c -> c.trim().toUpperCase())
            .filter(c -> !c.isEmpty())
            .distinct()
            .sorted()
            .toList();
  }

  public boolean isEuOnly() {
    return countries.isEmpty();
  }

  String stored() {
    return isEuOnly() ? "EU" : String.join(";", countries);
  }

  static Residency fromStored(String value) {
    return value == null || value.equals("EU") ? EU_ONLY : new Residency(List.of(value.split(";")));
  }
}
