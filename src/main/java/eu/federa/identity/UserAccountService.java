package eu.federa.identity;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.i18n.TimeZones;
import eu.federa.platform.metrics.Meters;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Use cases of portal accounts: one's own, and the platform admins' user administration. */
@ApplicationScoped
@Transactional
public class UserAccountService {

  @Inject UserAccountRepository accounts;
  @Inject KeycloakDirectory keycloak;
  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Event<SignedIn> signedIn;
  @Inject Event<LanguageChosen> languageChosen;
  @Inject Clock clock;
  @Inject Meters meters;

  /**
   * Records a sign-in; the first one creates the account. Other capabilities see it as a {@link
   * SignedIn} event in the same transaction.
   */
  public UserAccount recordSignIn(AuthenticatedUser user) {
    // A language chosen on Keycloak's own pages comes back in the token: the portal follows it.
    String chosenAtKeycloak =
        SupportedLanguages.match(user.locale()).map(Locale::toLanguageTag).orElse(null);
    accounts.upsertSignIn(user, chosenAtKeycloak, clock.instant());
    UserAccount account =
        accounts
            .findBySubject(user.subject())
            .map(UserAccount::of)
            .orElseThrow(() -> new IllegalStateException("Account missing right after sign-in"));
    if (!account.disabled()) {
      audit.successOf(user, AuditAction.SIGN_IN, null, user.username(), via(user));
      signedIn.fire(new SignedIn(user));
    }
    meters.count(
        "federa.sign.ins",
        1,
        "identity_provider",
        user.identityProvider() == null ? "federa" : user.identityProvider(),
        "outcome",
        account.disabled() ? "refused" : "signed_in");
    return account;
  }

  private static String via(AuthenticatedUser user) {
    return user.identityProvider() == null
        ? null
        : AuditDetail.SIGNED_IN_VIA.text(user.identityProvider());
  }

  /**
   * Remembers the language the user chose, for their next sessions on any device.
   *
   * @throws IllegalArgumentException when the portal is not translated into that language
   */
  public UserAccount changePreferredLanguage(String subject, String languageTag) {
    Locale locale = supported(languageTag);
    PortalUser user = signedInUser(subject);
    user.preferLocale(locale);
    languageChosen.fire(new LanguageChosen(subject, locale.toLanguageTag()));
    return UserAccount.of(user);
  }

  /**
   * Sets the language pages are shown in and the zone times are read in: a region of the time-zone
   * database (Europe/Paris) or UTC; a blank zone is UTC.
   *
   * @throws IllegalArgumentException for a language the portal is not translated into or a zone it
   *     does not offer; nothing is changed
   */
  @Transactional
  public UserAccount changePreferences(String subject, String languageTag, String zoneId) {
    Locale locale = supported(languageTag);
    String zone = zoneId == null || zoneId.isBlank() ? null : zoneId.trim();
    if (zone != null && !TimeZones.CHOICES.contains(zone)) {
      throw new IllegalArgumentException("Unknown time zone: " + zone);
    }
    PortalUser user = signedInUser(subject);
    user.preferLocale(locale);
    user.chooseTimeZone(zone);
    languageChosen.fire(new LanguageChosen(subject, locale.toLanguageTag()));
    return UserAccount.of(user);
  }

  private static Locale supported(String languageTag) {
    return SupportedLanguages.match(languageTag)
        .orElseThrow(() -> new IllegalArgumentException("Unsupported language: " + languageTag));
  }

  private PortalUser signedInUser(String subject) {
    return accounts
        .findBySubject(subject)
        .orElseThrow(() -> new IllegalStateException("No account for the signed-in user"));
  }

  /** Accounts by subject, for showing names; subjects without an account are left out. */
  public Map<String, UserAccount> bySubject(Collection<String> subjects) {
    if (subjects.isEmpty()) {
      return Map.of();
    }
    return accounts.findBySubjects(subjects).stream()
        .map(UserAccount::of)
        .collect(Collectors.toMap(UserAccount::subject, Function.identity()));
  }

  /**
   * Subjects of the accounts with this e-mail address (any case) whose identity provider vouched
   * for it: an account that merely claims an address does not stand for its owner.
   */
  public List<String> subjectsWithEmail(String email) {
    return accounts.subjectsWithEmail(email);
  }

  /** A page of all accounts, newest sign-in first, optionally filtered (platform admins). */
  public List<UserAccount> list(String search, int first, int max) {
    caller.requirePlatformAdmin();
    return accounts.search(search, first, max).stream().map(UserAccount::of).toList();
  }

  public long count(String search) {
    caller.requirePlatformAdmin();
    return accounts.count(search);
  }

  /**
   * Disables a user at once: their next request to the portal is refused, and Keycloak ends their
   * sessions and refuses new logins.
   *
   * @return false when Keycloak could not be changed (the portal refuses the user all the same)
   * @throws ConflictException when platform admins try to disable themselves
   */
  public boolean disable(long accountId) {
    caller.requirePlatformAdmin();
    PortalUser user = accounts.find(accountId).orElseThrow(() -> notFound(accountId));
    if (caller.user().map(u -> u.subject().equals(user.getSubject())).orElse(false)) {
      throw new ConflictException("users.error.self");
    }
    user.disable(caller.user().map(AuthenticatedUser::subject).orElse(null), clock.instant());
    boolean inKeycloak = changeKeycloak(user.getSubject(), false);
    audit.success(
        AuditAction.USER_DISABLED,
        null,
        user.getUsername(),
        inKeycloak ? null : AuditDetail.KEYCLOAK_UNCHANGED.text());
    return inKeycloak;
  }

  /** Lets a disabled user in again (portal and Keycloak). */
  public boolean enable(long accountId) {
    caller.requirePlatformAdmin();
    PortalUser user = accounts.find(accountId).orElseThrow(() -> notFound(accountId));
    user.enable();
    boolean inKeycloak = changeKeycloak(user.getSubject(), true);
    audit.success(
        AuditAction.USER_ENABLED,
        null,
        user.getUsername(),
        inKeycloak ? null : AuditDetail.KEYCLOAK_UNCHANGED.text());
    return inKeycloak;
  }

  private boolean changeKeycloak(String subject, boolean enabled) {
    try {
      keycloak.setEnabled(subject, enabled);
      return true;
    } catch (KeycloakUnavailableException e) {
      return false;
    }
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("user", id);
  }
}
