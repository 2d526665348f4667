package eu.federa.platform;

import eu.federa.platform.log.LogContext;
import java.util.UUID;

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

  /** A new id: eight hexadecimal digits. */
  public static String newId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
