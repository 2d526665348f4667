package eu.federa.platform.web;

import eu.federa.platform.config.Setting;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses a request that changes something (POST, PUT, PATCH, DELETE) when the browser says it
 * comes from another site: {@code Sec-Fetch-Site: cross-site} or {@code same-site}, or an {@code
 * Origin} other than the portal's own (the request's address, or {@code FEDERA_PUBLIC_URL})
 * (cross-site request forgery, ASVS V3.5). Browsers send both headers and a page cannot forge them;
 * a client that sends neither (curl, a script with a bearer token) is not a browser a forged page
 * could drive. This stands beside the session cookie's {@code SameSite=Lax} and Faces' view state.
 *
 * <p>A postback of a form must also carry the session's token ({@link FormTokens}), which no other
 * site can read: the defence that does not depend on what the browser reports.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class CrossSiteRequests extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(CrossSiteRequests.class.getName());

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT)) && fromAnotherSite(request)) {
      LOG.warning(
          () ->
              "Refused a cross-site "
                  + request.getMethod()
                  + " to "
                  + request.getRequestURI()
                  + " (Origin "
                  + request.getHeader("Origin")
                  + ", Sec-Fetch-Site "
                  + request.getHeader("Sec-Fetch-Site")
                  + ")");
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    if (needsFormToken(request.getMethod(), request.getServletPath())
        && !FormTokens.carriesToken(request)) {
      LOG.warning(
          () ->
              "Refused a "
                  + request.getMethod()
                  + " to "
                  + request.getRequestURI()
                  + " without its session's form token");
      refuseStaleForm(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The servlets plain forms of the portal post to: sign-out, the language and organisation menus.
   */
  private static final Set<String> FORM_SERVLETS = Set.of("/logout", "/language", "/organisation");

  /**
   * A postback of a page or of one of the header's plain forms: what a browser sends from a form of
   * the portal. The REST API is not a form target (it takes only JSON, which a form of another site
   * cannot send).
   */
  static boolean needsFormToken(String method, String path) {
    if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
      return false;
    }
    return path != null && (path.endsWith(".xhtml") || FORM_SERVLETS.contains(path));
  }

  /**
   * A form without its token was not sent from a page of this session: forged, or a page left open
   * across a sign-out. The user is told to reload the page; an Ajax postback is sent to the same
   * message, since Faces' script ignores an error status.
   */
  private static void refuseStaleForm(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      response.setContentType("text/xml");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                  + request.getContextPath()
                  + STALE_FORM_PAGE
                  + "\"/></partial-response>");
      return;
    }
    request.setAttribute("federa.refusal", STALE_FORM);
    response.sendError(HttpServletResponse.SC_FORBIDDEN);
  }

  static final String STALE_FORM = "stale-form";

  private static final String STALE_FORM_PAGE = "/error/403.xhtml?reason=" + STALE_FORM;

  static boolean fromAnotherSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null
        && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null || origin.isBlank()) {
      return false;
    }
    if (sameOrigin(origin, request.getScheme(), request.getServerName(), request.getServerPort())) {
      return false;
    }
    // Behind a proxy that rewrites the Host header, the request's own address is the internal
    // one: the address users reach the portal at is FEDERA_PUBLIC_URL.
    return !samePublicOrigin(origin, Setting.PUBLIC_URL.value());
  }

  /** Whether {@code origin} is the scheme, host and port of {@code publicUrl} (blank: no). */
  static boolean samePublicOrigin(String origin, String publicUrl) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return false;
    }
    try {
      URI base = URI.create(publicUrl.trim());
      if (base.getScheme() == null || base.getHost() == null) {
        return false;
      }
      int port = base.getPort() != -1 ? base.getPort() : defaultPort(base.getScheme());
      return sameOrigin(origin, base.getScheme(), base.getHost(), port);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code origin} is scheme://host[:port] of the request as the portal received it. */
  static boolean sameOrigin(String origin, String scheme, String host, int port) {
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return false; // "null" (a sandboxed frame, a file) or garbage
      }
      int originPort = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
      return uri.getScheme().equalsIgnoreCase(scheme)
          && uri.getHost().equalsIgnoreCase(host)
          && originPort == port;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
