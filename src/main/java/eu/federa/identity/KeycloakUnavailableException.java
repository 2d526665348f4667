package eu.federa.identity;

/** Keycloak administration is not configured, or Keycloak did not do what was asked. */
public class KeycloakUnavailableException extends RuntimeException {

  public KeycloakUnavailableException(Throwable cause) {
    super("Keycloak administration is unavailable", cause);
  }
}
