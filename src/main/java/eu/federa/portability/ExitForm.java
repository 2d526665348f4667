package eu.federa.portability;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.time.LocalDate;

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

  String note() {
    return destinationNote == null || destinationNote.isBlank() ? null : destinationNote.strip();
  }
}
