package eu.federa.tenancy.web;

import eu.federa.platform.http.ApiRefusal;
import eu.federa.platform.security.CurrentUser;
import eu.federa.tenancy.ServiceAccounts;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The door of scripts: {@code /federa/script-api/v1/...} is the REST API of {@code
 * /federa/api/v1/...}, called with a service account's token ({@code Authorization: Bearer
 * fsa-...}) instead of a Keycloak login. The gate checks the token against the database on every
 * call (a revoked or expired account is refused at once, 401) and hands the request to the same
 * resources, acting as the account; nothing else on this path signs anyone in, not even a browser's
 * session. The web.xml leaves the path to this gate (Keycloak's login does not apply here).
 */
@WebFilter(
    urlPatterns = CurrentUser.SCRIPT_API_PATH + "/*",
    dispatcherTypes = DispatcherType.REQUEST,
    asyncSupported = true)
public class ScriptApiGate extends HttpFilter {

  /** Where scripts call the API, under the portal's context path. */
  public static final String PATH = CurrentUser.SCRIPT_API_PATH;

  private static final String BEARER = "Bearer ";

  private static final java.util.regex.Pattern API_PATH =
      java.util.regex.Pattern.compile("/v1/[A-Za-z0-9._\\-/]+");

  @Inject ServiceAccounts accounts;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String rest =
        request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
    // Only plain API paths: no dot segments, escapes or parameters that could lead the forward
    // anywhere but the API.
    if (!API_PATH.matcher(rest).matches() || rest.contains("/.")) {
      ApiRefusal.send(
          request, response, HttpServletResponse.SC_NOT_FOUND, "serviceAccount.api.notFound");
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"federa\"");
      ApiRefusal.send(
          request, response, HttpServletResponse.SC_UNAUTHORIZED, "serviceAccount.api.noToken");
      return;
    }
    ServiceAccounts.Authentication authentication;
    try {
      authentication = accounts.authenticate(header.substring(BEARER.length()).trim());
    } catch (RuntimeException e) {
      if (ApiRefusal.databaseTrouble(request, response, e)) {
        return;
      }
      throw e;
    }
    if (authentication.user() == null) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"federa\", error=\"invalid_token\"");
      ApiRefusal.send(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "serviceAccount.api."
              + authentication.refusal().name().toLowerCase(java.util.Locale.ROOT));
      return;
    }
    request.setAttribute(CurrentUser.SERVICE_ACCOUNT_ATTRIBUTE, authentication.user());
    // A forward keeps the method, headers, body and query string; web.xml's constraints apply to
    // the address the caller asked for (this one), not to the one it is forwarded to.
    request.getServletContext().getRequestDispatcher("/api" + rest).forward(request, response);
  }
}
