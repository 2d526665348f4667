package eu.federa.tenancy;

/** An onboarding request is decided once; deciding it again changes nothing (409 for the API). */
public class AlreadyDecidedException extends RuntimeException {

  private final OnboardingStatus status;

  public AlreadyDecidedException(Long requestId, OnboardingStatus status) {
    super("Onboarding request " + requestId + " is already " + status);
    this.status = status;
  }

  public OnboardingStatus status() {
    return status;
  }
}
