package eu.federa.identity;

import eu.federa.mail.RecipientReading;
import eu.federa.platform.i18n.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers the mail capability's question: the language and time zone a person chose in the portal
 * (of the accounts with their address, the most recently signed in that chose one).
 */
@ApplicationScoped
public class PreferredReading implements RecipientReading {

  @Inject UserAccountRepository accounts;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Reading> of(String email) {
    Locale language = null;
    ZoneId zone = null;
    boolean known = false;
    for (String[] choice : accounts.readingOfEmail(email)) {
      known = true;
      if (language == null && choice[0] != null) {
        language = Locale.forLanguageTag(choice[0]);
      }
      if (zone == null && choice[1] != null) {
        zone = Formats.zone(choice[1]).orElse(null);
      }
    }
    return known ? Optional.of(new Reading(language, zone)) : Optional.empty();
  }
}
