package eu.federa.tenancy;

import eu.federa.platform.security.NotFoundException;

/** No onboarding request with that id (404). */
public class OnboardingRequestNotFoundException extends NotFoundException {

  public OnboardingRequestNotFoundException(long id) {
    super("onboarding request", id);
  }
}
