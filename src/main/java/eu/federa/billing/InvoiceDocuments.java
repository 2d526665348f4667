package eu.federa.billing;

import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.text.CsvCells;
import eu.federa.platform.text.TextTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

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

  /** One row per line, then the totals; comma-separated, decimal points, UTF-8. */
  public static byte[] csv(Invoice invoice) {
    StringBuilder out = new StringBuilder();
    out.append(
        "invoice,month,state,project,provider,country,item,detail,quantity,unit,"
            + "unit_price_eur,amount_eur,adjusts_month\r\n");
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
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void total(StringBuilder out, Invoice invoice, String what, BigDecimal amount) {
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
        null,
        null,
        null,
        amount.toPlainString(),
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
  public static byte[] pdf(Invoice invoice, String[] seller, Locale language) {
    Words words = new Words(language);
    try (PDDocument doc = new PDDocument()) {
      Writer w = new Writer(doc);
      w.text(
          16,
          true,
          invoice.issued()
              ? words.say("title.issued", Map.of("number", invoice.number()))
              : words.say("title.draft", Map.of()));
      w.gap(6);
      w.text(10, false, words.say("month", Map.of("month", invoice.month())));
      if (invoice.issuedAt() != null) {
        w.text(
            10,
            false,
            words.say("issued", Map.of("date", invoice.issuedAt().toString().substring(0, 10))));
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
              (words.say("item." + l.item().name(), Map.of()) + " " + l.describedDetail()).trim(),
              l.quantity().toPlainString() + " " + l.unit(),
              "x " + l.unitPriceEur().stripTrailingZeros().toPlainString(),
              words.amount(l.amountEur())
            });
      }
      w.gap(10);
      w.columns(
          10, new String[] {words.say("net", Map.of()), "", "", words.amount(invoice.netEur())});
      w.columns(
          10,
          new String[] {
            words.say(
                "vat",
                Map.of("rate", invoice.vatRatePercent().stripTrailingZeros().toPlainString())),
            "",
            "",
            words.amount(invoice.vatEur())
          });
      w.columns(
          10,
          new String[] {words.say("total", Map.of()), "", "", words.amount(invoice.grossEur())});
      w.gap(8);
      switch (invoice.vatTreatment()) {
        case REVERSE_CHARGE -> w.text(9, false, words.say("reverseCharge", Map.of()));
        case OUTSIDE_EU -> w.text(9, false, words.say("outsideEu", Map.of()));
        case DOMESTIC -> {}
      }
      w.text(9, false, words.say("rounding", Map.of()));
      w.close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The invoice's words in one language, from its template. */
  private static final class Words {

    private final ResourceBundle bundle;

    Words(Locale language) {
      bundle =
          ResourceBundle.getBundle(
              "eu.federa.billing.invoice-pdf",
              SupportedLanguages.match(language == null ? null : language.toLanguageTag())
                  .orElse(SupportedLanguages.FALLBACK),
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String say(String key, Map<String, ?> values) {
      return TextTemplate.fill(bundle.getString(key), values);
    }

    String party(String name, String country, String vatId) {
      return vatId == null || vatId.isBlank()
          ? say("party", Map.of("name", name, "country", country))
          : say("party.vat", Map.of("name", name, "country", country, "vatId", vatId));
    }

    String amount(BigDecimal eur) {
      return say("amount", Map.of("amount", eur.toPlainString()));
    }
  }

  /** Writes lines top to bottom, starting new pages as needed. */
  private static final class Writer {
    private static final float MARGIN = 50;
    private static final float[] COLUMNS = {0, 230, 350, 430};
    private final PDDocument doc;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream content;
    private float y;

    Writer(PDDocument doc) throws IOException {
      this.doc = doc;
      newPage();
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      content = new PDPageContentStream(doc, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    void gap(float points) {
      y -= points;
    }

    void text(float size, boolean strong, String text) throws IOException {
      columns(size, strong, new float[] {0}, new String[] {text});
    }

    void columns(float size, String[] cells) throws IOException {
      columns(size, false, COLUMNS, cells);
    }

    private void columns(float size, boolean strong, float[] at, String[] cells)
        throws IOException {
      if (y < MARGIN + size) {
        newPage();
      }
      y -= size + 3;
      for (int i = 0; i < cells.length; i++) {
        if (cells[i].isEmpty()) {
          continue;
        }
        content.beginText();
        content.setFont(strong ? bold : regular, size);
        content.newLineAtOffset(MARGIN + at[i], y);
        content.showText(printable(cells[i]));
        content.endText();
      }
    }

    void close() throws IOException {
      content.close();
    }
  }

  /** What the standard PDF fonts can print: accents are kept where WinAnsi has them. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ((c >= 32 && c < 127) || (c >= 160 && c <= 255) || c == '\u20ac') {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\u0141' -> out.append('L');
        case '\u0142' -> out.append('l');
        default -> {
          String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
          char first = base.charAt(0);
          out.append(first >= 32 && first < 127 ? first : '?');
        }
      }
    }
    return out.toString();
  }
}
