package eu.federa.testsupport;

import eu.federa.devstack.TestStack;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** The demo's users as the next test expects them, after a test changed their choices. */
public final class DemoUsers {

  private DemoUsers() {}

  /**
   * Forgets the language and time zone the users chose, in the portal and in Keycloak: they read
   * their pages in their browser's language and in UTC again.
   */
  public static void forgetChoices(String... usernames) throws Exception {
    KeycloakAdmin keycloak = new KeycloakAdmin("federa");
    try (Connection db = TestStack.database();
        PreparedStatement reset =
            db.prepareStatement(
                "UPDATE portal_user SET preferred_locale = NULL, time_zone = NULL"
                    + " WHERE username = ?")) {
      for (String username : usernames) {
        keycloak.forgetLocale(username);
        reset.setString(1, username);
        reset.executeUpdate();
      }
    }
  }
}
