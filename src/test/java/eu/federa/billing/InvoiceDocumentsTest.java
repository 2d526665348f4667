package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invoice CSV cells cannot become spreadsheet formulas (ASVS 1.2.10), and stay one cell each. */
class InvoiceDocumentsTest {

  @Test
  void textThatASpreadsheetWouldRunIsNeutralised() {
    assertThat(InvoiceDocuments.cell("=HYPERLINK(\"http://evil\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(InvoiceDocuments.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(InvoiceDocuments.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(InvoiceDocuments.cell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
    assertThat(InvoiceDocuments.cell("\t=1+1")).isEqualTo("'\t=1+1");
    assertThat(InvoiceDocuments.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
  }

  @Test
  void numbersAndPlainTextStayAsTheyAre() {
    assertThat(InvoiceDocuments.cell("-12.50")).isEqualTo("-12.50");
    assertThat(InvoiceDocuments.cell("42")).isEqualTo("42");
    assertThat(InvoiceDocuments.cell("Vision")).isEqualTo("Vision");
    assertThat(InvoiceDocuments.cell(null)).isEmpty();
    assertThat(InvoiceDocuments.cell("a, b")).isEqualTo("\"a, b\"");
    assertThat(InvoiceDocuments.cell("two\nlines")).isEqualTo("\"two\nlines\"");
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
}
