package eu.federa.platform.persistence;

import java.sql.SQLException;

/**
 * Recognises a transaction the database rolled back because another one changed the same rows at
 * the same moment: a deadlock's victim (MariaDB error 1213, SQL state 40001), a lock wait that
 * timed out (1205), or, on MariaDB Galera, a write set that failed certification against one
 * committed on another node (reported as the same 1213). Nothing of such a transaction was written,
 * so running it again is safe; a person is told to try again rather than shown an incident.
 */
public final class TransactionConflicts {

  private TransactionConflicts() {}

  /**
   * Whether {@code error}, or one of its causes, says the connection to the database broke (SQL
   * state class 08): the database server went away or, on Galera, the proxy moved the writes to
   * another node. Whether a transaction that was committing got through is unknown.
   */
  public static boolean connectionLost(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code error}, or one of its causes, says the transaction lost to another one. */
  public static boolean lostToAnother(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == 1213
              || sql.getErrorCode() == 1205
              || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
