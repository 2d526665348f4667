package eu.federa.portability;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A tenant admin's switching or exit request, as entered.
 *
 * @param startDate the day (UTC) the transition should start: today at the earliest (then it starts
 *     at once), two months ahead at the latest
 * @param freezeOrders whether the organisation's orders stop now (they stop anyway when the
 *     transition ends)
 */
public record ExitForm(
    ExitDestination destination,
    String destinationNote,
    LocalDate startDate,
    boolean freezeOrders) {

  /** The form's own rules: what is missing or too long. */
  void check() {
    if (destination == null) {
      throw new InvalidInputException(FieldError.of("destination", "exit.error.destination"));
    }
    if (startDate == null) {
      throw new InvalidInputException(FieldError.of("startDate", "exit.error.startDate"));
    }
    if (destinationNote != null && destinationNote.strip().length() > 200) {
      throw new InvalidInputException(FieldError.of("destinationNote", "exit.error.noteLong", 200));
    }
  }

  /** A destination as named in a request; unknown or missing names are refused. */
  public static ExitDestination destinationOf(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(FieldError.of("destination", "exit.error.destination"));
    }
    try {
      return ExitDestination.valueOf(name.strip());
    } catch (IllegalArgumentException unknown) {
      throw new InvalidInputException(FieldError.of("destination", "exit.error.destination"));
    }
  }

  /** A day as entered (YYYY-MM-DD); null when nothing is entered, refused when it is no date. */
  public static LocalDate dateOf(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException bad) {
      throw new InvalidInputException(FieldError.of(field, "exit.error.date", value));
    }
  }

  String note() {
    return destinationNote == null || destinationNote.isBlank() ? null : destinationNote.strip();
  }
}
