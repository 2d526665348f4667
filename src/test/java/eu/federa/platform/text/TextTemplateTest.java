package eu.federa.platform.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTemplateTest {

  @Test
  void placeholdersAreFilledAndValuesAreNeverReadAsTemplates() {
    assertThat(
            TextTemplate.fill(
                "{who} owes EUR {amount}.", Map.of("who", "A {amount} $1 \\ name", "amount", 12)))
        .isEqualTo("A {amount} $1 \\ name owes EUR 12.");
    assertThat(TextTemplate.placeholders("{a} and {b} and {a}")).containsExactly("a", "b");
  }

  @Test
  void aMissingOrNullValueIsAnError() {
    assertThatThrownBy(() -> TextTemplate.fill("Hello {name}", Map.of()))
        .hasMessageContaining("{name}");
  }

  @Test
  void oneLineFoldsEveryKindOfLineBreak() {
    assertThat(TextTemplate.oneLine("a\r\nb\nc\u2028d ")).isEqualTo("a b c d");
  }
}
