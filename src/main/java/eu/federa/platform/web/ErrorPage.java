package eu.federa.platform.web;

import eu.federa.platform.Incidents;
import eu.federa.platform.persistence.TransactionConflicts;
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
  private String reason;

  @PostConstruct
  void load() {
    String fromRedirect = request.getParameter("incident");
    if (fromRedirect != null && fromRedirect.matches("[0-9a-f]{8}")) {
      incidentId = fromRedirect; // logged by IncidentExceptionHandler
      return;
    }
    Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (error instanceof Throwable throwable
        && (TransactionConflicts.connectionLost(throwable)
            || TransactionConflicts.lostToAnother(throwable))) {
      // Not an incident of ours: the database went away (a fail-over), or another change won.
      boolean lost = TransactionConflicts.lostToAnother(throwable);
      reason = lost ? "api.error.retry" : "api.error.databaseLost";
      var external = jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
      external.setResponseStatus(lost ? 409 : 503);
      if (!lost) {
        external.setResponseHeader("Retry-After", "5");
      }
      LOG.log(
          Level.WARNING,
          "Request "
              + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
              + (lost ? " lost to a concurrent change" : " lost its database connection"),
          throwable);
      return;
    }
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

  /** The message key of a failure that is no incident (the database went away); else null. */
  public String getReason() {
    return reason;
  }

  public String getIncidentId() {
    return incidentId;
  }
}
