package eu.federa.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The signed-in user of this request, for pages and services. */
@Named
@RequestScoped
public class CurrentUser {

  /** The global role of the federation's operators, granted in Keycloak. */
  public static final String PLATFORM_ADMIN = "platform-admin";

  /**
   * Request attribute holding the {@link AuthenticatedUser} a service account's token stands for,
   * set by the gate of the scripts' API once it checked the token. When present it is the caller,
   * whatever else the request carries (a browser session's cookie counts for nothing there); a
   * service account is never a platform admin.
   */
  public static final String SERVICE_ACCOUNT_ATTRIBUTE = "eu.federa.serviceAccount";

  /** Where scripts call the API (under the context path): only a service account signs in there. */
  public static final String SCRIPT_API_PATH = "/script-api";

  @Inject HttpServletRequest request;

  private AuthenticatedUser user;
  private boolean platformAdmin;
  private boolean serviceAccount;

  @PostConstruct
  void load() {
    try {
      if (request.getAttribute(SERVICE_ACCOUNT_ATTRIBUTE) instanceof AuthenticatedUser script) {
        user = script;
        platformAdmin = false;
        serviceAccount = true;
        return;
      }
      if (request.getRequestURI().startsWith(request.getContextPath() + SCRIPT_API_PATH + "/")) {
        user = null; // the gate has not let the call in (yet): nobody, whatever else it carries
        platformAdmin = false;
        return;
      }
      user = OidcRequests.user(request).orElse(null);
      platformAdmin = user != null && request.isUserInRole(PLATFORM_ADMIN);
    } catch (IllegalStateException | ContextNotActiveException e) {
      // A request context without an HTTP request (background work): nobody is signed in.
      user = null;
      platformAdmin = false;
    }
  }

  public Optional<AuthenticatedUser> user() {
    return Optional.ofNullable(user);
  }

  public boolean isSignedIn() {
    return user != null;
  }

  public String getDisplayName() {
    return user == null ? "" : user.displayName();
  }

  public String getGivenName() {
    return user == null ? "" : user.givenName();
  }

  public String getEmail() {
    return user == null ? "" : user.email();
  }

  /** Whether the caller is a service account (a script with its token), not a person. */
  public boolean isServiceAccount() {
    return serviceAccount;
  }

  public boolean isPlatformAdmin() {
    return platformAdmin;
  }

  /** For services: refuses callers who are not platform admins. */
  public void requirePlatformAdmin() {
    if (!isPlatformAdmin()) {
      throw new AccessDeniedException("Only platform admins may do this");
    }
  }
}
