package eu.federa.devstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The demo refuses to start against an external MariaDB or Keycloak that does not answer. */
class ExternalServicesTest {

  @Test
  void anUnreachableDatabaseIsNamedWithTheWayOut() {
    String url = "jdbc:mariadb://127.0.0.1:" + Ports.anyFree() + "/federa?connectTimeout=2000";

    assertThatThrownBy(() -> EmbeddedMariaDb.requireReachable(url, "federa", "x"))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("MariaDB at " + url + " is not reachable")
        .hasMessageContaining("unset DB_URL");
  }

  @Test
  void anUnreachableKeycloakIsNamedWithTheWayOut() {
    String realm = "http://127.0.0.1:" + Ports.anyFree() + "/realms/federa";

    assertThatThrownBy(() -> KeycloakServer.requireReachable(realm))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("Keycloak at " + realm + " does not answer")
        .hasMessageContaining("unset OIDC_PROVIDER_URL");
  }
}
