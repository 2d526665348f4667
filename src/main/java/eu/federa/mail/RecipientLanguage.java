package eu.federa.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * The language a person chose in the portal, by e-mail address, for messages to them. The mail
 * capability owns this question; identity, which knows people, answers it.
 */
public interface RecipientLanguage {

  Optional<Locale> of(String email);
}
