package eu.federa.billing;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Billing months are calendar months in UTC, whatever the tenant's or the server's time zone. */
public final class BillingMonths {

  private BillingMonths() {}

  /**
   * The months from 1970 to 2169 and their first instants, worked out once: rating asks for a
   * month's bounds several times for every interval it rates, each of them a date and a date-time
   * made and converted (a twentieth of the resource list's time under load, docs/performance.md,
   * "Nineteenth pass"). Months outside these are worked out as they are asked for.
   */
  private static final int FIRST_YEAR = 1970;

  private static final YearMonth[] MONTHS = new YearMonth[200 * 12];

  /** Each month's first instant, and the first after the last month. */
  private static final Instant[] BOUNDS = new Instant[MONTHS.length + 1];

  /** The same as seconds since the epoch, ascending (searched). */
  private static final long[] STARTS = new long[BOUNDS.length];

  static {
    YearMonth month = YearMonth.of(FIRST_YEAR, 1);
    for (int i = 0; i <= MONTHS.length; i++) {
      if (i < MONTHS.length) {
        MONTHS[i] = month;
      }
      BOUNDS[i] = startOf(month);
      STARTS[i] = BOUNDS[i].getEpochSecond();
      month = month.plusMonths(1);
    }
  }

  public static YearMonth of(Instant at) {
    long second = at.getEpochSecond();
    if (second >= STARTS[0] && second < STARTS[MONTHS.length]) {
      int found = Arrays.binarySearch(STARTS, second);
      return MONTHS[found >= 0 ? found : -found - 2];
    }
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }

  /** The first instant of the month. */
  public static Instant start(YearMonth month) {
    return bound(month, 0);
  }

  /** The first instant after the month. */
  public static Instant end(YearMonth month) {
    return bound(month, 1);
  }

  /** The month's length in seconds: 672 to 744 hours. */
  public static long seconds(YearMonth month) {
    return Duration.between(start(month), end(month)).getSeconds();
  }

  /** The first instant of the month {@code after} months after this one. */
  private static Instant bound(YearMonth month, int after) {
    int index = (month.getYear() - FIRST_YEAR) * 12 + month.getMonthValue() - 1 + after;
    return index >= 0 && index < BOUNDS.length ? BOUNDS[index] : startOf(month.plusMonths(after));
  }

  private static Instant startOf(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** A period within one month, [from, until). */
  public record Piece(YearMonth month, Instant from, Instant until) {}

  /** Cuts [from, until) at each month boundary it crosses; empty when until is not after from. */
  public static List<Piece> split(Instant from, Instant until) {
    List<Piece> pieces = new ArrayList<>();
    Instant cursor = from;
    while (cursor.isBefore(until)) {
      YearMonth month = of(cursor);
      Instant boundary = end(month);
      Instant pieceEnd = boundary.isBefore(until) ? boundary : until;
      pieces.add(new Piece(month, cursor, pieceEnd));
      cursor = pieceEnd;
    }
    return pieces;
  }

  /**
   * The month a request names as {@code 2026-10}.
   *
   * @throws eu.federa.platform.validation.InvalidInputException for anything else
   */
  public static YearMonth parse(String text) {
    try {
      return YearMonth.parse(text == null ? "" : text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(FieldError.of("month", "billing.error.month"));
    }
  }
}
