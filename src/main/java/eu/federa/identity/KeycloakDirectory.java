package eu.federa.identity;

import eu.federa.platform.config.Setting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Federa's hands in Keycloak: the service account of the {@code federa-admin} client (realm roles
 * of {@code realm-management}: view and manage users, view identity providers). Its realm and
 * server come from the portal's OIDC provider URL; its secret from {@code
 * KEYCLOAK_ADMIN_CLIENT_SECRET}. Without a secret, Keycloak administration is off and the methods
 * say so.
 */
@ApplicationScoped
public class KeycloakDirectory {

  private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class.getName());

  private Keycloak keycloak;
  private String realm;

  /** Whether a service-account secret is configured. */
  public boolean isConfigured() {
    return !Setting.KEYCLOAK_ADMIN_CLIENT_SECRET.value().isBlank();
  }

  /** The identity providers users can log in with (aliases and display names). */
  public List<IdentityProviderInfo> identityProviders() {
    return realm().identityProviders().findAll().stream()
        .map(
            idp ->
                new IdentityProviderInfo(
                    idp.getAlias(),
                    idp.getDisplayName() == null ? idp.getAlias() : idp.getDisplayName(),
                    idp.isEnabled()))
        .toList();
  }

  /**
   * Enables or disables the user's Keycloak account; disabling also ends their Keycloak sessions,
   * so no new token is issued.
   *
   * @throws KeycloakUnavailableException when Keycloak administration is off or fails
   */
  public void setEnabled(String subject, boolean enabled) {
    try {
      UserResource user = realm().users().get(subject);
      UserRepresentation representation = user.toRepresentation();
      representation.setEnabled(enabled);
      user.update(representation);
      if (!enabled) {
        user.logout();
      }
    } catch (KeycloakUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warning(() -> "Keycloak did not change user " + subject + ": " + e);
      throw new KeycloakUnavailableException(e);
    }
  }

  /**
   * Sets the language of the user's Keycloak pages (the user attribute {@code locale}, which
   * Keycloak's login and account pages follow and put back in tokens).
   *
   * @throws KeycloakUnavailableException when Keycloak administration is off or fails
   */
  public void setLocale(String subject, String languageTag) {
    try {
      UserResource user = realm().users().get(subject);
      UserRepresentation representation = user.toRepresentation();
      representation.singleAttribute("locale", languageTag);
      user.update(representation);
    } catch (KeycloakUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warning(() -> "Keycloak did not take the language of user " + subject + ": " + e);
      throw new KeycloakUnavailableException(e);
    }
  }

  /** Whether Keycloak knows the user and lets them log in. */
  public boolean isEnabled(String subject) {
    try {
      return Boolean.TRUE.equals(realm().users().get(subject).toRepresentation().isEnabled());
    } catch (RuntimeException e) {
      throw e instanceof KeycloakUnavailableException k ? k : new KeycloakUnavailableException(e);
    }
  }

  private synchronized RealmResource realm() {
    if (!isConfigured()) {
      throw new KeycloakUnavailableException(null);
    }
    if (keycloak == null) {
      String providerUrl = Setting.OIDC_PROVIDER_URL.value();
      int realms = providerUrl.indexOf("/realms/");
      if (realms < 0) {
        throw new KeycloakUnavailableException(null);
      }
      realm = providerUrl.substring(realms + "/realms/".length()).replaceAll("/+$", "");
      keycloak =
          KeycloakBuilder.builder()
              .serverUrl(providerUrl.substring(0, realms))
              .realm(realm)
              .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
              .clientId(Setting.KEYCLOAK_ADMIN_CLIENT_ID.value())
              .clientSecret(Setting.KEYCLOAK_ADMIN_CLIENT_SECRET.value())
              .build();
    }
    return keycloak.realm(realm);
  }

  @PreDestroy
  synchronized void close() {
    if (keycloak != null) {
      keycloak.close();
    }
  }

  /** An identity provider of the realm. */
  public record IdentityProviderInfo(String alias, String displayName, boolean enabled)
      implements Serializable {}
}
