package eu.federa.tenancy;

import java.util.List;

/** What a signed-in user without organisation enters to request onboarding. */
public record OnboardingForm(
    String legalName,
    String countryCode,
    String vatId,
    String billingEmail,
    List<String> residencyCountries,
    String intendedUse) {

  public OnboardingForm {
    residencyCountries = residencyCountries == null ? List.of() : List.copyOf(residencyCountries);
  }
}
