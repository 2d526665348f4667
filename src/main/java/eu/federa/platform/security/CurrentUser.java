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

  @Inject HttpServletRequest request;

  private AuthenticatedUser user;
  private boolean platformAdmin;

  @PostConstruct
  void load() {
    try {
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
