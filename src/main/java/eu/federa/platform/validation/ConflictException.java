package eu.federa.platform.validation;

/**
 * The request was valid but the state of things forbids it now (decided already, used already, the
 * last admin); nothing was written. Carries a message key for the user. (API: 409.)
 */
public class ConflictException extends RuntimeException {

  private final String messageKey;
  private final transient Object[] arguments;

  public ConflictException(String messageKey, Object... arguments) {
    super(messageKey);
    this.messageKey = messageKey;
    this.arguments = arguments.clone();
  }

  public String messageKey() {
    return messageKey;
  }

  /** The message's arguments ({0}, {1}, ... in the bundle). */
  public Object[] arguments() {
    return arguments.clone();
  }
}
