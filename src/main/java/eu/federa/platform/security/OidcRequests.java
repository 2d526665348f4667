package eu.federa.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.wildfly.security.http.oidc.IDToken;
import org.wildfly.security.http.oidc.JsonWebToken;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/** Reads what WildFly's OIDC client attached to a request; the only place that knows its types. */
public final class OidcRequests {

  /** Keycloak adds this claim to tokens of users who came through a brokered identity provider. */
  static final String IDENTITY_PROVIDER_CLAIM = "identity_provider";

  static final String EMAIL_VERIFIED_CLAIM = "email_verified";

  /**
   * The language the user picked on Keycloak's own pages (its "locale" mapper of the profile
   * scope).
   */
  static final String LOCALE_CLAIM = "locale";

  static final String GROUPS_CLAIM = "groups";

  private OidcRequests() {}

  /**
   * The signed-in user: from the ID token of a browser session, or from the access token of an API
   * call that brought a bearer token (it carries the same claims).
   */
  public static Optional<AuthenticatedUser> user(HttpServletRequest request) {
    return securityContext(request)
        .map(
            context ->
                context.getIDToken() != null
                    ? (JsonWebToken) context.getIDToken()
                    : context.getToken())
        .map(
            token ->
                new AuthenticatedUser(
                    token.getSubject(),
                    claim(token, IDToken.PREFERRED_USERNAME),
                    claim(token, IDToken.EMAIL),
                    claim(token, IDToken.NAME),
                    claim(token, IDToken.GIVEN_NAME),
                    claim(token, IDENTITY_PROVIDER_CLAIM),
                    "true".equalsIgnoreCase(claim(token, EMAIL_VERIFIED_CLAIM)),
                    groups(token),
                    claim(token, LOCALE_CLAIM)));
  }

  /** The raw ID token and its issuer, needed to end the session at the identity provider. */
  public static Optional<IdTokenHint> idTokenHint(HttpServletRequest request) {
    return securityContext(request)
        .filter(context -> context.getIDToken() != null)
        .map(
            context ->
                new IdTokenHint(context.getIDTokenString(), context.getIDToken().getIssuer()));
  }

  private static Optional<OidcSecurityContext> securityContext(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal instanceof OidcPrincipal<?> oidc) {
      return Optional.ofNullable(oidc.getOidcSecurityContext())
          .filter(context -> context.getIDToken() != null || context.getToken() != null);
    }
    return Optional.empty();
  }

  private static String claim(JsonWebToken token, String name) {
    return token.hasClaim(name) ? token.getClaimValueAsString(name) : null;
  }

  private static List<String> groups(JsonWebToken token) {
    if (!token.hasClaim(GROUPS_CLAIM)) {
      return List.of();
    }
    // Keycloak sends full group paths ("/acme-admins") or plain names, depending on the mapper.
    return token.getStringListClaimValue(GROUPS_CLAIM).stream()
        .map(group -> group.startsWith("/") ? group.substring(1) : group)
        .toList();
  }

  /** The ID token string and the issuer (realm URL) that signed it. */
  public record IdTokenHint(String idToken, String issuer) {}
}
