package eu.federa.billing;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * An invoice as shown and exported.
 *
 * @param number null while a draft
 */
public record Invoice(
    long id,
    long tenantId,
    YearMonth month,
    String state,
    String number,
    String customerName,
    String customerCountry,
    String customerVatId,
    String sellerCountry,
    Vat.Treatment vatTreatment,
    BigDecimal vatRatePercent,
    BigDecimal netEur,
    BigDecimal vatEur,
    BigDecimal grossEur,
    Instant ratedAt,
    Instant issuedAt,
    String problems,
    List<Line> lines)
    implements Serializable {

  public static final String DRAFT = "DRAFT";
  public static final String ISSUED = "ISSUED";

  public boolean issued() {
    return ISSUED.equals(state);
  }

  /**
   * One line: what, where, how much, at which price.
   *
   * @param adjustsMonth for an adjustment: the earlier month whose usage changed after its invoice
   *     was issued (the amount is the difference, negative for a credit); null for this month's
   */
  public record Line(
      int position,
      String projectName,
      String providerName,
      String countryCode,
      ChargeItem item,
      String detail,
      BigDecimal quantity,
      String unit,
      BigDecimal unitPriceEur,
      BigDecimal amountEur,
      YearMonth adjustsMonth)
      implements Serializable {}
}
