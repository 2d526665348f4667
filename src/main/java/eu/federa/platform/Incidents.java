package eu.federa.platform;

import eu.federa.platform.log.LogContext;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Incident ids: the short id a user is shown with an unexpected error and the log line carries, so
 * that an operator finds one from the other. Pages, the API and background work share it.
 */
public final class Incidents {

  private Incidents() {}

  /**
   * The incident id of the work in hand, which every log line of it carries (a request's or an
   * order step's; platform.log.LogContext), or a new one outside any.
   */
  public static String current() {
    String id = LogContext.get(LogContext.INCIDENT);
    return id != null ? id : newId();
  }

  /**
   * Logs {@code failure} as a warning under a new incident id, which the line carries as every
   * request's does ({@code {incident=3f9c0a1e}}), and returns the id: background work that gives up
   * or tries again tells its reader the id, not the failure's own text.
   */
  public static String logged(Logger log, String message, Throwable failure) {
    String id = newId();
    try (LogContext incident = LogContext.with(LogContext.INCIDENT, id)) {
      log.log(Level.WARNING, message, failure);
    }
    return id;
  }

  /** A new id: eight hexadecimal digits. */
  public static String newId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
