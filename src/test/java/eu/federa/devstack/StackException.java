package eu.federa.devstack;

/** A part of the stack could not start; the message says which and how to fix it. */
public class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
