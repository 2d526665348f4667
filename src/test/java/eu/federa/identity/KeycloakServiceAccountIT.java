package eu.federa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.KeycloakAdmin;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #13, finding 9: the portal's Keycloak service account (client federa-admin) held {@code
 * manage-users}. It now holds only what the portal does with it: read a user, enable or disable
 * them and end their sessions (fine-grained admin permission "view" and "manage" on users), and
 * list identity providers. Whoever steals its secret cannot make anyone a realm admin, impersonate
 * a user, move users between groups or read the realm's clients. (That the portal still disables
 * and enables users through it: UserAdministrationBrowserIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeycloakServiceAccountIT {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @Test
  void thePortalsServiceAccountCanDoWhatThePortalNeedsAndNothingMore() throws Exception {
    KeycloakAdmin realm = new KeycloakAdmin("federa");
    String serviceAccount =
        KeycloakAdmin.clientToken("federa", "federa-admin", TestStack.adminClientSecret());
    String mia = "/users/" + realm.userId("mia");

    // What the portal does.
    assertThat(realm.statusFor(serviceAccount, "GET", mia, null)).isEqualTo(200);
    assertThat(realm.statusFor(serviceAccount, "GET", "/identity-provider/instances", null))
        .isEqualTo(200);

    // What it must not.
    String realmManagement =
        ((JsonArray) realm.get("/clients?clientId=realm-management"))
            .getJsonObject(0)
            .getString("id");
    JsonObject realmAdmin =
        (JsonObject) realm.get("/clients/" + realmManagement + "/roles/realm-admin");
    assertThat(
            realm.statusFor(
                serviceAccount,
                "POST",
                mia + "/role-mappings/clients/" + realmManagement,
                "[" + realmAdmin + "]"))
        .isEqualTo(403);
    String platformAdmin = ((JsonObject) realm.get("/roles/platform-admin")).toString();
    assertThat(
            realm.statusFor(
                serviceAccount, "POST", mia + "/role-mappings/realm", "[" + platformAdmin + "]"))
        .isEqualTo(403);
    assertThat(realm.statusFor(serviceAccount, "POST", mia + "/impersonation", null))
        .isEqualTo(403);
    String acmeAdmins =
        ((JsonArray) realm.get("/groups?exact=true&search=acme-admins"))
            .getJsonObject(0)
            .getString("id");
    assertThat(realm.statusFor(serviceAccount, "PUT", mia + "/groups/" + acmeAdmins, null))
        .isEqualTo(403);
    assertThat(realm.statusFor(serviceAccount, "GET", "/clients", null)).isEqualTo(403);
    // The realm's admin roles still say no: the account holds none of them but this one.
    assertThat(realm.statusFor(serviceAccount, "PUT", "", "{\"registrationAllowed\":true}"))
        .isEqualTo(403);
  }

  /**
   * Issue #13, ASVS 6.2.4: a local account cannot take a password from the list of the most common
   * breached passwords, even one that meets the length rule; a strong one is accepted.
   */
  @Test
  void aBreachedPasswordIsRefusedEvenWhenLongEnough() throws Exception {
    KeycloakAdmin realm = new KeycloakAdmin("federa");
    String username = "breach-check-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        realm.call("POST", "/users", "{\"username\": \"" + username + "\", \"enabled\": true}");
    assertThat(created.statusCode()).isEqualTo(201);
    String user = "/users/" + realm.userId(username);
    try {
      for (String breached : List.of("1qaz2wsx3edc", "qwertyuiopasdfgh", "password1234")) {
        var refused =
            realm.call(
                "PUT",
                user + "/reset-password",
                "{\"type\": \"password\", \"temporary\": false, \"value\": \"" + breached + "\"}");
        assertThat(refused.statusCode()).as("%s: %s", breached, refused.body()).isEqualTo(400);
        assertThat(refused.body()).containsIgnoringCase("blacklist");
      }
      var accepted =
          realm.call(
              "PUT",
              user + "/reset-password",
              "{\"type\": \"password\", \"temporary\": false, \"value\": \"Vq7-larch-Orbit-29k\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
    } finally {
      realm.call("DELETE", user, null);
    }
  }

  /**
   * Issue #13, ASVS 16.3.1: every sign-in, failed or not, and every change made through the admin
   * API is recorded by Keycloak (kept 90 days) besides its log.
   */
  @Test
  void signInsAndAdministrationAreRecorded() throws Exception {
    JsonObject config = (JsonObject) new KeycloakAdmin("federa").get("/events/config");
    assertThat(config.getBoolean("eventsEnabled")).isTrue();
    assertThat(config.getJsonNumber("eventsExpiration").longValue()).isEqualTo(7_776_000L);
    assertThat(config.getBoolean("adminEventsEnabled")).isTrue();
    assertThat(config.getJsonArray("eventsListeners").toString()).contains("jboss-logging");
  }
}
