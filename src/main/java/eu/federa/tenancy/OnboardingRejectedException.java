package eu.federa.tenancy;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.List;

/** An onboarding form or decision that cannot be accepted; nothing was written. */
public class OnboardingRejectedException extends InvalidInputException {

  public OnboardingRejectedException(List<FieldError> errors) {
    super(errors);
  }
}
