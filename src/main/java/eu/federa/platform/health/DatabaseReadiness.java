package eu.federa.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while MariaDB answers: a load balancer then stops sending users to a broken node. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:jboss/datasources/FederaDS")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      return Checks.of("database", connection.isValid(TIMEOUT_SECONDS), Map.of());
    } catch (SQLException | RuntimeException e) {
      return Checks.of("database", false, Map.of("error", e.getClass().getSimpleName()));
    }
  }
}
