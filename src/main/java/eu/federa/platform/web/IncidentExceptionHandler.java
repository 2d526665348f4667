package eu.federa.platform.web;

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
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every exception a page action or render lets through, in full-page and Ajax requests alike: the
 * stack trace goes to the log under a short incident id, the user is sent to the error page that
 * shows that id (or to the "page expired" page). Users never see exception texts.
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
      ExternalContext external = faces.getExternalContext();
      String target;
      if (root(error) instanceof ViewExpiredException) {
        target = "/error/expired.xhtml";
      } else {
        String incident = newIncidentId();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + faces.getViewRoot(), error);
        target = "/error/500.xhtml?incident=" + incident;
      }
      try {
        if (!external.isResponseCommitted()) {
          external.redirect(external.getRequestContextPath() + target);
        }
        faces.responseComplete();
      } catch (IOException e) {
        throw new FacesException(e);
      }
    }
    getWrapped().handle();
  }

  static String newIncidentId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Throwable root(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && !(t instanceof ViewExpiredException)) {
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
