package eu.federa.platform.validation;

import java.util.List;

/** Input that cannot be accepted, with every problem found; nothing was written. (API: 400.) */
public class InvalidInputException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super("Invalid input: " + errors);
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(FieldError error) {
    this(List.of(error));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
