package eu.federa.identity;

import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.security.AuthenticatedUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;

/** Use cases of a user's own portal account. */
@ApplicationScoped
@Transactional
public class UserAccountService {

  @Inject UserAccountRepository accounts;
  @Inject Clock clock;

  /** Records a sign-in; the first one creates the account. */
  public UserAccount recordSignIn(AuthenticatedUser user) {
    accounts.upsertSignIn(user, clock.instant());
    return accounts
        .findBySubject(user.subject())
        .map(UserAccount::of)
        .orElseThrow(() -> new IllegalStateException("Account missing right after sign-in"));
  }

  /**
   * Remembers the language the user chose, for their next sessions on any device.
   *
   * @throws IllegalArgumentException when the portal is not translated into that language
   */
  public UserAccount changePreferredLanguage(String subject, String languageTag) {
    Locale locale =
        SupportedLanguages.match(languageTag)
            .orElseThrow(
                () -> new IllegalArgumentException("Unsupported language: " + languageTag));
    PortalUser user =
        accounts
            .findBySubject(subject)
            .orElseThrow(() -> new IllegalStateException("No account for the signed-in user"));
    user.preferLocale(locale);
    return UserAccount.of(user);
  }
}
