package eu.federa.cloud.registry;

import eu.federa.platform.validation.FieldError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a provider states publicly about where and under which law it runs (Data Act Art. 28): the
 * operator and its legal seat, the countries of its data centres, the jurisdiction(s) its
 * infrastructure is subject to, its measures against unlawful third-country access, and its
 * certifications. Shown without sign-in on the switching page, and in the catalog.
 */
public record SovereigntyRegister(
    long providerId,
    String providerName,
    String operator,
    String legalSeatCountry,
    List<String> datacentreCountries,
    String jurisdiction,
    List<AccessMeasure> accessMeasures,
    List<String> certifications)
    implements Serializable {

  /** The most data-centre countries a register lists. */
  static final int MAX_COUNTRIES = 30;

  public SovereigntyRegister {
    datacentreCountries = List.copyOf(datacentreCountries);
    accessMeasures = List.copyOf(accessMeasures);
    certifications = List.copyOf(certifications);
  }

  /** The countries, as one line. */
  public String datacentreCountriesText() {
    return String.join(", ", datacentreCountries);
  }

  /** The certifications, as one line. */
  public String certificationsText() {
    return String.join(", ", certifications);
  }

  /** What a platform admin changes of it. */
  public record Change(
      String legalSeatCountry, List<String> datacentreCountries, Set<AccessMeasure> measures)
      implements Serializable {

    /** The problems of the change, each naming its field; empty when there are none. */
    public List<FieldError> problems() {
      List<FieldError> errors = new ArrayList<>();
      if (legalSeatCountry == null || !legalSeatCountry.trim().matches("[A-Z]{2}")) {
        errors.add(FieldError.of("legalSeatCountry", "register.error.country"));
      }
      if (datacentreCountries == null
          || datacentreCountries.isEmpty()
          || datacentreCountries.size() > MAX_COUNTRIES) {
        errors.add(FieldError.of("datacentreCountries", "register.error.countries", MAX_COUNTRIES));
      } else if (datacentreCountries.stream()
          .anyMatch(c -> c == null || !c.trim().matches("[A-Z]{2}"))) {
        errors.add(FieldError.of("datacentreCountries", "register.error.country"));
      }
      if (measures == null) {
        errors.add(FieldError.of("measures", "register.error.measures"));
      }
      return errors;
    }

    /** The countries as stored: trimmed, each once, in the order given. */
    List<String> countries() {
      return datacentreCountries.stream().map(String::trim).distinct().toList();
    }
  }
}
