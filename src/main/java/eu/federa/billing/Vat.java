package eu.federa.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * VAT on an invoice. Federa invoices businesses (every tenant has a VAT id): in the seller's own
 * country the domestic standard rate applies; to a business in another EU member state the customer
 * accounts for VAT (reverse charge, Article 196 of Directive 2006/112/EC) and the invoice says so;
 * outside the EU the service is not subject to EU VAT.
 *
 * @param ratePercent the rate charged on this invoice
 * @param treatment how the rate was decided
 */
public record Vat(BigDecimal ratePercent, Treatment treatment) {

  public enum Treatment {
    DOMESTIC,
    REVERSE_CHARGE,
    OUTSIDE_EU;

    public String labelKey() {
      return "invoice.vat." + name();
    }
  }

  /** Standard rates of the EU member states, in percent (2026). */
  static final Map<String, BigDecimal> STANDARD_RATES =
      Map.ofEntries(
          Map.entry("AT", new BigDecimal("20")),
          Map.entry("BE", new BigDecimal("21")),
          Map.entry("BG", new BigDecimal("20")),
          Map.entry("HR", new BigDecimal("25")),
          Map.entry("CY", new BigDecimal("19")),
          Map.entry("CZ", new BigDecimal("21")),
          Map.entry("DK", new BigDecimal("25")),
          Map.entry("EE", new BigDecimal("24")),
          Map.entry("FI", new BigDecimal("25.5")),
          Map.entry("FR", new BigDecimal("20")),
          Map.entry("DE", new BigDecimal("19")),
          Map.entry("GR", new BigDecimal("24")),
          Map.entry("HU", new BigDecimal("27")),
          Map.entry("IE", new BigDecimal("23")),
          Map.entry("IT", new BigDecimal("22")),
          Map.entry("LV", new BigDecimal("21")),
          Map.entry("LT", new BigDecimal("21")),
          Map.entry("LU", new BigDecimal("17")),
          Map.entry("MT", new BigDecimal("18")),
          Map.entry("NL", new BigDecimal("21")),
          Map.entry("PL", new BigDecimal("23")),
          Map.entry("PT", new BigDecimal("23")),
          Map.entry("RO", new BigDecimal("21")),
          Map.entry("SK", new BigDecimal("23")),
          Map.entry("SI", new BigDecimal("22")),
          Map.entry("ES", new BigDecimal("21")),
          Map.entry("SE", new BigDecimal("25")));

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * The VAT of an invoice from a seller established in {@code sellerCountry} to a business in
   * {@code customerCountry}.
   *
   * @throws IllegalArgumentException when the seller's country is not an EU member state
   */
  public static Vat between(String sellerCountry, String customerCountry) {
    BigDecimal domestic = STANDARD_RATES.get(sellerCountry);
    if (domestic == null) {
      throw new IllegalArgumentException("seller country not in the EU: " + sellerCountry);
    }
    if (sellerCountry.equals(customerCountry)) {
      return new Vat(domestic, Treatment.DOMESTIC);
    }
    if (STANDARD_RATES.containsKey(customerCountry)) {
      return new Vat(BigDecimal.ZERO, Treatment.REVERSE_CHARGE);
    }
    return new Vat(BigDecimal.ZERO, Treatment.OUTSIDE_EU);
  }

  /** The VAT on a net amount, half-even to the cent. */
  public BigDecimal on(BigDecimal netEur) {
    return netEur.multiply(ratePercent).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
  }
}
