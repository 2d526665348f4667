package eu.federa.billing;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.Localized;
import eu.federa.platform.i18n.Moment;
import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Usage a rating could not price (no price list covered it, or the list had no price for a GPU
 * model, a token or an address), kept with the billing run and the draft invoice and shown to the
 * platform admin in their language, its times in their time zone.
 *
 * @param customer the organisation whose usage it is, or null when the invoice it is kept with says
 *     so already
 * @param lateOf the earlier, already issued month the usage belongs to (found after that month's
 *     invoice was issued), or null for the month being rated
 * @param what what is missing, a reason under {@code billing.unpriced.}
 */
public record UnpricedUsage(String customer, YearMonth lateOf, Reason what)
    implements Serializable {

  /** Starts a kept list; text that does not start with it was kept before it (English). */
  private static final char ITEM = '\u001e';

  private static final char FIELD = '\u001d';

  /** A price list of {@code provider} is missing from {@code from} to {@code until}. */
  static UnpricedUsage noPriceList(String provider, Instant from, Instant until, long orderId) {
    // The order's number is kept as text: it reads as it is, not grouped like a count.
    return of("noPriceList", provider, new Moment(from), new Moment(until), orderId);
  }

  static UnpricedUsage of(String key, Object... args) {
    return new UnpricedUsage(null, null, Reason.keyed("billing.unpriced." + key, args));
  }

  /** The same, said of {@code customer}'s usage. */
  UnpricedUsage of(String customerName) {
    return new UnpricedUsage(customerName, lateOf, what);
  }

  /** The same, found as late usage of the issued {@code month}. */
  UnpricedUsage lateOf(YearMonth month) {
    return new UnpricedUsage(customer, month, what);
  }

  /** In the reader's language and formats. */
  public String in(Formats formats) {
    ResourceBundle bundle = bundle(formats);
    String text = what.in(bundle, formats);
    if (lateOf != null) {
      text = formats.message(bundle.getString("billing.unpriced.late"), lateOf, text);
    }
    if (customer != null) {
      text = formats.message(bundle.getString("billing.unpriced.of"), customer, text);
    }
    return text;
  }

  private static ResourceBundle bundle(Formats formats) {
    return ResourceBundle.getBundle(
        "eu.federa.platform.i18n.messages",
        formats.locale(),
        UnpricedUsage.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** In English, for the logs. */
  @Override
  public String toString() {
    return (customer == null ? "" : customer + ": ")
        + (lateOf == null ? "" : "late usage of " + lateOf + ": ")
        + what.english();
  }

  /**
   * The list as a column keeps it, cut to whole items within {@code maxChars} (the items cut are
   * counted by the page, not lost from the ledger); null for none.
   */
  public static String encoded(List<UnpricedUsage> items, int maxChars) {
    if (items.isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    for (UnpricedUsage u : items) {
      String one =
          ITEM
              + field(u.customer)
              + FIELD
              + (u.lateOf == null ? "" : u.lateOf.toString())
              + FIELD
              + u.what.encoded().replace(ITEM, ' ').replace(FIELD, ' ');
      if (s.length() + one.length() > maxChars) {
        break;
      }
      s.append(one);
    }
    return s.toString();
  }

  private static String field(String text) {
    return text == null ? "" : text.replace(ITEM, ' ').replace(FIELD, ' ');
  }

  /**
   * A kept list read back; null for null. Text kept before the list was (English words) is one item
   * of its own with {@link #verbatim} set.
   */
  public static Kept decoded(String kept) {
    if (kept == null || kept.isEmpty()) {
      return null;
    }
    if (kept.charAt(0) != ITEM) {
      return new Kept(List.of(), kept);
    }
    List<UnpricedUsage> items = new ArrayList<>();
    for (String one : kept.substring(1).split(String.valueOf(ITEM), -1)) {
      String[] f = one.split(String.valueOf(FIELD), 3);
      if (f.length < 3) {
        continue;
      }
      YearMonth late = null;
      try {
        late = f[1].isEmpty() ? null : YearMonth.parse(f[1]);
      } catch (DateTimeParseException unreadable) {
        late = null;
      }
      items.add(new UnpricedUsage(f[0].isEmpty() ? null : f[0], late, Reason.decode(f[2])));
    }
    return new Kept(List.copyOf(items), null);
  }

  /**
   * What a run or an invoice kept, given to a message ("Not priced: {0}") or shown on a page: each
   * reader reads it in their language.
   *
   * @param items the usage
   * @param verbatim what was kept as English text before (shown as it is), or null
   */
  public record Kept(List<UnpricedUsage> items, String verbatim)
      implements Localized, Serializable {

    /** Each item in the reader's language, or the verbatim text as its only line. */
    public List<String> lines(Formats formats) {
      if (verbatim != null) {
        return List.of(verbatim);
      }
      return items.stream().map(u -> u.in(formats)).toList();
    }

    @Override
    public String in(Formats formats) {
      return String.join("; ", lines(formats));
    }

    @Override
    public String toString() {
      return verbatim != null
          ? verbatim
          : String.join("; ", items.stream().map(UnpricedUsage::toString).toList());
    }
  }
}
