package eu.federa.tenancy.web;

import eu.federa.platform.web.ReturnPath;
import eu.federa.tenancy.TenantAccess;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The header's organisation switch, a plain form with the session's form token like the language
 * menu: the user works in another of their organisations from the dashboard on. An organisation
 * they are not a member of is not found (404), and the selection is unchanged.
 */
@WebServlet(OrganisationSwitchServlet.PATH)
public class OrganisationSwitchServlet extends HttpServlet {

  public static final String PATH = "/organisation";

  @Inject TenantAccess access;
  @Inject TenantSelection selection;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long tenantId;
    try {
      tenantId = Long.parseLong(String.valueOf(request.getParameter("tenant")).trim());
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Not an organisation");
      return;
    }
    boolean member = access.mine().stream().anyMatch(m -> m.tenantId() == tenantId);
    if (!member) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    selection.select(tenantId);
    response.sendRedirect(request.getContextPath() + ReturnPath.HOME);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + ReturnPath.HOME);
  }
}
