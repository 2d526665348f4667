package eu.federa.platform.security;

import eu.federa.platform.text.Reason;

/** The caller may not do this; pages answer 403, the API 403. */
public class AccessDeniedException extends RuntimeException {

  private final String refusalReason;
  private final Reason explanation;

  public AccessDeniedException(String message) {
    this(message, null, null);
  }

  /**
   * A refusal the caller is told about: the 403 page says why ({@code refusalReason}, a word the
   * page knows), the API answers with {@code explanation}.
   */
  public AccessDeniedException(String message, String refusalReason, Reason explanation) {
    super(message);
    this.refusalReason = refusalReason;
    this.explanation = explanation;
  }

  /** The word the 403 page explains, or null for a plain refusal. */
  public String refusalReason() {
    return refusalReason;
  }

  /** What the API says, or null for its plain refusal. */
  public Reason explanation() {
    return explanation;
  }
}
