package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.text.CsvCells;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Invoice CSV cells cannot become spreadsheet formulas (ASVS 1.2.10), and stay one cell each; the
 * PDF speaks the reader's language from its template.
 */
class InvoiceDocumentsTest {

  @Test
  void textThatASpreadsheetWouldRunIsNeutralised() {
    assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(CsvCells.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvCells.cell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
    assertThat(CsvCells.cell("\t=1+1")).isEqualTo("'\t=1+1");
    assertThat(CsvCells.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
  }

  @Test
  void numbersAndPlainTextStayAsTheyAre() {
    assertThat(CsvCells.cell("-12.50")).isEqualTo("-12.50");
    assertThat(CsvCells.cell("42")).isEqualTo("42");
    assertThat(CsvCells.cell("Vision")).isEqualTo("Vision");
    assertThat(CsvCells.cell(null)).isEmpty();
    assertThat(CsvCells.cell("a, b")).isEqualTo("\"a, b\"");
    assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void aProjectNamedLikeAFormulaReachesTheFileAsText() {
    Invoice.Line line =
        new Invoice.Line(
            1,
            "=1+1",
            "Borealis, \"North\"",
            "FI",
            ChargeItem.VCPU_HOURS,
            "@detail",
            new BigDecimal("2"),
            "vCPU-h",
            new BigDecimal("0.0100"),
            new BigDecimal("0.02"),
            null);
    Invoice invoice =
        new Invoice(
            7,
            1,
            YearMonth.of(2026, 10),
            Invoice.DRAFT,
            null,
            "Acme",
            "FR",
            null,
            "FR",
            Vat.Treatment.values()[0],
            new BigDecimal("20"),
            new BigDecimal("0.02"),
            new BigDecimal("0.00"),
            new BigDecimal("0.02"),
            Instant.parse("2026-11-01T00:00:00Z"),
            null,
            null,
            List.of(line));
    String csv = new String(InvoiceDocuments.csv(invoice), StandardCharsets.UTF_8);
    String[] rows = csv.split("\r\n");
    assertThat(rows[1])
        .isEqualTo(
            ",2026-10,DRAFT,'=1+1,\"Borealis, \"\"North\"\"\",FI,VCPU_HOURS,'@detail,2,vCPU-h,"
                + "0.0100,0.02,"); // no adjusted month: this month's usage
  }

  @Test
  void thePdfIsWrittenInTheReadersLanguage() throws Exception {
    Invoice.Line line =
        new Invoice.Line(
            1,
            "Vision",
            "Borealis",
            "FI",
            ChargeItem.MEMORY_GIB_HOURS,
            "",
            new BigDecimal("720"),
            "GiB-h",
            new BigDecimal("0.005000"),
            new BigDecimal("3.60"),
            null);
    Invoice invoice = invoiceTo("Nordlicht GmbH", "DE", "DE123456789", line);
    String[] seller = {"Federa", "FR", ""};
    String english = text(InvoiceDocuments.pdf(invoice, seller, Locale.ENGLISH, null));
    assertThat(english)
        .contains("Invoice FED-2026-000042", "Billing month: October 2026 (UTC)", "Project Vision")
        .contains("Memory", "Reverse charge", "Nordlicht GmbH, DE, VAT DE123456789")
        .as("numbers, money and the day of issue as English writes them")
        .contains("720 GiB-h", "x \u20ac0.005", "\u20ac3.60", "Issued: Nov 2, 2026")
        .contains("Federa, FR")
        .doesNotContain("VAT null");
    String french =
        text(InvoiceDocuments.pdf(invoice, seller, Locale.forLanguageTag("fr-BE"), null));
    assertThat(french)
        .contains(
            "Facture FED-2026-000042",
            "Mois factur\u00e9\u00a0: octobre 2026 (UTC)",
            "Projet Vision")
        .contains("M\u00e9moire", "Autoliquidation", "Total TTC")
        .as("and as French writes them")
        .contains("3,60\u00a0\u20ac", "x 0,005\u00a0\u20ac", "\u00c9mise le\u00a0: 2 nov. 2026")
        .doesNotContain("3.60")
        .contains("Nordlicht GmbH, DE, TVA DE123456789");
    // Polish letters print as themselves (the PDF embeds its font), in the words and in the data.
    Invoice polishCustomer =
        invoiceTo("\u0141\u00f3dzka Chmura Sp. z o.o.", "PL", "PL5260250274", line);
    assertThat(
            text(InvoiceDocuments.pdf(polishCustomer, seller, Locale.forLanguageTag("pl"), null)))
        .contains(
            "Faktura FED-2026-000042", "Miesi\u0105c rozliczeniowy: pa\u017adziernik 2026 (UTC)")
        .contains("Pami\u0119\u0107", "Odwrotne obci\u0105\u017cenie")
        .contains("\u0141\u00f3dzka Chmura Sp. z o.o., PL");
    // The energy and CO2e of the hours billed, for information, in the reader's number format.
    eu.federa.energy.UsageEnergy energy = new eu.federa.energy.UsageEnergy(1234.56, 67.89, false);
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.ENGLISH, energy)))
        .contains("Energy and emissions (for information, not billed)")
        .contains("1,234.6 kWh")
        .contains("67.9 kg CO2e")
        .contains("assumed");
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.forLanguageTag("de"), energy)))
        .contains("1.234,6 kWh");
    assertThat(english).doesNotContain("kWh");
    String withEnergy =
        new String(InvoiceDocuments.csv(invoice, energy, Locale.ENGLISH), StandardCharsets.UTF_8);
    assertThat(withEnergy)
        .contains(",ENERGY (for information; not billed),,1234.560,kWh,,,\r\n")
        .contains(",EMISSIONS (for information; not billed),,67.890,kg CO2e,,,\r\n");
    assertThat(new String(InvoiceDocuments.csv(invoice), StandardCharsets.UTF_8))
        .doesNotContain("ENERGY");
    // Its headings and its rows for information in the reader's language, its cells as a program
    // reads them in every language.
    assertThat(withEnergy)
        .startsWith(
            "Invoice,Month,State,Project,Provider,Country,Item,Detail,Quantity,Unit,"
                + "Unit price (EUR),Amount (EUR),Adjusts month\r\n");
    String german =
        new String(
            InvoiceDocuments.csv(invoice, energy, Locale.forLanguageTag("de-AT")),
            StandardCharsets.UTF_8);
    assertThat(german)
        .startsWith(
            "Rechnung,Monat,Status,Projekt,Anbieter,Land,Posten,Detail,Menge,Einheit,"
                + "Einzelpreis (EUR),Betrag (EUR),Korrektur f\u00fcr Monat\r\n")
        .contains(",ENERGIE (zur Information; nicht berechnet),,1234.560,kWh,,,\r\n")
        .contains(",720,GiB-h,0.005000,3.60,");
    assertThat(german.substring(german.indexOf("\r\n")))
        .as("the same cells below the headings")
        .isEqualTo(
            withEnergy
                .substring(withEnergy.indexOf("\r\n"))
                .replace(
                    "ENERGY (for information; not billed)",
                    "ENERGIE (zur Information; nicht berechnet)")
                .replace(
                    "EMISSIONS (for information; not billed)",
                    "EMISSIONEN (zur Information; nicht berechnet)"));
    // A language the portal does not speak gets the fallback, English.
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.JAPANESE, null)))
        .contains("Invoice FED-2026-000042");
  }

  @Test
  void anAdjustmentAndItsUnitReadInTheCustomersLanguage() throws IOException {
    Invoice.Line disk =
        new Invoice.Line(
            1,
            "Vision",
            "Borealis",
            "FI",
            ChargeItem.DISK_GIB_MONTHS,
            "",
            new BigDecimal("12.9032"),
            "GiB-mo",
            new BigDecimal("0.040000"),
            new BigDecimal("0.52"),
            YearMonth.of(2026, 9));
    Invoice invoice = invoiceTo("Nordlicht GmbH", "DE", "DE123456789", disk);
    String[] seller = {"Federa", "FR", ""};
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.ENGLISH, null)))
        .contains("Disk adjustment for September 2026", "12.9032 GiB-mo");
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.GERMAN, null)))
        .contains("Festplatte Korrektur f\u00fcr September 2026", "12,9032 GiB-Monat")
        .doesNotContain("adjustment", "2026-09", "GiB-mo ");
    assertThat(text(InvoiceDocuments.pdf(invoice, seller, Locale.FRENCH, null)))
        .contains("Disque r\u00e9gularisation de septembre 2026", "12,9032 GiB-mois");
    // The CSV keeps the cells a program reads: the unit's symbol and the ISO month.
    assertThat(
            new String(InvoiceDocuments.csv(invoice, null, Locale.GERMAN), StandardCharsets.UTF_8))
        .contains(",12.9032,GiB-mo,0.040000,0.52,2026-09\r\n");
  }

  /** October 2026's issued invoice of a customer abroad (reverse charge), one line. */
  private static Invoice invoiceTo(
      String customer, String country, String vatId, Invoice.Line line) {
    return new Invoice(
        8,
        1,
        YearMonth.of(2026, 10),
        Invoice.ISSUED,
        "FED-2026-000042",
        customer,
        country,
        vatId,
        "FR",
        Vat.Treatment.REVERSE_CHARGE,
        BigDecimal.ZERO,
        new BigDecimal("3.60"),
        new BigDecimal("0.00"),
        new BigDecimal("3.60"),
        Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-11-02T09:00:00Z"),
        null,
        List.of(line));
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
