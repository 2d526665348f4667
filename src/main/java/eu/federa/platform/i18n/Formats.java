package eu.federa.platform.i18n;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the portal writes numbers, money, sizes and instants for one reader: in their language's
 * conventions ({@code 1 234,56 €} in French, {@code 1.234,56 €} in German, {@code €1,234.56} in
 * English), quantities without spurious decimals ({@code 4}, not {@code 4.0}), and instants in the
 * reader's time zone with the zone said.
 *
 * <p>Immutable and cheap to make: each page request makes one for its reader.
 */
public final class Formats implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The currency every price and bill of the federation is in. */
  public static final Currency EUR = Currency.getInstance("EUR");

  /** UTC as a region id, so that it is written "UTC" rather than "Z". */
  private static final ZoneId UTC = ZoneId.of(TimeZones.UTC);

  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

  /**
   * Formatters by language, made once: a table of prices or dates made them again for every cell
   * (docs/performance.md, "Pages under load"). Date formatters are immutable; number formats are
   * not, so each use gets a copy of the language's prototype, never the prototype itself.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Object> MADE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Instants written at most before {@link #WRITTEN} is emptied (some two megabytes). */
  static final int MAX_WRITTEN = 10_000;

  /**
   * Instants as they were written, by formatter (one per language and zone, {@link #zoned}) and
   * instant: a list shows the same dates on every view (the resource list twenty, its VMs'
   * creation), and writing one (its month's and its zone's names looked up) was a twentieth of that
   * page's time under load (docs/performance.md, "Thirteenth pass"). Emptied when full.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Written, String> WRITTEN =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** An instant as one formatter writes it; formatters compare by identity, each made once. */
  private record Written(DateTimeFormatter formatter, Instant instant) {}

  private final Locale locale;
  private final ZoneId zone;

  private Formats(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
  }

  /**
   * For a reader of {@code locale} (the fallback language when null or the root locale, a base
   * bundle's) in {@code zone} (UTC when null).
   */
  public static Formats of(Locale locale, ZoneId zone) {
    return new Formats(
        locale == null || locale.getLanguage().isEmpty() ? SupportedLanguages.FALLBACK : locale,
        zone == null ? UTC : zone);
  }

  /** A time zone id as a user may choose it (an IANA region such as Europe/Paris, or UTC). */
  public static Optional<ZoneId> zone(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id.trim()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  public Locale locale() {
    return locale;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * A quantity: grouped by the locale, at most two decimals, none when it is whole ({@code 256},
   * {@code 0,5}, {@code 1 234}); empty for null.
   */
  public String number(Number value) {
    if (value == null) {
      return "";
    }
    return decimals(0, 2).format(exact(value));
  }

  /**
   * A measured amount as exact as it was counted (an invoice's hours), up to six decimals, without
   * trailing zeros; empty for null.
   */
  public String measured(Number value) {
    if (value == null) {
      return "";
    }
    return decimals(0, 6).format(exact(value));
  }

  /** Money in EUR to the cent, the currency placed as the locale places it; empty for null. */
  public String money(BigDecimal eur) {
    if (eur == null) {
      return "";
    }
    return currency(2, 2).format(eur.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** A difference of money, its sign always written ({@code +€3.20}, {@code -€1.00}). */
  public String moneyDifference(BigDecimal eur) {
    if (eur == null) {
      return "";
    }
    String amount = money(eur.abs());
    return eur.signum() > 0 ? "+" + amount : eur.signum() < 0 ? "\u2212" + amount : amount;
  }

  /**
   * A rate in EUR such as a price per hour: to the cent at least, up to four decimals when the rate
   * has them ({@code 0,0125 €}); empty for null.
   */
  public String rate(BigDecimal eur) {
    if (eur == null) {
      return "";
    }
    return currency(2, 4).format(eur.setScale(4, RoundingMode.HALF_EVEN));
  }

  /**
   * A unit price as a price list states it, to the millionth of a euro that prices are kept to (an
   * invoice line's {@code 0,000125 €} per GiB-hour), at least to the cent, without trailing zeros;
   * empty for null. Unlike {@link #rate}, never rounded: an invoice shows what it charged.
   */
  public String unitPrice(BigDecimal eur) {
    if (eur == null) {
      return "";
    }
    return currency(2, 6).format(eur);
  }

  /**
   * A message of the portal's bundles ({@link MessageFormat}'s pattern) filled for this reader: its
   * numbers in the language's format, other values as {@link #argument} writes them.
   */
  public String message(String pattern, Object... arguments) {
    Object[] written = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      written[i] = argument(arguments[i]);
    }
    return new MessageFormat(pattern, locale).format(written);
  }

  /**
   * A value given to a message (of a page, an error, a mail) as this reader reads it: a {@link
   * Localized} one in this reader's format, an instant as date and time with its zone, a month by
   * its name; any other value as it is.
   */
  public Object argument(Object value) {
    if (value instanceof Localized l) {
      return l.in(this);
    }
    if (value instanceof Instant at) {
      return dateTime(at);
    }
    if (value instanceof YearMonth month) {
      return month(month);
    }
    return value;
  }

  /**
   * A text an operator typed that is a country's English name ("Germany", a provider's
   * jurisdiction) as the reader's language names that country ("Allemagne"); any other text as it
   * was typed.
   */
  public String countryNamed(String typed) {
    if (typed == null) {
      return "";
    }
    String code = EnglishCountryNames.CODES.get(typed.strip().toLowerCase(Locale.ROOT));
    return code == null ? typed : new Locale("", code).getDisplayCountry(locale);
  }

  /** ISO countries by their English names, lower case. */
  private static final class EnglishCountryNames {
    static final Map<String, String> CODES = new HashMap<>();

    static {
      for (String code : Locale.getISOCountries()) {
        CODES.put(
            new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
      }
    }
  }

  /** A month as the language names it on its own ({@code décembre 2026}, {@code grudzień 2026}). */
  public String month(YearMonth month) {
    if (month == null) {
      return "";
    }
    return ((DateTimeFormatter)
            MADE.computeIfAbsent(
                "month/" + locale.toLanguageTag(),
                k -> DateTimeFormatter.ofPattern("LLLL yyyy", locale)))
        .format(month);
  }

  /**
   * Memory or disk given in MiB, written in GiB with its unit ({@code 0,5 GiB}, {@code 16 GiB}).
   */
  public String mibAsGib(Number mib) {
    if (mib == null) {
      return "";
    }
    return gib(exact(mib).divide(MIB_PER_GIB, 2, RoundingMode.HALF_EVEN));
  }

  /**
   * A size in bytes for people: KiB (rounded up) below one MiB, else MiB with one decimal ({@code
   * 12,3 MiB}); "Kio"/"Mio" in French, like {@link #gibUnit}.
   */
  public String bytes(long bytes) {
    boolean french = "fr".equals(locale.getLanguage());
    if (bytes < 1024 * 1024) {
      return number((bytes + 1023) / 1024) + "\u00a0" + (french ? "Kio" : "KiB");
    }
    return tenths(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024L * 1024)))
        + "\u00a0"
        + mibUnit();
  }

  /**
   * A disk's size kept in MiB (a snapshot's, a backup's): whole GiB as GiB ({@code 20 GiB}), else
   * MiB ({@code 1 500 Mio} in French); empty for null or nothing yet.
   */
  public String sizeMib(Number mib) {
    if (mib == null || mib.longValue() <= 0) {
      return "";
    }
    long whole = mib.longValue();
    if (whole % 1024 == 0) {
      return gib(whole / 1024);
    }
    return number(whole) + "\u00a0" + mibUnit();
  }

  /** A figure to one decimal, always written ({@code 1 234,6}, {@code 12,0}); empty for null. */
  public String tenths(Number value) {
    if (value == null) {
      return "";
    }
    return decimals(1, 1).format(exact(value));
  }

  /** An amount of GiB with its unit. */
  public String gib(Number gib) {
    return gib == null ? "" : number(gib) + "\u00a0" + gibUnit();
  }

  /** The mebibyte's symbol in the reader's language: "Mio" in French, else "MiB". */
  public String mibUnit() {
    return "fr".equals(locale.getLanguage()) ? "Mio" : "MiB";
  }

  /** The gibibyte's symbol in the reader's language: "Gio" in French (gibioctet), else "GiB". */
  public String gibUnit() {
    return "fr".equals(locale.getLanguage()) ? "Gio" : "GiB";
  }

  /** A percentage given as a number of percent ({@code 42} → {@code 42 %} in French). */
  public String percent(Number percent) {
    if (percent == null) {
      return "";
    }
    NumberFormat format =
        copy(
            "percent",
            () -> {
              NumberFormat made = NumberFormat.getPercentInstance(locale);
              made.setMaximumFractionDigits(1);
              return made;
            });
    return format.format(exact(percent).movePointLeft(2));
  }

  /**
   * An instant to the second in the reader's time zone, as their language writes dates, with the
   * zone's abbreviation ({@code 3 déc. 2026, 16:48:59 CET}); empty for null.
   */
  public String dateTime(Instant instant) {
    if (instant == null) {
      return "";
    }
    return written(zoned("dateTime", FormatStyle.MEDIUM, FormatStyle.MEDIUM), instant);
  }

  /** A day in the reader's time zone, as their language writes it ({@code 3 déc. 2026}). */
  public String date(Instant instant) {
    if (instant == null) {
      return "";
    }
    return written(zoned("date", FormatStyle.MEDIUM, null), instant);
  }

  private static String written(DateTimeFormatter formatter, Instant instant) {
    Written key = new Written(formatter, instant);
    String text = WRITTEN.get(key);
    if (text == null) {
      text = formatter.format(instant);
      if (WRITTEN.size() >= MAX_WRITTEN) {
        WRITTEN.clear();
      }
      WRITTEN.put(key, text);
    }
    return text;
  }

  /** How many instants are kept written (for the tests of the bound). */
  static int writtenKept() {
    return WRITTEN.size();
  }

  /**
   * The formatter of {@code kind} in the reader's language and zone, made once for each: its
   * language's pattern looked up when it is made (a localized formatter looks it up, through a
   * cache keyed by a string it builds, at every use: a twentieth of the resource list's time under
   * load, docs/performance.md, "Twelfth pass"), with the zone's short name after a time.
   */
  private DateTimeFormatter zoned(String kind, FormatStyle date, FormatStyle time) {
    return (DateTimeFormatter)
        MADE.computeIfAbsent(
            kind + "/" + locale.toLanguageTag() + "/" + zone.getId(),
            k -> {
              DateTimeFormatterBuilder made =
                  new DateTimeFormatterBuilder()
                      .appendPattern(
                          DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                              date, time, IsoChronology.INSTANCE, locale));
              if (time != null) {
                made.appendLiteral(' ').appendZoneText(TextStyle.SHORT);
              }
              return made.toFormatter(locale).withChronology(IsoChronology.INSTANCE).withZone(zone);
            });
  }

  /** A copy of the language's number format of {@code kind}, made once per language. */
  private NumberFormat copy(String kind, java.util.function.Supplier<NumberFormat> make) {
    return (NumberFormat)
        ((NumberFormat) MADE.computeIfAbsent(kind + "/" + locale.toLanguageTag(), k -> make.get()))
            .clone();
  }

  private NumberFormat decimals(int min, int max) {
    return copy("decimals" + min + "-" + max, () -> newDecimals(min, max));
  }

  private NumberFormat newDecimals(int min, int max) {
    NumberFormat format = NumberFormat.getNumberInstance(locale);
    format.setMinimumFractionDigits(min);
    format.setMaximumFractionDigits(max);
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format;
  }

  private NumberFormat currency(int min, int max) {
    return copy("currency" + min + "-" + max, () -> newCurrency(min, max));
  }

  private NumberFormat newCurrency(int min, int max) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(EUR);
    if (format instanceof DecimalFormat decimal) {
      decimal.setParseBigDecimal(true);
    }
    format.setMinimumFractionDigits(min);
    format.setMaximumFractionDigits(max);
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format;
  }

  private static BigDecimal exact(Number value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(value.doubleValue());
    }
    return BigDecimal.valueOf(value.longValue());
  }
}
