package eu.federa.identity;

import eu.federa.platform.security.AuthenticatedUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Queries for portal accounts. */
@ApplicationScoped
public class UserAccountRepository {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  Optional<PortalUser> find(long id) {
    return Optional.ofNullable(em.find(PortalUser.class, id));
  }

  List<PortalUser> findBySubjects(Collection<String> subjects) {
    return em.createQuery("select u from PortalUser u where u.subject in :s", PortalUser.class)
        .setParameter("s", subjects)
        .getResultList();
  }

  /** Subjects of the accounts whose identity provider vouched for this address (any case). */
  List<String> subjectsWithEmail(String email) {
    return em.createQuery(
            "select u.subject from PortalUser u where lower(u.email) = :e"
                + " and u.emailVerified = true",
            String.class)
        .setParameter("e", email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
        .getResultList();
  }

  /**
   * The language and time zone chosen by each person with this e-mail address (most recent sign-in
   * first), either null when not chosen: only accounts whose identity provider vouched for the
   * address, so that nobody chooses them for another person's mailbox.
   */
  List<String[]> readingOfEmail(String email) {
    return em.createQuery(
            "select u.preferredLocale, u.timeZone from PortalUser u where lower(u.email) = :e"
                + " and u.emailVerified = true order by u.lastSignInAt desc",
            Object[].class)
        .setParameter("e", email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
        .getResultStream()
        .map(row -> new String[] {(String) row[0], (String) row[1]})
        .toList();
  }

  List<PortalUser> search(String search, int first, int max) {
    return em.createQuery(
            "select u from PortalUser u where " + MATCHES + " order by u.lastSignInAt desc, u.id",
            PortalUser.class)
        .setParameter("q", pattern(search))
        .setFirstResult(Math.max(0, first))
        .setMaxResults(Math.max(1, Math.min(max, 200)))
        .getResultList();
  }

  long count(String search) {
    return em.createQuery("select count(u) from PortalUser u where " + MATCHES, Long.class)
        .setParameter("q", pattern(search))
        .getSingleResult();
  }

  private static final String MATCHES =
      "(lower(u.username) like :q escape '!' or lower(u.displayName) like :q escape '!'"
          + " or lower(coalesce(u.email, '')) like :q escape '!')";

  private static String pattern(String search) {
    String text = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
    return eu.federa.platform.persistence.LikePattern.containing(text);
  }

  Optional<PortalUser> findBySubject(String subject) {
    return em.createQuery("select u from PortalUser u where u.subject = :subject", PortalUser.class)
        .setParameter("subject", subject)
        .getResultStream()
        .findFirst();
  }

  /**
   * Creates the account at the first sign-in or refreshes it at a later one, in one statement, so
   * that two first requests arriving together (two tabs, two nodes) cannot both insert.
   */
  /**
   * Records a sign-in; {@code languageTag}, when not null, becomes the account's language (the one
   * the user last chose at the identity provider).
   */
  void upsertSignIn(AuthenticatedUser user, String languageTag, Instant now) {
    em.createNativeQuery(
            """
            INSERT INTO portal_user (subject, username, email, email_verified, display_name,
                                     identity_provider, preferred_locale, first_sign_in_at,
                                     last_sign_in_at, previous_sign_in_at, version)
            VALUES (?1, ?2, ?3, ?8, ?4, ?5, ?7, ?6, ?6, NULL, 0)
            ON DUPLICATE KEY UPDATE
              previous_sign_in_at = last_sign_in_at,
              last_sign_in_at = VALUES(last_sign_in_at),
              username = VALUES(username),
              email = VALUES(email),
              email_verified = VALUES(email_verified),
              display_name = VALUES(display_name),
              identity_provider = VALUES(identity_provider),
              preferred_locale = COALESCE(?7, preferred_locale),
              version = version + 1
            """)
        .setParameter(1, user.subject())
        .setParameter(2, user.username())
        .setParameter(3, user.email())
        .setParameter(4, user.displayName())
        .setParameter(5, user.identityProvider())
        .setParameter(6, now)
        .setParameter(7, languageTag)
        .setParameter(8, user.emailVerified() && user.email() != null)
        .executeUpdate();
  }
}
