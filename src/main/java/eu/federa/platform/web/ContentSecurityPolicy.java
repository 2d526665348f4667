package eu.federa.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * One Content-Security-Policy on every answer of the portal. The policy is web.xml's {@code
 * primefaces.CSP_POLICY} (scripts only from the portal itself, nothing from other origins). Pages
 * rendered by Faces get it from PrimeFaces with the response's nonce added to script-src; here it
 * is set first for every other answer (API, resources, redirects, error dispatches), and the one
 * PrimeFaces writes then replaces it instead of standing beside it (two policies would both have to
 * pass, and the nonce'd scripts would fail the one without the nonce).
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR},
    asyncSupported = true)
public class ContentSecurityPolicy extends HttpFilter {

  static final String HEADER = "Content-Security-Policy";

  private String policy;

  @Override
  public void init(FilterConfig config) {
    policy = config.getServletContext().getInitParameter("primefaces.CSP_POLICY");
    if (policy == null || policy.isBlank()) {
      policy = "default-src 'self'; object-src 'none'; frame-ancestors 'none'; script-src 'self'";
    }
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader(HEADER, policy);
    chain.doFilter(request, new OnePolicy(response));
  }

  /** A response on which a second Content-Security-Policy replaces the first. */
  private static final class OnePolicy extends HttpServletResponseWrapper {

    OnePolicy(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addHeader(String name, String value) {
      if (HEADER.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }
  }
}
