package eu.federa.identity.web;

import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.web.ReturnPath;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The header's language menu: a plain form (no Faces view behind it, so the header costs every page
 * nothing to build or save) that posts the chosen language here with the session's form token
 * ({@code CrossSiteRequests} checks it). The choice is kept for the session, in the browser and in
 * the account, and the user is sent back to the page they were on, now in that language.
 */
@WebServlet(LanguageServlet.PATH)
public class LanguageServlet extends HttpServlet {

  public static final String PATH = "/language";

  @Inject LanguagePreference language;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Locale> chosen = SupportedLanguages.match(request.getParameter("lang"));
    if (chosen.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not a language of the portal");
      return;
    }
    language.choose(chosen.get(), request, response);
    response.sendRedirect(
        request.getContextPath() + ReturnPath.checked(request.getParameter("back")));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + ReturnPath.HOME);
  }
}
