package eu.federa.mail;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * How a person chose in the portal to read, by e-mail address, for messages to them: their language
 * and the time zone of their times. The mail capability owns this question; identity, which knows
 * people, answers it.
 */
public interface RecipientReading {

  /** Empty for an address no one of the portal has. */
  Optional<Reading> of(String email);

  /**
   * @param language the language they chose; null when none
   * @param zone the time zone they chose; null for UTC
   */
  record Reading(Locale language, ZoneId zone) {}
}
