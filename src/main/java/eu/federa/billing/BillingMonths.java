package eu.federa.billing;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Billing months are calendar months in UTC, whatever the tenant's or the server's time zone. */
public final class BillingMonths {

  private BillingMonths() {}

  public static YearMonth of(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }

  /** The first instant of the month. */
  public static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The first instant after the month. */
  public static Instant end(YearMonth month) {
    return start(month.plusMonths(1));
  }

  /** The month's length in seconds: 672 to 744 hours. */
  public static long seconds(YearMonth month) {
    return Duration.between(start(month), end(month)).getSeconds();
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
