package eu.federa.platform.metrics;

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
 * under one route ({@code unknown}) whatever was asked for.
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
    try {
      chain.doFilter(request, response);
    } finally {
      int status = response.getStatus();
      meters.timeInBuckets(
          "federa.http.requests",
          Duration.ofNanos(System.nanoTime() - started),
          "route",
          status == 404 ? "unknown" : route(path),
          "method",
          method(request.getMethod()),
          "status",
          status / 100 + "xx");
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
