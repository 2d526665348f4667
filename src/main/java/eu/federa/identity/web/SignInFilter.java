package eu.federa.identity.web;

import eu.federa.identity.UserAccountService;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.OidcRequests;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** Records the first request of each signed-in session as a sign-in of the portal account. */
@WebFilter(urlPatterns = "*.xhtml")
public class SignInFilter extends HttpFilter {

  @Inject UserAccountService accounts;
  @Inject SignedInAccount signedIn;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<AuthenticatedUser> user = OidcRequests.user(request);
    if (user.isPresent() && !signedIn.isFor(user.get().subject())) {
      signedIn.remember(accounts.recordSignIn(user.get()));
    }
    chain.doFilter(request, response);
  }
}
