package eu.federa.billing;

import eu.federa.energy.UsageEnergy;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.text.CsvCells;
import eu.federa.platform.text.PdfPages;
import eu.federa.platform.text.TextTemplate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** An invoice as a file: CSV for spreadsheets and accounting, PDF to keep and forward. */
public final class InvoiceDocuments {

  private InvoiceDocuments() {}

  /** The file name without extension, e.g. {@code federa-2026-11-FED-2026-000001}. */
  public static String fileName(Invoice invoice) {
    return "federa-"
        + invoice.month()
        + "-"
        + (invoice.number() == null ? "draft-" + invoice.id() : invoice.number());
  }

  /** The columns of the CSV, each headed in the reader's language ({@code csv.<column>}). */
  private static final List<String> CSV_COLUMNS =
      List.of(
          "invoice",
          "month",
          "state",
          "project",
          "provider",
          "country",
          "item",
          "detail",
          "quantity",
          "unit",
          "unitPrice",
          "amount",
          "adjustsMonth");

  /** One row per line, then the totals; comma-separated, decimal points, UTF-8; in English. */
  public static byte[] csv(Invoice invoice) {
    return csv(invoice, null, Locale.ENGLISH);
  }

  /**
   * As {@link #csv(Invoice)}, headed in {@code language}; then, when {@code energy} is given, two
   * rows for information (not billed, no amount): the kWh and the kg CO₂e of the hours billed. The
   * cells stay as a program reads them (decimal points, ISO months, item codes), whatever the
   * language of the headings.
   */
  public static byte[] csv(Invoice invoice, UsageEnergy energy, Locale language) {
    Words words = new Words(language);
    StringBuilder out = new StringBuilder();
    out.append(
        CsvCells.row(CSV_COLUMNS.stream().map(c -> words.say("csv." + c, Map.of())).toList()));
    String number = invoice.number() == null ? "" : invoice.number();
    for (Invoice.Line l : invoice.lines()) {
      row(
          out,
          number,
          invoice.month().toString(),
          invoice.state(),
          l.projectName(),
          l.providerName(),
          l.countryCode(),
          l.item().name(),
          l.detail(),
          l.quantity().toPlainString(),
          l.unit(),
          l.unitPriceEur().toPlainString(),
          l.amountEur().toPlainString(),
          l.adjustsMonth() == null ? "" : l.adjustsMonth().toString());
    }
    total(out, invoice, "NET", invoice.netEur());
    total(
        out,
        invoice,
        "VAT "
            + invoice.vatRatePercent().stripTrailingZeros().toPlainString()
            + "% "
            + invoice.vatTreatment(),
        invoice.vatEur());
    total(out, invoice, "GROSS", invoice.grossEur());
    if (energy != null && energy.kwh() > 0) {
      information(out, invoice, words.say("csv.energy", Map.of()), energy.kwh(), "kWh");
      information(out, invoice, words.say("csv.emissions", Map.of()), energy.kgCo2e(), "kg CO2e");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void total(StringBuilder out, Invoice invoice, String what, BigDecimal amount) {
    summary(out, invoice, what, null, null, amount.toPlainString());
  }

  /** A row for information: a quantity with its unit, no amount. */
  private static void information(
      StringBuilder out, Invoice invoice, String what, double quantity, String unit) {
    summary(
        out,
        invoice,
        what,
        BigDecimal.valueOf(quantity).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString(),
        unit,
        null);
  }

  /** A row after the lines: the invoice's number, month and state, then what it states. */
  private static void summary(
      StringBuilder out,
      Invoice invoice,
      String what,
      String quantity,
      String unit,
      String amount) {
    row(
        out,
        invoice.number() == null ? "" : invoice.number(),
        invoice.month().toString(),
        invoice.state(),
        null,
        null,
        null,
        what,
        null,
        quantity,
        unit,
        null,
        amount,
        null);
  }

  private static void row(StringBuilder out, String... cells) {
    out.append(CsvCells.row(java.util.Arrays.asList(cells)));
  }

  /**
   * The invoice on A4 pages in {@code language}: seller and customer, VAT treatment (with the
   * reverse-charge note where it applies), the lines grouped by project and provider, and the
   * totals. Its words come from {@code eu/federa/billing/invoice-pdf_<language>.properties}.
   *
   * @param seller name, country and VAT id of the invoicing entity
   */
  public static byte[] pdf(Invoice invoice, String[] seller, Locale language, UsageEnergy energy) {
    Words words = new Words(language);
    try (PdfPages w = new PdfPages(0, 230, 350, 430)) {
      w.text(
          16,
          true,
          invoice.issued()
              ? words.say("title.issued", Map.of("number", invoice.number()))
              : words.say("title.draft", Map.of()));
      w.gap(6);
      w.text(10, false, words.say("month", Map.of("month", words.formats.month(invoice.month()))));
      if (invoice.issuedAt() != null) {
        w.text(
            10, false, words.say("issued", Map.of("date", words.formats.date(invoice.issuedAt()))));
      }
      w.gap(8);
      w.text(10, true, words.say("from", Map.of()));
      w.text(10, false, words.party(seller[0], seller[1], seller[2]));
      w.gap(4);
      w.text(10, true, words.say("to", Map.of()));
      w.text(
          10,
          false,
          words.party(invoice.customerName(), invoice.customerCountry(), invoice.customerVatId()));
      w.gap(10);
      String group = null;
      for (Invoice.Line l : invoice.lines()) {
        String g =
            l.projectName() == null
                ? words.say(
                    "group.none", Map.of("provider", l.providerName(), "country", l.countryCode()))
                : words.say(
                    "group.project",
                    Map.of(
                        "project",
                        l.projectName(),
                        "provider",
                        l.providerName(),
                        "country",
                        l.countryCode()));
        if (!g.equals(group)) {
          w.gap(4);
          w.text(10, true, g);
          group = g;
        }
        w.columns(
            9,
            new String[] {
              words.item(l),
              words.formats.measured(l.quantity())
                  + " "
                  + words.say("unit." + l.item().name(), Map.of()),
              "x " + words.formats.unitPrice(l.unitPriceEur()),
              words.formats.money(l.amountEur())
            });
      }
      w.gap(10);
      w.columns(
          10,
          new String[] {words.say("net", Map.of()), "", "", words.formats.money(invoice.netEur())});
      w.columns(
          10,
          new String[] {
            words.say("vat", Map.of("rate", words.formats.number(invoice.vatRatePercent()))),
            "",
            "",
            words.formats.money(invoice.vatEur())
          });
      w.columns(
          10,
          new String[] {
            words.say("total", Map.of()), "", "", words.formats.money(invoice.grossEur())
          });
      w.gap(8);
      switch (invoice.vatTreatment()) {
        case REVERSE_CHARGE -> w.text(9, false, words.say("reverseCharge", Map.of()));
        case OUTSIDE_EU -> w.text(9, false, words.say("outsideEu", Map.of()));
        case DOMESTIC -> {}
      }
      w.text(9, false, words.say("rounding", Map.of()));
      if (energy != null && energy.kwh() > 0) {
        // For information, not billed (issue #20; the method in docs/energy.md).
        w.gap(8);
        w.text(9, true, words.say("energy.title", Map.of()));
        w.text(
            9,
            false,
            words.say(
                "energy",
                Map.of(
                    "kwh",
                    words.formats.tenths(energy.kwh()),
                    "kg",
                    words.formats.tenths(energy.kgCo2e()))));
        if (!energy.measured()) {
          w.text(9, false, words.say("energy.assumed", Map.of()));
        }
      }
      return w.bytes();
    }
  }

  /** The invoice's words in one language, from its template. */
  private static final class Words {

    private final ResourceBundle bundle;

    /** Numbers, money and the day of issue as the language writes them, days in UTC. */
    final Formats formats;

    Words(Locale language) {
      Locale spoken =
          SupportedLanguages.match(language == null ? null : language.toLanguageTag())
              .orElse(SupportedLanguages.FALLBACK);
      bundle =
          ResourceBundle.getBundle(
              "eu.federa.billing.invoice-pdf",
              spoken,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      formats = Formats.of(spoken, null);
    }

    String say(String key, Map<String, ?> values) {
      return TextTemplate.fill(bundle.getString(key), values);
    }

    /** A line's item and detail; an adjustment names the month it corrects. */
    String item(Invoice.Line l) {
      StringBuilder s = new StringBuilder(say("item." + l.item().name(), Map.of()));
      if (l.detail() != null && !l.detail().isBlank()) {
        s.append(' ').append(l.detail());
      }
      if (l.adjustsMonth() != null) {
        s.append(' ')
            .append(say("adjustmentFor", Map.of("month", formats.month(l.adjustsMonth()))));
      }
      return s.toString();
    }

    String party(String name, String country, String vatId) {
      return vatId == null || vatId.isBlank()
          ? say("party", Map.of("name", name, "country", country))
          : say("party.vat", Map.of("name", name, "country", country, "vatId", vatId));
    }
  }

  /** Writes lines top to bottom, starting new pages as needed. */
}
