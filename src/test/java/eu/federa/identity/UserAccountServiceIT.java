package eu.federa.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Portal accounts through the real datasource, on the schema Flyway created. */
class UserAccountServiceIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject UserAccountService accounts;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private static AuthenticatedUser someone(String subject) {
    return new AuthenticatedUser(
        subject, "user-" + subject, subject + "@example.org", "Ada Lovelace", "Ada", null);
  }

  @Test
  void schemaIsCreatedByFlywayMigrations() {
    Object success =
        em.createNativeQuery("SELECT success FROM flyway_schema_history WHERE version = '1'")
            .getSingleResult();
    assertEquals(true, success instanceof Boolean b ? b : ((Number) success).intValue() == 1);
  }

  @Test
  void firstSignInCreatesTheAccount() {
    String subject = UUID.randomUUID().toString();

    UserAccount account = accounts.recordSignIn(someone(subject));

    assertEquals(subject, account.subject());
    assertEquals("Ada Lovelace", account.displayName());
    assertEquals(account.firstSignInAt(), account.lastSignInAt());
    assertNull(account.previousSignInAt());
  }

  @Test
  void laterSignInKeepsTheFirstAndRemembersThePrevious() throws InterruptedException {
    String subject = UUID.randomUUID().toString();
    UserAccount first = accounts.recordSignIn(someone(subject));
    // The second sign-in must fall on a later instant than the first, however fast the machine.
    eventually(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(first.lastSignInAt()));

    UserAccount second =
        accounts.recordSignIn(
            new AuthenticatedUser(subject, "ada", "ada@new.example", "Ada King", "Ada", "partner"));

    assertEquals(first.id(), second.id());
    assertEquals(first.firstSignInAt(), second.firstSignInAt());
    assertEquals(first.lastSignInAt(), second.previousSignInAt());
    assertTrue(second.lastSignInAt().isAfter(first.lastSignInAt()));
    assertEquals("Ada King", second.displayName());
    assertEquals("partner", second.identityProvider());
  }

  @Test
  void concurrentFirstSignInsCreateExactlyOneAccount() throws Exception {
    String subject = UUID.randomUUID().toString();
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<UserAccount>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return accounts.recordSignIn(someone(subject));
              }));
    }
    start.countDown();
    long distinctIds = 0;
    List<Long> ids = new ArrayList<>();
    for (Future<UserAccount> result : results) {
      ids.add(result.get(30, TimeUnit.SECONDS).id());
    }
    pool.shutdown();
    distinctIds = ids.stream().distinct().count();

    assertEquals(1, distinctIds);
    Number rows =
        (Number)
            em.createNativeQuery("SELECT COUNT(*) FROM portal_user WHERE subject = ?1")
                .setParameter(1, subject)
                .getSingleResult();
    assertEquals(1, rows.intValue());
  }

  @Test
  void chosenLanguageIsRemembered() {
    String subject = UUID.randomUUID().toString();
    accounts.recordSignIn(someone(subject));

    accounts.changePreferredLanguage(subject, "fr-BE");

    assertEquals(Locale.FRENCH, accounts.recordSignIn(someone(subject)).preferredLocale());
  }

  @Test
  void unsupportedLanguageIsRefusedAndChangesNothing() {
    String subject = UUID.randomUUID().toString();
    accounts.recordSignIn(someone(subject));
    accounts.changePreferredLanguage(subject, "fr");

    assertThrows(
        IllegalArgumentException.class, () -> accounts.changePreferredLanguage(subject, "tlh"));

    assertEquals(Locale.FRENCH, accounts.recordSignIn(someone(subject)).preferredLocale());
  }

  @Test
  void theChosenTimeZoneIsRememberedWithTheLanguageAndBlankIsUtc() {
    String subject = UUID.randomUUID().toString();
    accounts.recordSignIn(someone(subject));
    assertNull(accounts.recordSignIn(someone(subject)).timeZone(), "UTC until chosen");

    accounts.changePreferences(subject, "fr", "Europe/Ljubljana");

    UserAccount again = accounts.recordSignIn(someone(subject));
    assertEquals(ZoneId.of("Europe/Ljubljana"), again.timeZone());
    assertEquals(Locale.FRENCH, again.preferredLocale());

    accounts.changePreferences(subject, "en", " ");
    assertNull(accounts.recordSignIn(someone(subject)).timeZone());
  }

  @Test
  void aZoneNotOfferedOrAnUnsupportedLanguageIsRefusedAndChangesNeither() {
    String subject = UUID.randomUUID().toString();
    accounts.recordSignIn(someone(subject));
    accounts.changePreferences(subject, "fr", "Europe/Paris");

    assertThrows(
        IllegalArgumentException.class,
        () -> accounts.changePreferences(subject, "en", "Mars/Olympus"));
    assertThrows(
        IllegalArgumentException.class,
        () -> accounts.changePreferences(subject, "tlh", "Europe/Berlin"));
    // A real zone the portal does not offer (its users are in the EU).
    assertThrows(
        IllegalArgumentException.class,
        () -> accounts.changePreferences(subject, "en", "America/New_York"));

    UserAccount unchanged = accounts.recordSignIn(someone(subject));
    assertEquals(Locale.FRENCH, unchanged.preferredLocale());
    assertEquals(ZoneId.of("Europe/Paris"), unchanged.timeZone());
  }

  private static AuthenticatedUser choosingAtKeycloak(String subject, String locale) {
    return new AuthenticatedUser(
        subject,
        "user-" + subject,
        subject + "@example.org",
        "Ada Lovelace",
        "Ada",
        null,
        false,
        List.of(),
        locale);
  }

  @Test
  void aLanguageChosenOnKeycloaksPagesComesBackWithTheTokenAndIsKept() {
    String subject = UUID.randomUUID().toString();
    assertEquals(
        Locale.GERMAN, accounts.recordSignIn(choosingAtKeycloak(subject, "de")).preferredLocale());
    accounts.changePreferredLanguage(subject, "fr");

    // A token without a choice, or with a language the portal does not speak, changes nothing.
    assertEquals(Locale.FRENCH, accounts.recordSignIn(someone(subject)).preferredLocale());
    assertEquals(
        Locale.FRENCH, accounts.recordSignIn(choosingAtKeycloak(subject, "tlh")).preferredLocale());
    // A later choice there wins, in the portal's form of it.
    assertEquals(
        Locale.GERMAN,
        accounts.recordSignIn(choosingAtKeycloak(subject, "de-AT")).preferredLocale());
  }

  @Inject PreferredReading readings;

  /**
   * A mail's language and time zone are those its recipient chose: an account whose identity
   * provider never vouched for the address cannot choose them for the address's owner, however
   * recently it signed in.
   */
  @Test
  void onlyAnAccountWithTheAddressVerifiedChoosesHowMailsToItAreWritten() throws Exception {
    String owner = UUID.randomUUID().toString();
    String address = owner + "@example.org";
    AuthenticatedUser verified =
        new AuthenticatedUser(
            owner, "user-" + owner, address, "Ada Lovelace", "Ada", null, true, List.of());
    UserAccount first = accounts.recordSignIn(verified);
    accounts.changePreferences(owner, "de", "Europe/Berlin");
    eventually(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(first.lastSignInAt()));
    String other = UUID.randomUUID().toString();
    accounts.recordSignIn(
        new AuthenticatedUser(
            other, "user-" + other, address.toUpperCase(Locale.ROOT), "Mallory", "Mallory", null));
    accounts.changePreferences(other, "fi", "Europe/Helsinki");

    eu.federa.mail.RecipientReading.Reading reading = readings.of(address).orElseThrow();
    assertEquals(Locale.GERMAN, reading.language());
    assertEquals(ZoneId.of("Europe/Berlin"), reading.zone());

    // The same account, once its identity provider vouches for the address, speaks for it.
    accounts.recordSignIn(
        new AuthenticatedUser(
            other, "user-" + other, address, "Mallory", "Mallory", null, true, List.of()));
    assertEquals(Locale.forLanguageTag("fi"), readings.of(address).orElseThrow().language());
    // And an address only unverified accounts have is nobody's choice.
    String lone = UUID.randomUUID().toString();
    accounts.recordSignIn(someone(lone));
    accounts.changePreferences(lone, "pl", null);
    assertTrue(readings.of(lone + "@example.org").isEmpty());
    // Nor does an unverified account stand for the address's owner anywhere else (a team's
    // "already a member" check).
    assertEquals(sorted(List.of(owner, other)), sorted(accounts.subjectsWithEmail(address)));
    assertTrue(accounts.subjectsWithEmail(lone + "@example.org").isEmpty());
  }

  private static List<String> sorted(List<String> subjects) {
    return subjects.stream().sorted().toList();
  }
}
