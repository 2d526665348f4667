package eu.federa.platform.log;

import eu.federa.platform.Incidents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every request's log lines carry an incident id from the start, the one the user is shown if the
 * request fails ({@link Incidents#current}), so an operator finds every line of that request from
 * it; and the order the API's path names ({@code /api/v1/tenants/7/orders/42}). The tenant is added
 * by the tenant gate once the caller's membership is checked, never taken from the path (a path
 * names what was asked for, not what the caller may see). First of the filters (web.xml), so that
 * the others' lines carry it too.
 */
public class RequestLogContext extends HttpFilter {

  private static final String INCIDENT_ATTRIBUTE = RequestLogContext.class.getName() + ".incident";
  private static final Pattern ORDER = Pattern.compile("/orders/(\\d{1,18})(?:/|$)");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI();
    // An error page's dispatch is the same request: the same incident.
    Object incident = request.getAttribute(INCIDENT_ATTRIBUTE);
    if (incident == null) {
      incident = Incidents.newId();
      request.setAttribute(INCIDENT_ATTRIBUTE, incident);
    }
    try (LogContext context =
        LogContext.with(LogContext.INCIDENT, incident)
            .and(LogContext.TENANT, null)
            .and(LogContext.ORDER, orderIn(path))) {
      chain.doFilter(request, response);
    }
  }

  /** The order id the path names ({@code .../orders/42...}), or null. */
  static String orderIn(String path) {
    Matcher m = ORDER.matcher(path == null ? "" : path);
    return m.find() ? m.group(1) : null;
  }
}
