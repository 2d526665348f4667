package eu.federa.platform.health;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Builds health answers with the API's constructor, which needs no provider lookup: the checks work
 * the same inside WildFly and in plain unit tests.
 */
final class Checks {

  private Checks() {}

  static HealthCheckResponse of(String name, boolean up, Map<String, Object> data) {
    return new HealthCheckResponse(
        name,
        up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        data.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(data)));
  }
}
