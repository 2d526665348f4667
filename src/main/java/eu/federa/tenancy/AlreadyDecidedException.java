package eu.federa.tenancy;

import eu.federa.platform.validation.ConflictException;

/** An onboarding request is decided once; deciding it again changes nothing (409 for the API). */
public class AlreadyDecidedException extends ConflictException {

  private final OnboardingStatus status;

  public AlreadyDecidedException(Long requestId, OnboardingStatus status) {
    super("onboarding.alreadyDecided");
    this.status = status;
  }

  public OnboardingStatus status() {
    return status;
  }
}
