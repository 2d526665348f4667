package eu.federa.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.text.Reason;
import jakarta.validation.constraints.Max;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Forms declare their rules as constraints; the messages come in the reader's language. */
class ConstraintsTest {

  record Signup(
      @Text(min = 2, max = 80) String name,
      @EmailAddress String email,
      @Text(min = 0, max = 500, multiline = true) String about,
      @Max(value = 10_000, message = "{federa.text.length}") Integer seats) {}

  private static final Locale POLISH = Locale.forLanguageTag("pl");

  @Test
  void aGoodFormBreaksNothing() {
    assertThat(Constraints.check(new Signup("Ada", "ada@example.eu", "Line one\nline two", 3)))
        .isEmpty();
    assertThat(Constraints.check(new Signup("Ada", "ada@example.eu", null, null))).isEmpty();
  }

  @Test
  void everyBrokenRuleIsReportedInTheOrderOfTheFields() {
    List<FieldError> errors =
        Constraints.check(new Signup("x", "not an address", "bell\u0007", 20_000));
    assertThat(errors)
        .extracting(FieldError::field, FieldError::messageKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("name", "{federa.text.length}"),
            org.assertj.core.groups.Tuple.tuple("email", "{federa.email}"),
            org.assertj.core.groups.Tuple.tuple("about", "{federa.text.characters}"),
            org.assertj.core.groups.Tuple.tuple("seats", "{federa.text.length}"));
    assertThat(errors.get(0).arguments())
        .containsExactly(Map.of("min", 2, "max", 80, "multiline", false));
    assertThat(Constraints.check(new Signup(" ", "", null, null)))
        .extracting(FieldError::messageKey)
        .containsExactly("{federa.text.required}", "{federa.text.required}");
  }

  @Test
  void requireThrowsWithEveryProblem() {
    assertThatThrownBy(() -> Constraints.require(new Signup("", "", "", null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.errors()).hasSize(2));
  }

  @Test
  void theMessageIsWrittenInTheReadersLanguageWithItsNumbers() {
    FieldError tooLong = Constraints.check(new Signup("x", "a@b.eu", null, null)).get(0);
    ResourceBundle unused = messages(Locale.ENGLISH);
    assertThat(tooLong.text(unused, Locale.ENGLISH))
        .isEqualTo("Enter between 2 and 80 characters.");
    assertThat(tooLong.text(messages(POLISH), POLISH)).isEqualTo("Podaj od 2 do 80 znaków.");
    assertThat(tooLong.text(messages(Locale.GERMAN), Locale.GERMAN))
        .isEqualTo("Geben Sie zwischen 2 und 80 Zeichen ein.");
    FieldError big =
        FieldError.constraint("seats", "{federa.text.length}", Map.of("min", 1, "max", 10_000));
    assertThat(big.text(messages(Locale.GERMAN), Locale.GERMAN)).contains("10.000");
    assertThat(big.text(messages(Locale.FRENCH), Locale.FRENCH)).contains("10\u202f000");
    // A template no bundle knows is shown as it is rather than failing the page.
    assertThat(FieldError.constraint("x", "{nobody.knows}", Map.of()).text(unused, POLISH))
        .isEqualTo("{nobody.knows}");
  }

  @Test
  void aStoredReasonSaysWhatTheFormWasTold() {
    FieldError bad = Constraints.check(new Signup("Ada", "nope", null, null)).get(0);
    Reason stored = Reason.decode(Reason.of(bad).encoded());
    assertThat(stored.in(messages(POLISH))).isEqualTo(bad.text(messages(POLISH), POLISH));
    assertThat(stored.in(messages(POLISH)))
        .isEqualTo("Podaj adres e-mail, np. billing@example.eu.");
    Reason length = Reason.of(Constraints.check(new Signup("x", "a@b.eu", null, null)).get(0));
    assertThat(Reason.decode(length.encoded()).english())
        .isEqualTo("Enter between 2 and 80 characters.");
  }

  private static ResourceBundle messages(Locale locale) {
    return ResourceBundle.getBundle(
        "eu.federa.platform.i18n.messages",
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }
}
