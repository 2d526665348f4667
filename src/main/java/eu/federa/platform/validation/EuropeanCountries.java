package eu.federa.platform.validation;

import java.util.Set;

/** The EU member states and the EEA: where the federation's providers and data may be. */
public final class EuropeanCountries {

  public static final Set<String> EU_EEA =
      Set.of(
          "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

  private EuropeanCountries() {}

  /** The codes in alphabetical order, for choices on pages. */
  public static java.util.List<String> codes() {
    return EU_EEA.stream().sorted().toList();
  }

  public static boolean contains(String countryCode) {
    return countryCode != null && EU_EEA.contains(countryCode.trim().toUpperCase());
  }
}
