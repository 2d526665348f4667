package eu.federa.platform.i18n;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The day (in UTC) of an instant, given to a message (an exit's deadlines in a mail) so that each
 * reader sees it as their language writes dates ({@code 3 déc. 2026}, {@code Dec 3, 2026}); {@link
 * #toString} is the ISO date, for a message kept as text.
 */
public record Day(Instant at) implements Localized, Serializable {

  public Day {
    if (at == null) {
      throw new IllegalArgumentException("A day needs an instant");
    }
  }

  @Override
  public String in(Formats formats) {
    return formats.date(at);
  }

  @Override
  public String toString() {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(ZoneOffset.UTC));
  }
}
