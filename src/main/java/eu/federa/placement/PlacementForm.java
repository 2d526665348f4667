package eu.federa.placement;

import eu.federa.placement.PlacementRequest.AntiAffinity;
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
    Integer latencyBudgetMs,
    List<Long> includeProviders,
    List<Long> excludeProviders,
    String antiAffinity,
    String strategy) {

  /** The choices of where it should run, as an order takes them. */
  public PlacementChoices choices() {
    return new PlacementChoices(
        certifications,
        edge,
        siteName,
        siteLatitude,
        siteLongitude,
        latencyBudgetMs,
        includeProviders,
        excludeProviders,
        strategy);
  }

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
    PlacementChoices choices = choices();
    choices.check(errors);
    if (gpuClass != null && !gpuClass.isBlank() && !PCI_CLASS.matcher(gpuClass.trim()).matches()) {
      errors.add(FieldError.of("gpuClass", "placement.error.gpuClass"));
    }
    if (gpuModel != null
        && !gpuModel.isBlank()
        && (gpuModel.trim().length() > 40
            || !PlacementChoices.WORD.matcher(gpuModel.trim()).matches())) {
      errors.add(FieldError.of("gpuModel", "placement.error.word", 40));
    }
    AntiAffinity spread =
        PlacementChoices.parse(errors, "antiAffinity", AntiAffinity.class, antiAffinity);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    PlacementRequest request =
        PlacementRequest.of(vcpu, memoryMib, diskGib == null ? 0 : diskGib)
            .withGpus(gpus == null ? 0 : gpus, blankToNull(gpuClass), blankToNull(gpuModel))
            .withInstances(instances == null ? 1 : instances, spread)
            .inCountries(allowed);
    return choices
        .applyTo(request)
        .providers(Set.copyOf(choices.includeProviders()), Set.copyOf(choices.excludeProviders()));
  }

  /** A PCI class code, e.g. 0302 (3D controller). */
  private static final Pattern PCI_CLASS = Pattern.compile("[0-9A-Fa-f]{4}");

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
