package eu.federa.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.Ports;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/** Readiness turns DOWN, instead of the portal serving errors, when its dependencies are gone. */
class ReadinessTest {

  @AfterEach
  void clear() {
    System.clearProperty("federa.oidc.provider-url");
  }

  @Test
  void databaseThatDoesNotAnswerMakesTheNodeNotReady() throws SQLException {
    DatabaseReadiness check = new DatabaseReadiness();
    check.dataSource =
        new MariaDbDataSource(
            "jdbc:mariadb://127.0.0.1:" + Ports.anyFree() + "/federa?connectTimeout=1000");

    HealthCheckResponse response = check.call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getName()).isEqualTo("database");
  }

  @Test
  void keycloakThatDoesNotAnswerMakesTheNodeNotReady() {
    System.setProperty(
        "federa.oidc.provider-url", "http://127.0.0.1:" + Ports.anyFree() + "/realms/federa");

    HealthCheckResponse response = new IdentityProviderReadiness().call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData()).hasValueSatisfying(d -> assertThat(d).containsKey("provider"));
  }
}
