package eu.federa.testsupport;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Optional;

/**
 * In in-container tests nobody signs in through Keycloak; this caller stands in for the signed-in
 * user, a platform admin unless a test says otherwise, except in a call of a service account that
 * the scripts' gate let in. (The real role check is covered by the browser tests.)
 */
@Alternative
@Priority(1000)
@RequestScoped
public class PlatformAdminCaller extends CurrentUser {

  public static volatile boolean platformAdmin = true;

  /** Who is signed in; tests switch between requester and admin. */
  public static volatile AuthenticatedUser user = olivia();

  private static AuthenticatedUser olivia() {
    return new AuthenticatedUser(
        "it-admin", "olivia", "olivia@federa.example", "Olivia Martin", "Olivia", null);
  }

  /**
   * Back to the platform admin Olivia, before each test: the in-container tests share one
   * deployment, so what one test class set must not reach the next.
   */
  public static void reset() {
    platformAdmin = true;
    user = olivia();
    onThisThread.remove();
  }

  /**
   * Who is signed in on this thread only, when set: racing requests of two different people (two
   * admins demoting each other). Cleared by the thread that set it.
   */
  public static final ThreadLocal<AuthenticatedUser> onThisThread = new ThreadLocal<>();

  @Override
  public boolean isPlatformAdmin() {
    return !isServiceAccount() && platformAdmin;
  }

  /** A request the scripts' gate let in acts as its service account, as in production. */
  @Override
  public Optional<AuthenticatedUser> user() {
    if (isServiceAccount()) {
      return super.user();
    }
    AuthenticatedUser mine = onThisThread.get();
    return Optional.ofNullable(mine != null ? mine : user);
  }
}
