package eu.federa.tenancy;

import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What makes an onboarding form acceptable, before anything is looked up or saved. */
final class OnboardingRules {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private OnboardingRules() {}

  static List<FieldError> check(OnboardingForm form) {
    List<FieldError> errors = new ArrayList<>();
    length(errors, "legalName", form.legalName(), 2, 200);
    length(errors, "intendedUse", form.intendedUse(), 10, 1000);
    if (!VatId.knowsCountry(form.countryCode())) {
      errors.add(
          FieldError.of(
              "countryCode", "onboarding.error.country", String.valueOf(form.countryCode())));
    } else if (VatId.parse(form.countryCode(), form.vatId()).isEmpty()) {
      errors.add(
          FieldError.of("vatId", "onboarding.error.vat", form.countryCode().trim().toUpperCase()));
    }
    String email = form.billingEmail() == null ? "" : form.billingEmail().trim();
    if (email.isEmpty()) {
      errors.add(FieldError.of("billingEmail", "onboarding.error.required"));
    } else if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
      errors.add(FieldError.of("billingEmail", "onboarding.error.email"));
    }
    for (String country : form.residencyCountries()) {
      if (!EuropeanCountries.contains(country)) {
        errors.add(FieldError.of("residencyCountries", "onboarding.error.residency", country));
      }
    }
    return errors;
  }

  private static void length(
      List<FieldError> errors, String field, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      errors.add(FieldError.of(field, "onboarding.error.required"));
    } else if (value.trim().length() < min || value.trim().length() > max) {
      errors.add(FieldError.of(field, "onboarding.error.length", min, max));
    }
  }
}
