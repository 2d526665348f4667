package eu.federa.platform.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** DATETIME columns hold UTC (the portal's JDBC time zone): reading them from native queries. */
public final class UtcColumns {

  private UtcColumns() {}

  /** The instant a DATETIME value of a native query stands for; null stays null. */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
  }
}
