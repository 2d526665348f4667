package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A decimal field reads what the page showed the reader, in their language, and nothing vague. */
class DecimalConverterTest {

  private static final Locale FRENCH = Locale.FRENCH;
  private static final Locale GERMAN = Locale.GERMAN;
  private static final Locale ENGLISH = Locale.ENGLISH;

  @Test
  void aDecimalIsShownWithTheReadersDecimalSignWithoutGroupingOrTrailingZeros() {
    assertThat(DecimalConverter.format(new BigDecimal("50.110900"), FRENCH)).isEqualTo("50,1109");
    assertThat(DecimalConverter.format(new BigDecimal("12500.50"), GERMAN)).isEqualTo("12500,5");
    assertThat(DecimalConverter.format(new BigDecimal("10000.00"), GERMAN)).isEqualTo("10000");
    assertThat(DecimalConverter.format(new BigDecimal("-8.6821"), ENGLISH)).isEqualTo("-8.6821");
    assertThat(DecimalConverter.format(null, FRENCH)).isEmpty();
  }

  @Test
  void whatThePageShowedIsReadBackInEveryLanguage() {
    for (String tag : java.util.List.of("en", "de", "fr", "es", "it", "pt", "nl", "fi", "pl")) {
      Locale locale = Locale.forLanguageTag(tag);
      BigDecimal value = new BigDecimal("-48.8566");
      assertThat(DecimalConverter.parse(DecimalConverter.format(value, locale), locale))
          .as(tag)
          .isEqualTo(value);
    }
  }

  @Test
  void aPointIsADecimalSignWhereTheLanguageDoesNotGroupWithIt() {
    assertThat(DecimalConverter.parse("48.8566", FRENCH)).isEqualTo(new BigDecimal("48.8566"));
    assertThat(DecimalConverter.parse(" 48,8566 ", FRENCH)).isEqualTo(new BigDecimal("48.8566"));
    assertThat(DecimalConverter.parse("\u22122,5", Locale.forLanguageTag("pl")))
        .isEqualTo(new BigDecimal("-2.5"));
  }

  @Test
  void aPointThatMayGroupDigitsIsRefusedNotReadAsADecimal() {
    // "1.000" is a thousand to a German reader: neither 1 nor a thousand is taken for it.
    assertThatThrownBy(() -> DecimalConverter.parse("1.000", GERMAN))
        .isInstanceOf(NumberFormatException.class);
    assertThat(DecimalConverter.parse("1000,5", GERMAN)).isEqualTo(new BigDecimal("1000.5"));
  }

  @Test
  void anythingButOneNumberIsRefused() {
    for (String bad : java.util.List.of("north", "1,000.5", "1 000", "4,5,6", "1e3", "--1", ",5")) {
      assertThatThrownBy(() -> DecimalConverter.parse(bad, FRENCH))
          .as(bad)
          .isInstanceOf(NumberFormatException.class);
    }
    assertThatThrownBy(() -> DecimalConverter.parse("48,8566", ENGLISH))
        .isInstanceOf(NumberFormatException.class);
    assertThat(DecimalConverter.parse("  ", FRENCH)).isNull();
  }
}
