package eu.federa.platform.log;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * What the log lines of the work in hand belong to: the tenant, the order and the incident, kept in
 * WildFly's mapped diagnostic context (MDC) of the thread, which every line's format prints ({@code
 * %X} in the text format, {@code mdc} in JSON; wildfly-config/logging.cli). A request gets its
 * context from {@link RequestLogContext}, an order's step from the saga; a use case that learns the
 * tenant on the way (the tenant gate) adds it with {@link #put}.
 *
 * <p>Opened with {@link #with}, closed by try-with-resources: closing puts back what each key held
 * before, so a pooled thread carries nothing into its next work.
 */
public final class LogContext implements AutoCloseable {

  public static final String TENANT = "tenant";
  public static final String ORDER = "order";
  public static final String INCIDENT = "incident";

  private final Map<String, Object> previous = new LinkedHashMap<>();

  private LogContext() {}

  /** A context in which {@code key} is {@code value} (null: absent) until it is closed. */
  public static LogContext with(String key, Object value) {
    return new LogContext().and(key, value);
  }

  /** {@code key} is {@code value} (null: absent) too, until this context is closed. */
  public LogContext and(String key, Object value) {
    if (!previous.containsKey(key)) {
      previous.put(key, MDC.get(key));
    }
    put(key, value);
    return this;
  }

  /**
   * {@code key} is {@code value} (null: absent) for the rest of the work in hand: the context that
   * the request or the job opened puts back what was there before when it ends.
   */
  public static void put(String key, Object value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, String.valueOf(value));
    }
  }

  /** What {@code key} is now, or null. */
  public static String get(String key) {
    Object value = MDC.get(key);
    return value == null ? null : value.toString();
  }

  @Override
  public void close() {
    previous.forEach(LogContext::put);
  }
}
