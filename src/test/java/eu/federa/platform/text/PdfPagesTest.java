package eu.federa.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Invoice PDFs use the standard fonts: what they print of each language's letters. */
class PdfPagesTest {

  @Test
  void lettersWinAnsiHasAreKept() {
    assertThat(PdfPages.printable("Größe café Ñandú Äänekoski € 12,50 Šibenik Žalec"))
        .isEqualTo("Größe café Ñandú Äänekoski € 12,50 Šibenik Žalec");
    assertThat(PdfPages.printable("l’IVA „Zahl“ “x” – … —")).isEqualTo("l’IVA „Zahl“ “x” – … —");
  }

  @Test
  void otherLatinLettersPrintAsTheirBaseLetter() {
    assertThat(PdfPages.printable("Łódź Đakovo đak Čakovec Ćuprija ř ą ę"))
        .isEqualTo("Lódz Dakovo dak Cakovec Cuprija r a e");
  }

  @Test
  void whatHasNoLatinBaseIsAQuestionMark() {
    assertThat(PdfPages.printable("Σ")).isEqualTo("?");
  }
}
