package eu.federa.identity;

import eu.federa.mail.RecipientLanguage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;

/** Answers the mail capability's question: the language a person chose in the portal. */
@ApplicationScoped
public class PreferredLanguages implements RecipientLanguage {

  @Inject UserAccountRepository accounts;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Locale> of(String email) {
    return accounts.localesOfEmail(email).stream().findFirst().map(Locale::forLanguageTag);
  }
}
