package eu.federa.platform;

import java.util.UUID;

/**
 * Incident ids: the short id a user is shown with an unexpected error and the log line carries, so
 * that an operator finds one from the other. Pages, the API and background work share it.
 */
public final class Incidents {

  private Incidents() {}

  /** A new id: eight hexadecimal digits. */
  public static String newId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
