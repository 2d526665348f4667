package eu.federa.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EU VAT identification number, normalised (upper case, no spaces, dots or dashes) and checked
 * against its member state's format (the formats VIES documents). A format check only: whether the
 * number is registered is VIES's answer, not this class's.
 *
 * @param value the normalised number with its prefix, e.g. {@code FR40303265045}
 */
public record VatId(String value) {

  /** Number formats after the two-letter prefix. Greece's prefix is EL, not GR. */
  private static final Map<String, Pattern> FORMATS =
      Map.ofEntries(
          Map.entry("AT", Pattern.compile("U\\d{8}")),
          Map.entry("BE", Pattern.compile("[01]\\d{9}")),
          Map.entry("BG", Pattern.compile("\\d{9,10}")),
          Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
          Map.entry("CZ", Pattern.compile("\\d{8,10}")),
          Map.entry("DE", Pattern.compile("\\d{9}")),
          Map.entry("DK", Pattern.compile("\\d{8}")),
          Map.entry("EE", Pattern.compile("\\d{9}")),
          Map.entry("EL", Pattern.compile("\\d{9}")),
          Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
          Map.entry("FI", Pattern.compile("\\d{8}")),
          Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
          Map.entry("HR", Pattern.compile("\\d{11}")),
          Map.entry("HU", Pattern.compile("\\d{8}")),
          Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
          Map.entry("IT", Pattern.compile("\\d{11}")),
          Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
          Map.entry("LU", Pattern.compile("\\d{8}")),
          Map.entry("LV", Pattern.compile("\\d{11}")),
          Map.entry("MT", Pattern.compile("\\d{8}")),
          Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
          Map.entry("PL", Pattern.compile("\\d{10}")),
          Map.entry("PT", Pattern.compile("\\d{9}")),
          Map.entry("RO", Pattern.compile("\\d{2,10}")),
          Map.entry("SE", Pattern.compile("\\d{10}01")),
          Map.entry("SI", Pattern.compile("\\d{8}")),
          Map.entry("SK", Pattern.compile("\\d{10}")));

  /**
   * The VAT id of an organisation registered in {@code countryCode} (ISO 3166, GR for Greece), if
   * {@code text} has that country's prefix and format.
   */
  public static Optional<VatId> parse(String countryCode, String text) {
    if (countryCode == null || text == null) {
      return Optional.empty();
    }
    String country = countryCode.trim().toUpperCase();
    String prefix = country.equals("GR") ? "EL" : country;
    String normalised = text.toUpperCase().replaceAll("[\\s.\\-]", "");
    if (!normalised.startsWith(prefix) || !FORMATS.containsKey(prefix)) {
      return Optional.empty();
    }
    String number = normalised.substring(2);
    return FORMATS.get(prefix).matcher(number).matches()
        ? Optional.of(new VatId(normalised))
        : Optional.empty();
  }

  /** The EU member states (ISO codes) whose VAT ids this class knows. */
  public static boolean knowsCountry(String countryCode) {
    String c = countryCode == null ? "" : countryCode.trim().toUpperCase();
    return FORMATS.containsKey(c.equals("GR") ? "EL" : c) && !c.equals("EL");
  }
}
