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
