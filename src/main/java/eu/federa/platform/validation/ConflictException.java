package eu.federa.platform.validation;

/**
 * The request was valid but the state of things forbids it now (decided already, used already, the
 * last admin); nothing was written. Carries a message key for the user. (API: 409.)
 */
public class ConflictException extends RuntimeException {

  private final String messageKey;

  public ConflictException(String messageKey) {
    super(messageKey);
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
