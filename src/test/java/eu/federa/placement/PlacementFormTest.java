package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementFormTest {

  private static PlacementForm form(
      Double vcpu,
      Long memoryMib,
      List<String> countries,
      Double lat,
      Integer budget,
      String strategy) {
    return new PlacementForm(
        null,
        vcpu,
        memoryMib,
        20L,
        0,
        null,
        null,
        1,
        countries,
        List.of(),
        null,
        "HQ",
        lat,
        lat == null ? null : 2.35,
        budget,
        List.of(),
        List.of(),
        null,
        strategy);
  }

  private static List<String> keys(PlacementForm form) {
    try {
      form.toRequest();
      return List.of();
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::messageKey).toList();
    }
  }

  @Test
  void aSoundFormBecomesARequest() {
    PlacementRequest request =
        form(2.0, 4096L, List.of(" fr", "DE"), 48.85, 10, "spread").toRequest();
    assertThat(request.allowedCountries()).containsExactlyInAnyOrder("FR", "DE");
    assertThat(request.strategy()).isEqualTo(PlacementRequest.Strategy.SPREAD);
    assertThat(request.latencyBudgetMs()).isEqualTo(10);
    assertThat(request.site().name()).isEqualTo("HQ");
  }

  @Test
  void everyBadFieldIsReported() {
    assertThat(keys(form(null, 0L, List.of("US"), null, 10, "FASTEST")))
        .containsExactlyInAnyOrder(
            "{federa.text.required}",
            "{federa.range}",
            "placement.error.country",
            "placement.error.siteNeeded",
            "placement.error.choice");
    assertThat(keys(form(2000.0, 4096L, List.of(), 95.0, null, null)))
        .containsExactlyInAnyOrder("{federa.range}", "placement.error.site");
  }

  @Test
  void aRangeIsToldInTheReadersLanguageWithItsDecimals() {
    FieldError vcpu;
    try {
      form(2000.0, 4096L, List.of(), null, null, null).toRequest();
      throw new AssertionError("2,000 vCPU accepted");
    } catch (InvalidInputException e) {
      vcpu = e.errors().get(0);
    }
    assertThat(vcpu.field()).isEqualTo("vcpu");
    java.util.ResourceBundle none =
        new java.util.ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[0][];
          }
        };
    assertThat(vcpu.text(none, java.util.Locale.ENGLISH))
        .isEqualTo("Enter a number from 0.1 to 1,024.");
    assertThat(vcpu.text(none, java.util.Locale.GERMAN))
        .isEqualTo("Geben Sie eine Zahl von 0,1 bis 1.024 ein.");
    assertThat(vcpu.text(none, java.util.Locale.forLanguageTag("pl")))
        .isEqualTo("Podaj liczb\u0119 od 0,1 do 1\u00a0024.");
  }

  @Test
  void aTenantsResidencyNarrowsTheCountriesAndRefusesOthers() {
    PlacementRequest any = PlacementRequest.of(2, 4096, 10);
    assertThat(PlacementService.withinResidency(any, List.of()).allowedCountries()).isEmpty();
    assertThat(PlacementService.withinResidency(any, List.of("FI", "SE")).allowedCountries())
        .containsExactlyInAnyOrder("FI", "SE");
    assertThat(
            PlacementService.withinResidency(
                    any.inCountries(Set.of("SE", "DE")), List.of("FI", "SE"))
                .allowedCountries())
        .containsExactly("SE");
    assertThatThrownBy(
            () -> PlacementService.withinResidency(any.inCountries(Set.of("PL")), List.of("FI")))
        .isInstanceOf(InvalidInputException.class);
  }
}
