package eu.federa.identity.web;

import eu.federa.identity.UserAccount;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.ReaderFormats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code #{fmt}}: numbers, money, sizes and times written for the reader of this request, in the
 * language pages are shown in and the time zone of their profile ({@link Formats}).
 */
@Named("fmt")
@RequestScoped
public class PageFormats implements ReaderFormats {

  @Inject LanguagePreference language;
  @Inject SignedInAccount signedIn;

  private Formats formats;

  @Override
  public Formats formats() {
    if (formats == null) {
      UserAccount account = signedIn.account();
      formats = Formats.of(language.getLocale(), account == null ? null : account.timeZone());
    }
    return formats;
  }

  public String number(Number value) {
    return formats().number(value);
  }

  /**
   * An identifier (an order's, a move's or a seal's number) given to a message as it is: a number
   * would be grouped like a count ({@code order 1,234}).
   */
  public String id(Object value) {
    return value == null ? "" : value.toString();
  }

  public String measured(Number value) {
    return formats().measured(value);
  }

  /** A country an operator named in English, in the reader's language ({@code Formats}). */
  public String countryNamed(String typed) {
    return formats().countryNamed(typed);
  }

  public String money(BigDecimal eur) {
    return formats().money(eur);
  }

  public String moneyDifference(BigDecimal eur) {
    return formats().moneyDifference(eur);
  }

  public String rate(BigDecimal eur) {
    return formats().rate(eur);
  }

  public String unitPrice(BigDecimal eur) {
    return formats().unitPrice(eur);
  }

  public String bytes(long bytes) {
    return formats().bytes(bytes);
  }

  public String mibAsGib(Number mib) {
    return formats().mibAsGib(mib);
  }

  public String sizeMib(Number mib) {
    return formats().sizeMib(mib);
  }

  public String gib(Number gib) {
    return formats().gib(gib);
  }

  /** The gibibyte's symbol in the reader's language, for a field's label ("Gio" in French). */
  public String getGibUnit() {
    return formats().gibUnit();
  }

  /** The mebibyte's symbol in the reader's language ("Mio" in French). */
  public String getMibUnit() {
    return formats().mibUnit();
  }

  public String percent(Number percent) {
    return formats().percent(percent);
  }

  public String month(java.time.YearMonth month) {
    return formats().month(month);
  }

  public String dateTime(Instant instant) {
    return formats().dateTime(instant);
  }

  public String date(Instant instant) {
    return formats().date(instant);
  }

  /** The zone times are shown in, as its id (UTC, Europe/Paris). */
  public String getZone() {
    return formats().zone().getId();
  }
}
