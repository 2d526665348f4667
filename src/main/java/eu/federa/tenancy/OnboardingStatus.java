package eu.federa.tenancy;

/** Where an onboarding request stands. */
public enum OnboardingStatus {
  PENDING,
  APPROVED,
  REJECTED
}
