package eu.federa.identity;

import eu.federa.platform.security.AuthenticatedUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Queries for portal accounts. */
@ApplicationScoped
public class UserAccountRepository {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

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
  void upsertSignIn(AuthenticatedUser user, Instant now) {
    em.createNativeQuery(
            """
            INSERT INTO portal_user (subject, username, email, display_name, identity_provider,
                                     first_sign_in_at, last_sign_in_at, previous_sign_in_at, version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL, 0)
            ON DUPLICATE KEY UPDATE
              previous_sign_in_at = last_sign_in_at,
              last_sign_in_at = VALUES(last_sign_in_at),
              username = VALUES(username),
              email = VALUES(email),
              display_name = VALUES(display_name),
              identity_provider = VALUES(identity_provider),
              version = version + 1
            """)
        .setParameter(1, user.subject())
        .setParameter(2, user.username())
        .setParameter(3, user.email())
        .setParameter(4, user.displayName())
        .setParameter(5, user.identityProvider())
        .setParameter(6, now)
        .executeUpdate();
  }
}
