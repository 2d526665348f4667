package eu.federa.platform.security;

import eu.federa.platform.http.PublicUrl;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Signs the user out of the portal and of Keycloak (RP-initiated logout), then lands on the public
 * "signed out" page. Only POST signs out, so that a link or an image elsewhere cannot.
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

  static final String SIGNED_OUT_PAGE = "/signed-out.xhtml";

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<OidcRequests.IdTokenHint> hint = OidcRequests.idTokenHint(request);
    try {
      request.logout();
    } catch (ServletException e) {
      log("Local logout failed; the session is invalidated anyway", e);
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    String signedOut = PublicUrl.of(request) + SIGNED_OUT_PAGE;
    response.sendRedirect(hint.map(h -> endSessionUrl(h, signedOut)).orElse(signedOut));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + "/");
  }

  static String endSessionUrl(OidcRequests.IdTokenHint hint, String postLogoutRedirect) {
    return hint.issuer()
        + "/protocol/openid-connect/logout?id_token_hint="
        + URLEncoder.encode(hint.idToken(), StandardCharsets.UTF_8)
        + "&post_logout_redirect_uri="
        + URLEncoder.encode(postLogoutRedirect, StandardCharsets.UTF_8);
  }
}
