package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormattedTextRendererTest {

  private static final Formats GERMAN_IN_HELSINKI =
      Formats.of(Locale.GERMAN, ZoneId.of("Europe/Helsinki"));

  @Test
  void anInstantGivenToAPageMessageReadsInTheReadersLanguageAndZone() {
    assertThat(
            FormattedTextRenderer.text(
                "Nächste Sicherung: {0}",
                List.of(Instant.parse("2026-12-08T02:00:00Z")), GERMAN_IN_HELSINKI))
        .isEqualTo("Nächste Sicherung: 08.12.2026, 04:00:00 OEZ");
  }

  @Test
  void aMonthReadsByItsNameAndMoneyInTheReadersFormat() {
    assertThat(
            FormattedTextRenderer.text(
                "Mois de facturation {0} : {1}",
                List.of(YearMonth.of(2026, 10), new Money(new BigDecimal("1234.5"))),
                Formats.of(Locale.FRENCH, null)))
        .isEqualTo("Mois de facturation octobre 2026 : 1\u202f234,50\u00a0€");
  }

  @Test
  void countsAreGroupedAndIdentifiersGivenAsTextAreNot() {
    assertThat(
            FormattedTextRenderer.text(
                "{0} VMs, order {1}", List.of(12345L, "12345"), Formats.of(Locale.ENGLISH, null)))
        .isEqualTo("12,345 VMs, order 12345");
  }

  @Test
  void aPatternWithoutParametersIsShownAsItIs() {
    assertThat(FormattedTextRenderer.text("It''s {0}", List.of(), null)).isEqualTo("It''s {0}");
  }
}
