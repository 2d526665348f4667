package eu.federa.platform.metrics;

import eu.federa.platform.persistence.QueryCounter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * How long the portal takes to answer, by page and API endpoint ({@code
 * federa_http_requests_seconds}, and {@code federa_http_requests_le_total} for percentiles): the
 * route is the page ({@code /order.xhtml}) or the API path with its ids written {@code {id}}
 * ({@code /api/v1/tenants/{id}/orders}; the query is not part of it), so that the number of series
 * stays that of the routes; the portal's static resources are not counted, and answers 404 count
 * under one route ({@code unknown}) whatever was asked for. Also the SQL statements each route cost
 * ({@code federa_http_request_queries_total}, counted by {@link QueryCounter}): divided by the
 * requests, a route's queries per request.
 */
public class RequestMetrics extends HttpFilter {

  @Inject Meters meters;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")) {
      chain.doFilter(request, response);
      return;
    }
    long started = System.nanoTime();
    QueryCounter.start();
    try {
      chain.doFilter(request, response);
    } finally {
      int queries = QueryCounter.stop();
      int status = response.getStatus();
      String route = status == 404 ? "unknown" : route(path);
      String method = method(request.getMethod());
      meters.timeInBuckets(
          "federa.http.requests",
          Duration.ofNanos(System.nanoTime() - started),
          "route",
          route,
          "method",
          method,
          "status",
          status / 100 + "xx");
      meters.count("federa.http.request.queries", queries, "route", route, "method", method);
    }
  }

  /**
   * The route of {@code path}: a segment with a digit in it is an id (a number, a token), except a
   * version ({@code v1}) and a page ({@code 403.xhtml}).
   */
  static String route(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return "/";
    }
    StringBuilder route = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      boolean id =
          segment.chars().anyMatch(Character::isDigit)
              && !segment.matches("v\\d+")
              && !segment.endsWith(".xhtml");
      route.append('/').append(id ? "{id}" : segment);
    }
    return route.toString();
  }

  private static String method(String method) {
    return switch (method) {
      case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" -> method;
      default -> "other";
    };
  }
}
