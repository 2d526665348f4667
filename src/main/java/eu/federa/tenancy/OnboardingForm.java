package eu.federa.tenancy;

import eu.federa.platform.validation.EmailAddress;
import eu.federa.platform.validation.Text;
import java.util.List;

/** What a signed-in user without organisation enters to request onboarding. */
public record OnboardingForm(
    @Text(min = 2, max = 200) String legalName,
    String countryCode,
    String vatId,
    @EmailAddress String billingEmail,
    List<String> residencyCountries,
    @Text(min = 10, max = 1000, multiline = true) String intendedUse) {

  public OnboardingForm {
    residencyCountries = residencyCountries == null ? List.of() : List.copyOf(residencyCountries);
  }
}
