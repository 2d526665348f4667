package eu.federa.platform.health;

import eu.federa.platform.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Keycloak publishes the realm's OpenID configuration: nobody can sign in else.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements HealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  @Override
  public HealthCheckResponse call() {
    String providerUrl = Setting.OIDC_PROVIDER_URL.value();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(providerUrl + "/.well-known/openid-configuration"))
            .timeout(TIMEOUT)
            .GET()
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return Checks.of(
          "identity-provider", status == 200, Map.of("provider", providerUrl, "status", status));
    } catch (IOException e) {
      return down(providerUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(providerUrl, e);
    }
  }

  private static HealthCheckResponse down(String providerUrl, Exception e) {
    return Checks.of(
        "identity-provider",
        false,
        Map.of("provider", providerUrl, "error", e.getClass().getSimpleName()));
  }
}
