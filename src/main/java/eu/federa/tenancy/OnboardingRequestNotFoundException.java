package eu.federa.tenancy;

/** No onboarding request with that id (404). */
public class OnboardingRequestNotFoundException extends RuntimeException {

  public OnboardingRequestNotFoundException(long id) {
    super("No onboarding request " + id);
  }
}
