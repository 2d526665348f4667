package eu.federa.platform.web;

import eu.federa.platform.Incidents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs the error pages. The user sees a plain message and an incident id; the exception, with the
 * same id, goes to the server log only.
 */
@Named
@RequestScoped
public class ErrorPage {

  private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

  @Inject HttpServletRequest request;

  private String incidentId;

  @PostConstruct
  void load() {
    String fromRedirect = request.getParameter("incident");
    if (fromRedirect != null && fromRedirect.matches("[0-9a-f]{8}")) {
      incidentId = fromRedirect; // logged by IncidentExceptionHandler
      return;
    }
    Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (error instanceof Throwable throwable) {
      incidentId = Incidents.current();
      LOG.log(
          Level.SEVERE,
          "Incident "
              + incidentId
              + " on "
              + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          throwable);
    }
  }

  public String getIncidentId() {
    return incidentId;
  }
}
