package eu.federa.tenancy.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The address in invitation messages, {@code /join/<token>}. The token is in the path because
 * WildFly's OIDC client drops the query string of the page it sends a signed-out user back to after
 * login; once signed in, the invitation page gets the token as its parameter.
 */
@WebServlet("/join/*")
public class InvitationLinkServlet extends HttpServlet {

  /** The path of invitation links below the portal's address. */
  public static final String PATH = "/join/";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String token =
        request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
    response.sendRedirect(
        request.getContextPath()
            + "/invitation.xhtml?token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }
}
