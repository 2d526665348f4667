package eu.federa.platform.security;

import java.io.Serializable;
import java.util.Objects;

/**
 * The person behind a request, as the identity provider asserted it in the ID token.
 *
 * @param subject the identity provider's stable id for the user (OIDC {@code sub})
 * @param username the login name ({@code preferred_username})
 * @param email the e-mail address, or {@code null} when the identity provider sent none
 * @param displayName the full name to show, never blank
 * @param givenName the first name to greet with, never blank
 * @param identityProvider the alias of the brokered identity provider (partner organisation), or
 *     {@code null} for an account of Federa's own realm
 */
public record AuthenticatedUser(
    String subject,
    String username,
    String email,
    String displayName,
    String givenName,
    String identityProvider)
    implements Serializable {

  public AuthenticatedUser {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    displayName = firstNonBlank(displayName, username);
    givenName = firstNonBlank(givenName, displayName);
  }

  private static String firstNonBlank(String preferred, String fallback) {
    return preferred == null || preferred.isBlank() ? fallback : preferred.trim();
  }
}
