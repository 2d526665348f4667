package eu.federa.platform.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The EU member states and the EEA: where the federation's providers and data may be. */
public final class EuropeanCountries {

  public static final Set<String> EU_EEA =
      Set.of(
          "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

  private EuropeanCountries() {}

  /** The codes in alphabetical order, for choices on pages. */
  public static List<String> codes() {
    return EU_EEA.stream().sorted().toList();
  }

  /**
   * Checks a list of country codes from a form or an API body: each must be an EU or EEA code
   * ({@code unknownKey}, with the value as sent, cut to 12 characters), none twice, and no more
   * than there are such countries. Every problem is added to {@code errors} under {@code field}.
   */
  public static void check(
      List<String> codes, String field, String unknownKey, List<FieldError> errors) {
    if (codes.size() > EU_EEA.size()) {
      errors.add(FieldError.of(field, "validation.tooManyCountries", EU_EEA.size()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String code : codes) {
      if (!contains(code)) {
        errors.add(FieldError.of(field, unknownKey, shown(code)));
      } else if (!seen.add(code.trim().toUpperCase(Locale.ROOT))) {
        errors.add(FieldError.of(field, "validation.duplicateCountry", shown(code)));
      }
    }
  }

  /** A list as sent, nulls kept (for {@link #check}), never null itself, unmodifiable. */
  public static List<String> copyOf(List<String> codes) {
    return codes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(codes));
  }

  private static String shown(String code) {
    String text = String.valueOf(code);
    return text.length() > 12 ? text.substring(0, 12) + "\u2026" : text;
  }

  public static boolean contains(String countryCode) {
    return countryCode != null && EU_EEA.contains(countryCode.trim().toUpperCase(Locale.ROOT));
  }
}
