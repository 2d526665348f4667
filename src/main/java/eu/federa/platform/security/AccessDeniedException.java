package eu.federa.platform.security;

/** The caller may not do this; pages answer 403, the API 403. */
public class AccessDeniedException extends RuntimeException {

  public AccessDeniedException(String message) {
    super(message);
  }
}
