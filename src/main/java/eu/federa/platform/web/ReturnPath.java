package eu.federa.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * The page a header form (language, organisation) sends the user back to: the current page's path
 * and query below the portal's address, carried in the form and checked when it comes back, so that
 * a forged value can only lead to a page of the portal (never to another site: no scheme, no {@code
 * //} host, no {@code ..}).
 */
public final class ReturnPath {

  /** Where a missing or refused return path leads. */
  public static final String HOME = "/dashboard.xhtml";

  private static final Pattern PAGE =
      Pattern.compile("/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.xhtml(\\?[A-Za-z0-9._~=&%+-]*)?");

  private static final int MAX_LENGTH = 512;

  private ReturnPath() {}

  /** The request's page and query, as a header form carries it. */
  public static String of(HttpServletRequest request) {
    String query = request.getQueryString();
    return request.getServletPath() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /** {@code path} when it names a page of the portal, else {@link #HOME}. */
  public static String checked(String path) {
    if (path == null || path.length() > MAX_LENGTH || !PAGE.matcher(path).matches()) {
      return HOME;
    }
    return path;
  }
}
