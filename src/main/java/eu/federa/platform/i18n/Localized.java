package eu.federa.platform.i18n;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A value given to a message (an error's {@code {0}}, a mail's {@code {spentEur}}) that each reader
 * reads in their own language's format: {@link Money}, a {@link Day}, a {@link Moment}, a {@link
 * ByteSize}, a {@link Term} of the portal's vocabulary. Its {@code toString} is the English or ISO
 * form, for logs; a message kept to be shown later (an order's reason) keeps it as {@link #stored}
 * writes it, and reads it back with {@link #restored}.
 */
public interface Localized {

  /** Starts a stored argument that is a value of its own rather than text: a control character. */
  char MARK = '\u0002';

  /** The value as {@code formats}' reader reads it. */
  String in(Formats formats);

  /**
   * A message's argument as text to keep: a {@link Localized} value marked with its kind and its
   * plain figure ({@code 1.60}, not {@code €1.60}), so that it reads in each later reader's format;
   * any other value as its text.
   */
  static String stored(Object argument) {
    if (argument instanceof Money money) {
      return MARK + "M" + money.eur().toPlainString();
    }
    if (argument instanceof Day day) {
      return MARK + "D" + day.at();
    }
    if (argument instanceof Moment moment) {
      return MARK + "I" + moment.at();
    }
    if (argument instanceof ByteSize size) {
      return MARK + "B" + size.bytes();
    }
    if (argument instanceof Term term) {
      return MARK + "T" + term.key();
    }
    String text = String.valueOf(argument);
    // Text never passes for a marked value.
    return text.indexOf(MARK) < 0 ? text : text.replace(MARK, ' ');
  }

  /** An argument as {@link #stored} kept it: the value again, or the text. */
  static Object restored(String stored) {
    if (stored == null || stored.length() < 2 || stored.charAt(0) != MARK) {
      return stored;
    }
    String figure = stored.substring(2);
    try {
      return switch (stored.charAt(1)) {
        case 'M' -> new Money(new BigDecimal(figure));
        case 'D' -> new Day(Instant.parse(figure));
        case 'I' -> new Moment(Instant.parse(figure));
        case 'B' -> new ByteSize(Long.parseLong(figure));
        case 'T' -> new Term(figure);
        default -> figure;
      };
    } catch (RuntimeException unreadable) {
      return figure;
    }
  }
}
