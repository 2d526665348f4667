package eu.federa.tenancy;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** What makes an onboarding form acceptable, before anything is looked up or saved. */
final class OnboardingRules {

  private OnboardingRules() {}

  static List<FieldError> check(OnboardingForm form) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(form));
    if (!VatId.knowsCountry(form.countryCode())) {
      errors.add(
          FieldError.of(
              "countryCode", "onboarding.error.country", String.valueOf(form.countryCode())));
    } else if (VatId.parse(form.countryCode(), form.vatId()).isEmpty()) {
      errors.add(
          FieldError.of("vatId", "onboarding.error.vat", form.countryCode().trim().toUpperCase()));
    }
    for (String country : form.residencyCountries()) {
      if (!EuropeanCountries.contains(country)) {
        errors.add(FieldError.of("residencyCountries", "onboarding.error.residency", country));
      }
    }
    return errors;
  }
}
