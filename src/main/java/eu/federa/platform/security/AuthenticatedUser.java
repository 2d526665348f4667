package eu.federa.platform.security;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The person behind a request, as the identity provider asserted it in the token.
 *
 * @param subject the identity provider's stable id for the user (OIDC {@code sub})
 * @param username the login name ({@code preferred_username})
 * @param email the e-mail address, or {@code null} when the identity provider sent none
 * @param displayName the full name to show, never blank
 * @param givenName the first name to greet with, never blank
 * @param identityProvider the alias of the brokered identity provider (partner organisation), or
 *     {@code null} for an account of Federa's own realm
 * @param emailVerified whether the identity provider vouches for the e-mail address
 * @param groups the groups the identity provider puts the user in ({@code groups} claim)
 * @param locale the language the user chose on the identity provider's own pages ({@code locale}
 *     claim, a language tag), or {@code null}
 */
public record AuthenticatedUser(
    String subject,
    String username,
    String email,
    String displayName,
    String givenName,
    String identityProvider,
    boolean emailVerified,
    List<String> groups,
    String locale)
    implements Serializable {

  public AuthenticatedUser {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    displayName = firstNonBlank(displayName, username);
    givenName = firstNonBlank(givenName, displayName);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** A user who chose no language at the identity provider. */
  public AuthenticatedUser(
      String subject,
      String username,
      String email,
      String displayName,
      String givenName,
      String identityProvider,
      boolean emailVerified,
      List<String> groups) {
    this(
        subject,
        username,
        email,
        displayName,
        givenName,
        identityProvider,
        emailVerified,
        groups,
        null);
  }

  /** A user whose e-mail address is not verified and who is in no group. */
  public AuthenticatedUser(
      String subject,
      String username,
      String email,
      String displayName,
      String givenName,
      String identityProvider) {
    this(subject, username, email, displayName, givenName, identityProvider, false, List.of());
  }

  /** The domain of a verified e-mail address, lower case; empty when unverified or absent. */
  public String verifiedEmailDomain() {
    if (!emailVerified || email == null || email.indexOf('@') < 0) {
      return "";
    }
    return email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
  }

  private static String firstNonBlank(String preferred, String fallback) {
    return preferred == null || preferred.isBlank() ? fallback : preferred.trim();
  }
}
