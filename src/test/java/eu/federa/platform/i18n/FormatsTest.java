package eu.federa.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {

  private static final Instant AFTERNOON = Instant.parse("2026-12-03T15:48:59Z");
  private static final Instant SUMMER = Instant.parse("2026-07-01T10:00:00Z");

  /** The JDK separates French thousands with a narrow no-break space; readers see a space. */
  private static String plain(String text) {
    return text.replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  private static Formats in(String language) {
    return Formats.of(Locale.forLanguageTag(language), null);
  }

  @Test
  void moneyIsWrittenAsEachLanguageWritesEuros() {
    BigDecimal amount = new BigDecimal("1234.56");
    assertThat(in("en").money(amount)).isEqualTo("€1,234.56");
    assertThat(plain(in("fr").money(amount))).isEqualTo("1 234,56 €");
    assertThat(plain(in("de").money(amount))).isEqualTo("1.234,56 €");
    assertThat(plain(in("pl").money(amount))).isEqualTo("1 234,56 €");
  }

  @Test
  void moneyIsRoundedToTheCentHalfEvenAndAlwaysShowsCents() {
    assertThat(in("en").money(new BigDecimal("10000"))).isEqualTo("€10,000.00");
    assertThat(in("en").money(new BigDecimal("0.125"))).isEqualTo("€0.12");
    assertThat(in("en").money(new BigDecimal("0.135"))).isEqualTo("€0.14");
    assertThat(in("en").money(null)).isEmpty();
  }

  @Test
  void ratesKeepUpToFourDecimalsButNoTrailingNoise() {
    assertThat(in("en").rate(new BigDecimal("0.0125"))).isEqualTo("€0.0125");
    assertThat(in("en").rate(new BigDecimal("2.5000"))).isEqualTo("€2.50");
    assertThat(plain(in("fr").rate(new BigDecimal("0.01254")))).isEqualTo("0,0125 €");
  }

  @Test
  void unitPricesAreShownAsExactlyAsTheyAreCharged() {
    assertThat(in("en").unitPrice(new BigDecimal("0.000125"))).isEqualTo("\u20ac0.000125");
    assertThat(in("en").unitPrice(new BigDecimal("0.500000"))).isEqualTo("\u20ac0.50");
    assertThat(plain(in("fr").unitPrice(new BigDecimal("1234.012540")))).isEqualTo("1 234,01254 €");
    assertThat(in("de").unitPrice(null)).isEmpty();
  }

  @Test
  void aMessageWritesItsMoneyAndNumbersAsItsReadersLanguageDoes() {
    String pattern = "spent {0} of {1}, {2} orders";
    Object[] values = {new Money(new BigDecimal("8123.4")), new Money(BigDecimal.TEN), 1234};
    assertThat(in("en").message(pattern, values))
        .isEqualTo("spent €8,123.40 of €10.00, 1,234 orders");
    assertThat(plain(in("fr").message(pattern, values)))
        .isEqualTo("spent 8 123,40 € of 10,00 €, 1 234 orders");
    assertThat(in("de").message(pattern, values))
        .isEqualTo("spent 8.123,40\u00a0€ of 10,00\u00a0€, 1.234 orders");
    assertThat(Formats.of(Locale.ROOT, null).message(pattern, values))
        .as("a base bundle's root locale is the fallback language's")
        .isEqualTo("spent €8,123.40 of €10.00, 1,234 orders");
    assertThat(new Money(new BigDecimal("0.5"))).hasToString("€0.50");
  }

  @Test
  void sizesInBytesAreKibBelowAMibAndMibWithOneDecimalAbove() {
    assertThat(in("en").bytes(1)).isEqualTo("1\u00a0KiB");
    assertThat(in("en").bytes(1024 * 1024 - 1)).isEqualTo("1,024\u00a0KiB");
    assertThat(in("de").bytes(12_900_000)).isEqualTo("12,3\u00a0MiB");
    assertThat(in("fr").bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3\u202f072,0\u00a0Mio");
    assertThat(new ByteSize(1536)).hasToString("2\u00a0KiB");
    assertThat(in("de").tenths(1234.56)).isEqualTo("1.234,6");
    assertThat(in("en").tenths(12)).isEqualTo("12.0");
  }

  @Test
  void aTermGivenToAMessageIsTheReadersWordNotTheCodesName() {
    Term ready = new Term("export.state.READY");
    assertThat(in("de").message("Zustand: {0}", ready)).isEqualTo("Zustand: Bereit");
    assertThat(in("pl").message("{0}", new Term("export.state.EXPIRED")))
        .doesNotContain("EXPIRED")
        .isNotBlank();
    assertThat(ready).hasToString("Ready");
    // A key without a word reads as the code's last part rather than failing the message.
    assertThat(in("fr").message("{0}", new Term("export.state.LOST"))).isEqualTo("LOST");
  }

  @Test
  void daysAndInstantsGivenToAMessageAreWrittenInTheReadersLanguage() {
    Instant at = Instant.parse("2027-01-30T23:59:59Z");
    assertThat(in("de").message("bis {0}", new Day(at))).isEqualTo("bis 30.01.2027");
    assertThat(new Day(at)).hasToString("2027-01-30");
    assertThat(Formats.of(Locale.FRENCH, ZoneId.of("Europe/Paris")).argument(at))
        .isEqualTo("31 janv. 2027, 00:59:59 CET");
    assertThat(in("fr").argument(7)).isEqualTo(7);
    assertThat(in("pl").argument(java.time.YearMonth.of(2026, 12))).isEqualTo("grudzie\u0144 2026");
    assertThat(in("en").month(java.time.YearMonth.of(2026, 12))).isEqualTo("December 2026");
  }

  @Test
  void quantitiesHaveNoSpuriousDecimals() {
    assertThat(in("en").number(4.0)).isEqualTo("4");
    assertThat(in("en").number(new BigDecimal("10000.0"))).isEqualTo("10,000");
    assertThat(plain(in("fr").number(new BigDecimal("10000.0")))).isEqualTo("10 000");
    assertThat(in("de").number(0.5)).isEqualTo("0,5");
    assertThat(in("en").number(2.345)).isEqualTo("2.34");
    assertThat(in("en").number(256L)).isEqualTo("256");
    assertThat(in("en").number(null)).isEmpty();
  }

  @Test
  void sizesGivenInMibAreWrittenInGibWithTheirUnit() {
    assertThat(plain(in("en").mibAsGib(262144L))).isEqualTo("256 GiB");
    assertThat(plain(in("fr").mibAsGib(512))).isEqualTo("0,5 Gio");
    assertThat(plain(in("de").gib(4000))).isEqualTo("4.000 GiB");
  }

  @Test
  void aDisksSizeKeptInMibIsWholeGibOrGroupedMibAndNothingBeforeItHoldsAny() {
    assertThat(plain(in("en").sizeMib(20480))).isEqualTo("20 GiB");
    assertThat(plain(in("en").sizeMib(1500))).isEqualTo("1,500 MiB");
    assertThat(plain(in("fr").sizeMib(1500))).isEqualTo("1 500 Mio");
    assertThat(plain(in("de").sizeMib(2_097_152))).isEqualTo("2.048 GiB");
    assertThat(in("en").sizeMib(0)).isEmpty();
    assertThat(in("en").sizeMib(null)).isEmpty();
  }

  @Test
  void percentagesFollowTheLanguage() {
    assertThat(in("en").percent(42)).isEqualTo("42%");
    assertThat(plain(in("fr").percent(new BigDecimal("42.5")))).isEqualTo("42,5 %");
  }

  @Test
  void instantsAreInTheReadersZoneWithTheZoneSaid() {
    assertThat(in("en").dateTime(AFTERNOON)).isEqualTo("Dec 3, 2026, 3:48:59 PM UTC");
    Formats paris = Formats.of(Locale.FRENCH, ZoneId.of("Europe/Paris"));
    assertThat(plain(paris.dateTime(AFTERNOON))).isEqualTo("3 déc. 2026, 16:48:59 CET");
    assertThat(plain(paris.dateTime(SUMMER))).isEqualTo("1 juil. 2026, 12:00:00 CEST");
    Formats berlin = Formats.of(Locale.GERMAN, ZoneId.of("Europe/Berlin"));
    assertThat(berlin.dateTime(AFTERNOON)).isEqualTo("03.12.2026, 16:48:59 MEZ");
    assertThat(berlin.date(AFTERNOON)).isEqualTo("03.12.2026");
  }

  @Test
  void instantsAreWrittenAsTheLanguagesOwnLocalizedFormatWritesThem() {
    for (Locale language : SupportedLanguages.ALL) {
      for (String zone : List.of("UTC", "Europe/Lisbon", "Europe/Helsinki", "Europe/Warsaw")) {
        ZoneId id = ZoneId.of(zone);
        Formats formats = Formats.of(language, id);
        for (Instant instant : List.of(AFTERNOON, SUMMER, Instant.parse("2027-03-28T01:30:00Z"))) {
          assertThat(formats.dateTime(instant)).isEqualTo(jdkDateTime(language, id, instant));
          assertThat(formats.date(instant))
              .isEqualTo(
                  DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                      .withLocale(language)
                      .withZone(id)
                      .format(instant));
        }
      }
    }
  }

  /** The JDK's own localized date and time in {@code zone}, then the zone's short name. */
  private static String jdkDateTime(Locale language, ZoneId zone, Instant instant) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(language)
            .withZone(zone)
            .format(instant)
        + " "
        + DateTimeFormatter.ofPattern("zzz", language).withZone(zone).format(instant);
  }

  @Test
  void anInstantWrittenBeforeIsWrittenTheSameAndEachReaderKeepsTheirOwn() {
    Formats paris = Formats.of(Locale.FRENCH, ZoneId.of("Europe/Paris"));
    Formats lisbon = Formats.of(Locale.forLanguageTag("pt"), ZoneId.of("Europe/Lisbon"));
    String first = paris.dateTime(AFTERNOON);
    // the same instant for another language and zone, then again for the first reader
    assertThat(lisbon.dateTime(AFTERNOON))
        .isEqualTo(jdkDateTime(lisbon.locale(), ZoneId.of("Europe/Lisbon"), AFTERNOON))
        .isNotEqualTo(first);
    assertThat(paris.dateTime(AFTERNOON)).isEqualTo(first);
    assertThat(plain(paris.date(AFTERNOON))).isEqualTo("3 déc. 2026");
    assertThat(plain(paris.dateTime(SUMMER))).isEqualTo("1 juil. 2026, 12:00:00 CEST");
  }

  @Test
  void theInstantsKeptWrittenAreBounded() {
    Formats helsinki = Formats.of(Locale.forLanguageTag("fi"), ZoneId.of("Europe/Helsinki"));
    for (int i = 0; i < Formats.MAX_WRITTEN + 10; i++) {
      Instant instant = AFTERNOON.plusSeconds(i);
      assertThat(helsinki.dateTime(instant))
          .isEqualTo(jdkDateTime(helsinki.locale(), ZoneId.of("Europe/Helsinki"), instant));
      assertThat(Formats.writtenKept()).isLessThanOrEqualTo(Formats.MAX_WRITTEN);
    }
  }

  @Test
  void aDayNearMidnightIsTheReadersDay() {
    Instant lateUtc = Instant.parse("2026-12-31T23:30:00Z");
    assertThat(in("en").date(lateUtc)).isEqualTo("Dec 31, 2026");
    assertThat(Formats.of(Locale.ENGLISH, ZoneId.of("Europe/Helsinki")).date(lateUtc))
        .isEqualTo("Jan 1, 2027");
  }

  @Test
  void onlyZonesOfTheDatabaseAreAccepted() {
    assertThat(Formats.zone("Europe/Ljubljana")).contains(ZoneId.of("Europe/Ljubljana"));
    assertThat(Formats.zone("Mars/Olympus")).isEmpty();
    assertThat(Formats.zone(" ")).isEmpty();
    assertThat(TimeZones.CHOICES).allSatisfy(id -> assertThat(Formats.zone(id)).isPresent());
  }

  @Test
  void aDifferenceAlwaysSaysItsSign() {
    assertThat(in("en").moneyDifference(new BigDecimal("3.2"))).isEqualTo("+\u20ac3.20");
    assertThat(in("en").moneyDifference(new BigDecimal("-1"))).isEqualTo("\u2212\u20ac1.00");
    assertThat(in("en").moneyDifference(BigDecimal.ZERO)).isEqualTo("\u20ac0.00");
    assertThat(plain(in("fr").moneyDifference(new BigDecimal("1234.5"))))
        .isEqualTo("+1 234,50 \u20ac");
  }

  @Test
  void measuredAmountsKeepTheirCountedDecimals() {
    assertThat(in("en").measured(new BigDecimal("1.333333"))).isEqualTo("1.333333");
    assertThat(in("en").measured(new BigDecimal("720.000000"))).isEqualTo("720");
    assertThat(in("de").measured(new BigDecimal("1234.5"))).isEqualTo("1.234,5");
  }

  @Test
  void aCountryTypedByItsEnglishNameReadsInTheReadersLanguage() {
    assertThat(Formats.of(Locale.GERMAN, null).countryNamed("France")).isEqualTo("Frankreich");
    assertThat(Formats.of(Locale.forLanguageTag("pl"), null).countryNamed(" germany "))
        .isEqualTo("Niemcy");
    assertThat(Formats.of(Locale.ENGLISH, null).countryNamed("Germany")).isEqualTo("Germany");
    assertThat(Formats.of(Locale.GERMAN, null).countryNamed("EU (Germany)"))
        .as("anything else as typed")
        .isEqualTo("EU (Germany)");
    assertThat(Formats.of(Locale.GERMAN, null).countryNamed(null)).isEmpty();
  }
}
