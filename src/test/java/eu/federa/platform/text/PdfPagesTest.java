package eu.federa.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Invoice PDFs embed their font: every letter of the federation's languages prints as itself. */
class PdfPagesTest {

  private static final String EVERY_LANGUAGE =
      "Größe café Ñandú Äänekoski € 12,50 Šibenik Žalec Łódź Đakovo đak Čakovec Ćuprija ř ą ę ő ű"
          + " ĳ Ş ğ l’IVA „Zahl“ “x” – … —";

  @Test
  void everyLetterOfTheFederationsLanguagesIsKept() {
    assertThat(PdfPages.printable(EVERY_LANGUAGE)).isEqualTo(EVERY_LANGUAGE);
  }

  @Test
  void whatTheFontLacksIsAQuestionMark() {
    // Combining marks are in the font; a CJK character and a control character are not.
    assertThat(PdfPages.printable("a\u0301")).isEqualTo("a\u0301");
    assertThat(PdfPages.printable("中 x\u0007y")).isEqualTo("? x?y");
  }

  @Test
  void theDocumentCarriesItsFontAndTheTextCopiesOutAsWritten() throws IOException {
    byte[] bytes;
    try (PdfPages pdf = new PdfPages(0, 200)) {
      pdf.text(14, true, "Faktura Łódź — Čakovec");
      pdf.columns(10, new String[] {EVERY_LANGUAGE.substring(0, 40), "1 234,56 €"});
      bytes = pdf.bytes();
    }
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Faktura Łódź — Čakovec");
      assertThat(text).contains(EVERY_LANGUAGE.substring(0, 40));
      assertThat(text).contains("1 234,56 €");
      int fonts = 0;
      for (var name : doc.getPage(0).getResources().getFontNames()) {
        PDFont font = doc.getPage(0).getResources().getFont(name);
        assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        assertThat(font.getName()).contains("LiberationSans");
        fonts++;
      }
      assertThat(fonts).isEqualTo(2);
    }
  }
}
