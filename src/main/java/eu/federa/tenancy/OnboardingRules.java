package eu.federa.tenancy;

import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.TextRules;
import java.util.ArrayList;
import java.util.List;

/** What makes an onboarding form acceptable, before anything is looked up or saved. */
final class OnboardingRules {

  private OnboardingRules() {}

  static List<FieldError> check(OnboardingForm form) {
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "legalName", form.legalName(), 2, 200);
    TextRules.paragraph(errors, "intendedUse", form.intendedUse(), 10, 1000);
    if (!VatId.knowsCountry(form.countryCode())) {
      errors.add(
          FieldError.of(
              "countryCode", "onboarding.error.country", String.valueOf(form.countryCode())));
    } else if (VatId.parse(form.countryCode(), form.vatId()).isEmpty()) {
      errors.add(
          FieldError.of("vatId", "onboarding.error.vat", form.countryCode().trim().toUpperCase()));
    }
    TextRules.email(errors, "billingEmail", form.billingEmail());
    for (String country : form.residencyCountries()) {
      if (!EuropeanCountries.contains(country)) {
        errors.add(FieldError.of("residencyCountries", "onboarding.error.residency", country));
      }
    }
    return errors;
  }
}
