package eu.federa.identity.web;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.http.ApiRefusal;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CallerStanding;
import eu.federa.platform.security.OidcRequests;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Records the first request of each signed-in session as a sign-in, and refuses every request of a
 * user a platform admin has disabled, from the very next request on (not at token expiry).
 */
@WebFilter(urlPatterns = {"*.xhtml", "/api/*", LanguageServlet.PATH, "/organisation"})
public class SignInFilter extends HttpFilter {

  /** Request attribute the 403 page reads to explain a refusal. */
  @Inject UserAccountService accounts;

  @Inject SignedInAccount signedIn;
  @Inject CallerStanding standing;
  @Inject AuditLog audit;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<AuthenticatedUser> user = OidcRequests.user(request);
    if (user.isPresent()) {
      boolean disabled;
      try {
        disabled = disabled(user.get(), request, response);
      } catch (RuntimeException e) {
        if (isApi(request) && ApiRefusal.databaseTrouble(request, response, e)) {
          return;
        }
        throw e;
      }
      if (disabled) {
        audit.refused(
            AuditAction.ACCESS_REFUSED,
            null,
            user.get().username(),
            AuditOutcome.DENIED,
            AuditDetail.ACCOUNT_DISABLED.text(request.getRequestURI()));
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        refuseDisabled(request, response);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** Records the session's first request as a sign-in; whether the account is disabled. */
  private boolean disabled(
      AuthenticatedUser user, HttpServletRequest request, HttpServletResponse response) {
    if (!signedIn.isFor(user.subject())) {
      signedIn.remember(accounts.recordSignIn(user));
      if (signedIn.account().preferredLocale() != null) {
        LanguageCookie.write(request, response, signedIn.account().preferredLocale());
      }
      return signedIn.account().disabled();
    }
    return standing.disabled(user.subject());
  }

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  /**
   * The refusal of a disabled account, answered without rendering a page in this request: a page
   * rendered after the session's invalidation would open a new session in the same request, which
   * the cluster's session manager never closes (the node then waits a minute for it when it stops).
   * A page's request is sent to the explanation; an API call gets the API's 403 body.
   */
  static void refuseDisabled(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!isApi(request)) {
      response.sendRedirect(request.getContextPath() + "/error/403.xhtml?reason=disabled");
      return;
    }
    ApiRefusal.send(request, response, HttpServletResponse.SC_FORBIDDEN, "error.403.disabled.text");
  }
}
