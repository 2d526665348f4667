package eu.federa.platform.http;

import eu.federa.platform.config.Setting;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The portal's address for links in messages: {@code FEDERA_PUBLIC_URL} when set (needed behind a
 * proxy that rewrites host or path), else the address this request came to.
 */
@RequestScoped
public class PublicUrl {

  @Inject HttpServletRequest request;

  public String base() {
    return of(request);
  }

  /**
   * The portal's address for a provider to download from (a moving disk): {@code FEDERA_PUBLIC_URL}
   * when set, else the address this node listens on as the connection shows it. Never the request's
   * {@code Host} header, which the caller writes: a provider must not be sent to fetch from an
   * address a user chose.
   */
  public String forProviders() {
    String configured = Setting.PUBLIC_URL.value();
    if (!configured.isBlank()) {
      return configured.replaceAll("/+$", "");
    }
    String host = request.getLocalAddr();
    if (host.contains(":")) {
      host = "[" + host + "]"; // IPv6
    }
    return request.getScheme()
        + "://"
        + host
        + ":"
        + request.getLocalPort()
        + request.getContextPath();
  }

  /**
   * {@code FEDERA_PUBLIC_URL} without a trailing slash, if set: the only address work that runs
   * without a request (a worker) can give a provider.
   */
  public static java.util.Optional<String> configured() {
    String configured = Setting.PUBLIC_URL.value();
    return configured.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(configured.replaceAll("/+$", ""));
  }

  /** The same, for code that has the request at hand (servlets). */
  public static String of(HttpServletRequest request) {
    String configured = Setting.PUBLIC_URL.value();
    if (!configured.isBlank()) {
      return configured.replaceAll("/+$", "");
    }
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort =
        ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    return scheme
        + "://"
        + request.getServerName()
        + (defaultPort ? "" : ":" + port)
        + request.getContextPath();
  }
}
