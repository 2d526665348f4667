package eu.federa.testsupport;

import eu.federa.platform.security.CurrentUser;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * In in-container tests nobody signs in through Keycloak; this caller stands in for the signed-in
 * user, a platform admin unless a test says otherwise. (The real role check is covered by the
 * browser tests.)
 */
@Alternative
@Priority(1000)
@RequestScoped
public class PlatformAdminCaller extends CurrentUser {

  public static volatile boolean platformAdmin = true;

  @Override
  public boolean isPlatformAdmin() {
    return platformAdmin;
  }
}
