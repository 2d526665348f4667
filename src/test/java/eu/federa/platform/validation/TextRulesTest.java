package eu.federa.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  private static List<String> line(String value) {
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "name", value, 2, 20);
    return errors.stream().map(FieldError::messageKey).toList();
  }

  private static List<String> paragraph(String value, int min) {
    List<FieldError> errors = new ArrayList<>();
    TextRules.paragraph(errors, "description", value, min, 50);
    return errors.stream().map(FieldError::messageKey).toList();
  }

  @Test
  void oneLineTakesNoControlOrTextDirectionCharacters() {
    assertThat(line("Data platform")).isEmpty();
    assertThat(line("Équipe données")).isEmpty();
    assertThat(line("two\nlines")).containsExactly("{federa.text.characters}");
    assertThat(line("bell\u0007")).containsExactly("{federa.text.characters}");
    // "Trojan Source": the name reads differently from what it is.
    assertThat(line("invoice\u202Etxt.exe")).containsExactly("{federa.text.characters}");
    assertThat(line("a\u2066b\u2069")).containsExactly("{federa.text.characters}");
    assertThat(line("a\u200Fb")).containsExactly("{federa.text.characters}");
    assertThat(line(" ")).containsExactly("{federa.text.required}");
    assertThat(line("x".repeat(21))).containsExactly("{federa.text.length}");
  }

  @Test
  void aParagraphTakesLineBreaksAndMayBeOptional() {
    assertThat(paragraph("First line\nsecond line\tindented", 0)).isEmpty();
    assertThat(paragraph(null, 0)).isEmpty();
    assertThat(paragraph("  ", 0)).isEmpty();
    assertThat(paragraph(null, 10)).containsExactly("{federa.text.required}");
    assertThat(paragraph("text\u0000", 0)).containsExactly("{federa.text.characters}");
    assertThat(paragraph("text\u202E", 0)).containsExactly("{federa.text.characters}");
    assertThat(paragraph("x".repeat(51), 0)).containsExactly("{federa.text.length}");
  }
}
