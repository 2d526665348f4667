package eu.federa.platform.web;

import eu.federa.platform.Incidents;
import eu.federa.platform.persistence.TransactionConflicts;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.NotFoundException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every exception a page action or render lets through, in full-page and Ajax requests alike: the
 * stack trace goes to the log under a short incident id, the user is sent to the error page that
 * shows that id. Refused access and ids the caller may not see get the 403 and 404 pages, an
 * expired view the "page expired" page. Users never see exception texts.
 */
public class IncidentExceptionHandler extends ExceptionHandlerWrapper {

  private static final Logger LOG = Logger.getLogger(IncidentExceptionHandler.class.getName());

  public IncidentExceptionHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
    if (faces != null && events.hasNext()) {
      Throwable error = events.next().getContext().getException();
      events.remove();
      while (events.hasNext()) { // one incident per request
        events.next();
        events.remove();
      }
      boolean lost = TransactionConflicts.lostToAnother(error);
      if ((lost || TransactionConflicts.connectionLost(error))
          && faces.getCurrentPhaseId() != jakarta.faces.event.PhaseId.RENDER_RESPONSE) {
        // Lost to a change of the same rows at the same moment (nothing was written), or the
        // database went away under the action: the page is shown again with the form as it was,
        // saying so.
        LOG.log(
            lost ? Level.INFO : Level.WARNING,
            "Action on "
                + faces.getViewRoot()
                + (lost ? " lost to a concurrent change" : " lost its database connection"),
            error);
        FormMessages.error(lost ? "api.error.retry" : "api.error.databaseLost");
        faces.validationFailed();
        getWrapped().handle();
        return;
      }
      ExternalContext external = faces.getExternalContext();
      String target;
      Throwable root = root(error);
      Integer status = null;
      if (root instanceof ViewExpiredException) {
        target = "/error/expired.xhtml";
      } else if (root instanceof AccessDeniedException denied) {
        // A role or membership withdrawn since the page was opened lands here on the next click.
        LOG.info(() -> "Access denied on " + faces.getViewRoot() + ": " + root.getMessage());
        if (denied.refusalReason() != null) {
          external.getRequestMap().put("federa.refusal", denied.refusalReason());
          target = "/error/403.xhtml?reason=" + denied.refusalReason();
        } else {
          target = "/error/403.xhtml";
        }
        status = 403;
      } else if (root instanceof NotFoundException notFound && notFound.refusalReason() != null) {
        external.getRequestMap().put("federa.refusal", notFound.refusalReason());
        target = "/error/403.xhtml?reason=" + notFound.refusalReason();
        status = 403;
      } else if (root instanceof NotFoundException) {
        target = "/error/404.xhtml";
        status = 404;
      } else if (root instanceof org.primefaces.csp.CspException) {
        // A postback without the nonce of the page it claims to come from: forged on another
        // site or replayed (PrimeFaces' CSP mode checks it). Refused, not an incident of ours.
        LOG.warning(() -> "Postback refused on " + faces.getViewRoot() + ": " + root.getMessage());
        target = "/error/403.xhtml";
        status = 403;
      } else {
        String incident = Incidents.current();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + faces.getViewRoot(), error);
        target = "/error/500.xhtml?incident=" + incident;
      }
      try {
        if (!external.isResponseCommitted()) {
          if (status != null && !faces.getPartialViewContext().isAjaxRequest()) {
            external.responseSendError(status, null);
          } else {
            external.redirect(external.getRequestContextPath() + target);
          }
        }
        faces.responseComplete();
      } catch (IOException e) {
        throw new FacesException(e);
      }
    }
    getWrapped().handle();
  }

  private static Throwable root(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null
        && !(t instanceof ViewExpiredException)
        && !(t instanceof AccessDeniedException)
        && !(t instanceof NotFoundException)
        && !(t instanceof org.primefaces.csp.CspException)) {
      t = t.getCause();
    }
    return t;
  }

  /** Registered in faces-config.xml. */
  public static class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new IncidentExceptionHandler(getWrapped().getExceptionHandler());
    }
  }
}
