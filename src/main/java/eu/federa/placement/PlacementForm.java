package eu.federa.placement;

import eu.federa.placement.LatencyModel.Site;
import eu.federa.placement.PlacementRequest.AntiAffinity;
import eu.federa.placement.PlacementRequest.Strategy;
import eu.federa.platform.validation.Between;
import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A placement request as the API and the what-if page send it, before it is checked.
 *
 * @param tenantId the tenant the workload is for (its residency applies); {@code null} for a
 *     platform admin's what-if
 */
public record PlacementForm(
    Long tenantId,
    @NotNull(message = TextRules.REQUIRED) @Between(min = 0.1, max = 1024) Double vcpu,
    @NotNull(message = TextRules.REQUIRED) @Between(min = 1, max = 16L * 1024 * 1024)
        Long memoryMib,
    @Between(min = 0, max = 1_000_000) Long diskGib,
    @Between(min = 0, max = 64) Integer gpus,
    String gpuClass,
    String gpuModel,
    @Between(min = 1, max = 100) Integer instances,
    List<String> countries,
    List<String> certifications,
    Boolean edge,
    String siteName,
    Double siteLatitude,
    Double siteLongitude,
    @Between(min = 1, max = 1000) Integer latencyBudgetMs,
    List<Long> includeProviders,
    List<Long> excludeProviders,
    String antiAffinity,
    String strategy) {

  /**
   * @throws InvalidInputException with every problem found
   */
  public PlacementRequest toRequest() {
    // The ranges are the fields' constraints (Bean Validation, messages in ValidationMessages).
    List<FieldError> errors = new ArrayList<>(Constraints.check(this));
    List<String> sent = EuropeanCountries.copyOf(countries);
    EuropeanCountries.check(sent, "countries", "placement.error.country", errors);
    Set<String> allowed = new HashSet<>();
    for (String country : sent) {
      allowed.add(country == null ? "" : country.trim().toUpperCase(Locale.ROOT));
    }
    Site site = null;
    if (siteLatitude != null || siteLongitude != null) {
      if (siteLatitude == null
          || siteLongitude == null
          || Math.abs(siteLatitude) > 90
          || Math.abs(siteLongitude) > 180) {
        errors.add(FieldError.of("site", "placement.error.site"));
      } else {
        site =
            new Site(
                siteName == null || siteName.isBlank() ? "your site" : siteName.trim(),
                new GeoPoint(siteLatitude, siteLongitude));
      }
    }
    if (latencyBudgetMs != null) {
      if (site == null) {
        errors.add(FieldError.of("site", "placement.error.siteNeeded"));
      }
    }
    if (gpuClass != null && !gpuClass.isBlank() && !PCI_CLASS.matcher(gpuClass.trim()).matches()) {
      errors.add(FieldError.of("gpuClass", "placement.error.gpuClass"));
    }
    word(errors, "gpuModel", gpuModel, 40);
    if (siteName != null && !siteName.isBlank()) {
      TextRules.length(errors, "siteName", siteName, 1, 100);
    }
    List<String> wantedCertifications = certifications == null ? List.of() : certifications;
    if (wantedCertifications.size() > 20) {
      errors.add(FieldError.of("certifications", "api.error.tooMany", 20));
    } else if (wantedCertifications.stream()
        .anyMatch(c -> c == null || !WORD.matcher(c.trim()).matches() || c.trim().length() > 40)) {
      errors.add(FieldError.of("certifications", "placement.error.certification"));
    } else if (new HashSet<>(wantedCertifications).size() < wantedCertifications.size()) {
      errors.add(FieldError.of("certifications", "api.error.duplicate"));
    }
    providerIds(errors, "includeProviders", includeProviders);
    providerIds(errors, "excludeProviders", excludeProviders);
    AntiAffinity spread = parse(errors, "antiAffinity", AntiAffinity.class, antiAffinity);
    Strategy preference = parse(errors, "strategy", Strategy.class, strategy);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new PlacementRequest(
        vcpu,
        memoryMib,
        diskGib == null ? 0 : diskGib,
        gpus == null ? 0 : gpus,
        blankToNull(gpuClass),
        blankToNull(gpuModel),
        instances == null ? 1 : instances,
        allowed,
        trimmed(certifications),
        edge,
        site,
        latencyBudgetMs,
        Set.copyOf(includeProviders == null ? List.of() : includeProviders),
        Set.copyOf(excludeProviders == null ? List.of() : excludeProviders),
        spread,
        preference,
        false);
  }

  /** A PCI class code, e.g. 0302 (3D controller). */
  private static final Pattern PCI_CLASS = Pattern.compile("[0-9A-Fa-f]{4}");

  /** Names of catalogue things: letters, digits and a few separators. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:+-]*");

  private static void word(List<FieldError> errors, String field, String value, int max) {
    if (value != null
        && !value.isBlank()
        && (value.trim().length() > max || !WORD.matcher(value.trim()).matches())) {
      errors.add(FieldError.of(field, "placement.error.word", max));
    }
  }

  private static void providerIds(List<FieldError> errors, String field, List<Long> ids) {
    if (ids == null) {
      return;
    }
    if (ids.size() > 50) {
      errors.add(FieldError.of(field, "api.error.tooMany", 50));
    } else if (ids.stream().anyMatch(id -> id == null || id <= 0)) {
      errors.add(FieldError.of(field, "placement.error.provider"));
    } else if (new HashSet<>(ids).size() < ids.size()) {
      errors.add(FieldError.of(field, "api.error.duplicate"));
    }
  }

  private static <E extends Enum<E>> E parse(
      List<FieldError> errors, String field, Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          FieldError.of(
              field,
              "placement.error.choice",
              value.length() > 40 ? value.substring(0, 40) + "\u2026" : value));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Set<String> trimmed(List<String> values) {
    Set<String> result = new HashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value != null && !value.isBlank()) {
        result.add(value.trim());
      }
    }
    return result;
  }
}
