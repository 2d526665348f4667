package eu.federa.tenancy;

import eu.federa.platform.validation.FieldError;
import java.util.List;

/** An onboarding form or decision that cannot be accepted; nothing was written. */
public class OnboardingRejectedException extends RuntimeException {

  private final List<FieldError> errors;

  public OnboardingRejectedException(List<FieldError> errors) {
    super("Onboarding rejected: " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
