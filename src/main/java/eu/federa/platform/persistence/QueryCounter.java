package eu.federa.platform.persistence;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate sends on the current thread (set as the persistence unit's
 * statement inspector), so that a request can tell how many queries it cost: {@code RequestMetrics}
 * starts the count when a request comes in and adds it to {@code federa_http_request_queries_total}
 * of its route. A page whose count grows with the rows it shows asks the database once a row (an
 * "N+1").
 */
public class QueryCounter implements StatementInspector {

  private static final long serialVersionUID = 1L;

  private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

  /** Starts counting on this thread; what was counted before is dropped. */
  public static void start() {
    COUNT.set(new int[1]);
  }

  /** The statements since {@link #start}, and stops counting; 0 when not counting. */
  public static int stop() {
    int[] count = COUNT.get();
    COUNT.remove();
    return count == null ? 0 : count[0];
  }

  @Override
  public String inspect(String sql) {
    return counted(sql);
  }

  /** Counts a statement sent without Hibernate ({@link UnionReads}). */
  public static String counted(String sql) {
    int[] count = COUNT.get();
    if (count != null) {
      count[0]++;
    }
    return sql;
  }
}
