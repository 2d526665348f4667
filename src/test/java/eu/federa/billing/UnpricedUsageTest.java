package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The usage a rating could not price is kept with its run and its invoice, and each platform admin
 * reads it in their language and time zone; what was kept as English before still shows.
 */
class UnpricedUsageTest {

  private static final UnpricedUsage GAP =
      UnpricedUsage.noPriceList(
          "Lutece Cloud",
          Instant.parse("2026-10-03T22:30:00Z"),
          Instant.parse("2026-10-04T06:00:00Z"),
          12345);

  @Test
  void aGapReadsInTheReadersLanguageAndTimeZone() {
    List<UnpricedUsage> kept =
        List.of(GAP.of("Acme"), UnpricedUsage.of("noAddressPrice", "Zagreb"));
    UnpricedUsage.Kept read = UnpricedUsage.decoded(UnpricedUsage.encoded(kept, 1000));
    assertThat(read.items()).isEqualTo(kept);
    assertThat(read.lines(Formats.of(Locale.ENGLISH, null)))
        .containsExactly(
            "Acme: no price list of Lutece Cloud from Oct 3, 2026, 10:30:00 PM UTC"
                + " to Oct 4, 2026, 6:00:00 AM UTC (order 12345)",
            "no public address price at Zagreb");
    List<String> french =
        read.lines(Formats.of(Locale.FRENCH, ZoneId.of("Europe/Paris"))).stream()
            .map(line -> line.replace('\u00a0', ' ').replace('\u202f', ' '))
            .toList();
    assertThat(french.get(0))
        .as("the order's number is not grouped like a count; the moments are Paris's")
        .isEqualTo(
            "Acme : aucune liste de prix de Lutece Cloud du 4 oct. 2026, 00:30:00 CEST"
                + " au 4 oct. 2026, 08:00:00 CEST (commande 12345)");
    assertThat(french.get(1)).isEqualTo("aucun prix d\u2019adresse publique chez Zagreb");
    assertThat(read.in(Formats.of(Locale.GERMAN, null)))
        .isEqualTo(
            "Acme: keine Preisliste von Lutece Cloud von 03.10.2026, 22:30:00 UTC"
                + " bis 04.10.2026, 06:00:00 UTC (Bestellung 12345); kein Preis f\u00fcr"
                + " \u00f6ffentliche Adressen bei Zagreb");
    assertThat(read.toString())
        .as("in English for the logs and the API")
        .startsWith("Acme: no price list of Lutece Cloud from Oct 3, 2026, 10:30:00 PM UTC");
  }

  @Test
  void lateUsageNamesTheMonthItBelongsTo() {
    UnpricedUsage late =
        UnpricedUsage.of("noGpuPrice", "Borealis", "H100").lateOf(YearMonth.of(2026, 9));
    UnpricedUsage.Kept read = UnpricedUsage.decoded(UnpricedUsage.encoded(List.of(late), 1000));
    assertThat(read.in(Formats.of(Locale.ENGLISH, null)))
        .isEqualTo("late usage of September 2026: no GPU-hour price at Borealis for H100");
    assertThat(read.in(Formats.of(Locale.forLanguageTag("pl"), null)))
        .isEqualTo(
            "p\u00f3\u017ane u\u017cycie za wrzesie\u0144 2026: brak ceny za godzin\u0119 GPU"
                + " u Borealis dla H100");
  }

  @Test
  void aListMissingAtTheStartOfAPeriodNamesItsMoment() {
    UnpricedUsage gap =
        UnpricedUsage.of(
            "noPriceListAt",
            "Lutece Cloud",
            new eu.federa.platform.i18n.Moment(Instant.parse("2026-10-01T00:00:00Z")));
    assertThat(
            UnpricedUsage.decoded(UnpricedUsage.encoded(List.of(gap), 1000))
                .in(Formats.of(Locale.forLanguageTag("nl"), ZoneId.of("Europe/Amsterdam"))))
        .isEqualTo("geen prijslijst van Lutece Cloud op 1 okt. 2026 02:00:00 CEST");
  }

  @Test
  void textKeptBeforeShowsAsItWas() {
    String old = "tenant 4: no price list of Lutece Cloud at 2026-10-01T00:00:00Z";
    UnpricedUsage.Kept read = UnpricedUsage.decoded(old);
    assertThat(read.verbatim()).isEqualTo(old);
    assertThat(read.lines(Formats.of(Locale.FRENCH, null))).containsExactly(old);
    assertThat(UnpricedUsage.decoded(null)).isNull();
    assertThat(UnpricedUsage.encoded(List.of(), 1000)).isNull();
  }

  @Test
  void aFullColumnKeepsWholeGapsOnly() {
    List<UnpricedUsage> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(UnpricedUsage.of("noTokenPrice", "Provider " + i, "model-" + i).of("Tenant " + i));
    }
    String kept = UnpricedUsage.encoded(many, 1000);
    assertThat(kept.length()).isLessThanOrEqualTo(1000);
    UnpricedUsage.Kept read = UnpricedUsage.decoded(kept);
    assertThat(read.items())
        .isNotEmpty()
        .hasSizeLessThan(40)
        .isEqualTo(many.subList(0, read.items().size()));
  }

  @Test
  void namesCannotBreakTheKeptList() {
    String sly = "Evil\u001e\u001d\u001f\u0002MCloud";
    UnpricedUsage gap = UnpricedUsage.of("noAddressPrice", sly).of("Org\u001eX");
    UnpricedUsage.Kept read = UnpricedUsage.decoded(UnpricedUsage.encoded(List.of(gap, gap), 1000));
    assertThat(read.items()).hasSize(2);
    assertThat(read.lines(Formats.of(Locale.ENGLISH, null)))
        .allSatisfy(
            line -> assertThat(line).isEqualTo("Org X: no public address price at Evil    MCloud"));
  }
}
