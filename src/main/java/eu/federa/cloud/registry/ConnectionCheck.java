package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudTransportException;
import eu.federa.cloud.opennebula.CallGuard;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.validation.FieldError;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Tries a provider's endpoint and credentials before they are saved. */
final class ConnectionCheck {

  /** OpenNebula's administrators' group. */
  static final int ONEADMIN_GROUP = 0;

  private ConnectionCheck() {}

  /**
   * Empty when the endpoint answers as OpenNebula, accepts the credentials, and the account has the
   * rights Federa needs there: in the oneadmin group (to see every host, create tenants' groups and
   * users and deploy on chosen hosts), able to read and so to add ACL rules, and seeing hosts. The
   * problem found first is named in words an operator can act on.
   */
  static Optional<FieldError> problem(String url, String username, String secret) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    // One try, no retries: the admin is waiting for the form.
    CallGuard guard =
        new CallGuard(
            new CallGuard.Settings(30, 1, Duration.ZERO, 1000, Duration.ofSeconds(1)),
            Clock.systemUTC(),
            d -> {});
    OpenNebulaClient client =
        new OpenNebulaClient(
            new Endpoint(URI.create(url.trim()), username, secret),
            http,
            Duration.ofSeconds(5),
            guard);
    try {
      client.version();
      if (!client.self().groupIds().contains(ONEADMIN_GROUP)) {
        return Optional.of(FieldError.of("apiUsername", "provider.error.notAdmin", username));
      }
      try {
        client.aclRules();
      } catch (CloudApiException.NotAuthorized e) {
        return Optional.of(FieldError.of("apiUsername", "provider.error.noAcl", username));
      }
      if (client.hostPool().isEmpty()) {
        return Optional.of(FieldError.of("apiUsername", "provider.error.noHosts"));
      }
      return Optional.empty();
    } catch (CloudApiException.AuthenticationFailed e) {
      return Optional.of(FieldError.of("apiSecret", "provider.error.credentials"));
    } catch (CloudApiException e) {
      return Optional.of(FieldError.of("endpointUrl", "provider.error.refused", e.code()));
    } catch (CloudTransportException e) {
      String key =
          switch (e.kind()) {
            case TIMEOUT -> "provider.error.timeout";
            case MALFORMED, HTTP_ERROR -> "provider.error.notOpenNebula";
            default -> "provider.error.unreachable";
          };
      return Optional.of(FieldError.of("endpointUrl", key, url.trim()));
    }
  }

  static List<FieldError> asList(Optional<FieldError> problem) {
    return problem.map(List::of).orElse(List.of());
  }
}
