package eu.federa.platform.i18n;

import java.io.Serializable;
import java.time.Instant;

/**
 * An instant given to a message (where a price list is missing), so that each reader reads it in
 * their language's date and time format and their own time zone, the zone named ({@code 3 déc.
 * 2026, 16:48:59 CET}); {@link #toString} is the ISO instant, for logs.
 */
public record Moment(Instant at) implements Localized, Serializable {

  public Moment {
    if (at == null) {
      throw new IllegalArgumentException("A moment needs an instant");
    }
  }

  @Override
  public String in(Formats formats) {
    return formats.dateTime(at);
  }

  @Override
  public String toString() {
    return at.toString();
  }
}
