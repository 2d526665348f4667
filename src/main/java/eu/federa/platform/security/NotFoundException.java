package eu.federa.platform.security;

/**
 * Nothing with that id that the caller may see: it does not exist or belongs to another tenant, and
 * the two are indistinguishable on purpose. Pages answer 404, the API 404.
 */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what, Object id) {
    super("No " + what + " " + id);
  }

  /**
   * For pages: why the user is refused when this is not a plain "no such thing" (e.g. a membership
   * that ended while they were working), shown on the 403 page; {@code null} for a plain 404.
   */
  public String refusalReason() {
    return null;
  }
}
