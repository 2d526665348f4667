package eu.federa.placement;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.placement.PlacementRequest.Strategy;
import eu.federa.platform.validation.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementChoicesTest {

  private static final PlacementChoices ALL =
      new PlacementChoices(
          List.of(" ISO 27001", "C5"),
          true,
          "Zagreb office",
          45.815,
          15.9819,
          20,
          List.of(3L, 1L),
          List.of(7L),
          "lowest_latency");

  private static List<String> problems(PlacementChoices choices) {
    List<FieldError> errors = new ArrayList<>();
    choices.check(errors);
    return errors.stream().map(e -> e.field() + " " + e.messageKey()).toList();
  }

  @Test
  void nothingChosenIsNoneAndChangesNothing() {
    PlacementRequest plain = PlacementRequest.of(2, 4096, 20);
    assertThat(PlacementChoices.orNone(null)).isSameAs(PlacementChoices.NONE);
    assertThat(PlacementChoices.NONE.none()).isTrue();
    assertThat(problems(PlacementChoices.NONE)).isEmpty();
    assertThat(PlacementChoices.NONE.applyTo(plain)).isEqualTo(plain);
    // Choosing the default strategy by name is still no choice.
    assertThat(
            new PlacementChoices(null, null, null, null, null, null, null, null, "cheapest").none())
        .isTrue();
  }

  @Test
  void theChoicesBecomeTheRequestsConstraints() {
    assertThat(problems(ALL)).isEmpty();
    PlacementRequest request = ALL.applyTo(PlacementRequest.of(2, 4096, 20));
    assertThat(request.requiredCertifications()).containsExactlyInAnyOrder("ISO 27001", "C5");
    assertThat(request.edge()).isTrue();
    assertThat(request.site().name()).isEqualTo("Zagreb office");
    assertThat(request.site().location().latitudeDeg()).isEqualTo(45.815);
    assertThat(request.latencyBudgetMs()).isEqualTo(20);
    assertThat(request.strategy()).isEqualTo(Strategy.LOWEST_LATENCY);
    // The providers are the caller's to narrow (to those offering what is ordered).
    assertThat(request.includeProviders()).isEmpty();
  }

  @Test
  void keptAsJsonAndReadBackTheSame() {
    PlacementChoices back = PlacementChoices.fromJson(ALL.toJson());
    assertThat(back.certificationSet()).containsExactlyInAnyOrder("ISO 27001", "C5");
    assertThat(back.edge()).isTrue();
    assertThat(back.site()).isEqualTo(ALL.site());
    assertThat(back.latencyBudgetMs()).isEqualTo(20);
    assertThat(back.includeProviders()).containsExactly(1L, 3L);
    assertThat(back.excludeProviders()).containsExactly(7L);
    assertThat(back.strategyOrDefault()).isEqualTo(Strategy.LOWEST_LATENCY);
    assertThat(PlacementChoices.fromJson(null)).isSameAs(PlacementChoices.NONE);
    // A site name with quotes and markup survives as text.
    PlacementChoices odd =
        new PlacementChoices(null, false, "\"<b>HQ</b>\"", 1.0, 2.0, null, null, null, "pack");
    assertThat(PlacementChoices.fromJson(odd.toJson()).site().name()).isEqualTo("\"<b>HQ</b>\"");
    assertThat(PlacementChoices.fromJson(odd.toJson()).edge()).isFalse();
  }

  @Test
  void eachBadChoiceIsNamed() {
    assertThat(
            problems(
                new PlacementChoices(
                    Arrays.asList("ISO 27001", null),
                    null,
                    null,
                    null,
                    null,
                    5000,
                    Arrays.asList(1L, null),
                    List.of(2L, 2L),
                    "fastest")))
        .containsExactlyInAnyOrder(
            "latencyBudgetMs {federa.range}",
            "site placement.error.siteNeeded",
            "certifications placement.error.certification",
            "includeProviders placement.error.provider",
            "excludeProviders api.error.duplicate",
            "strategy placement.error.choice");
    assertThat(
            problems(
                new PlacementChoices(
                    List.of("<script>"), null, "x".repeat(101), 91.0, 0.0, null, null, null, null)))
        .containsExactlyInAnyOrder(
            "site placement.error.site",
            "siteName {federa.text.length}",
            "certifications placement.error.certification");
    List<Long> many = new ArrayList<>();
    for (long id = 1; id <= 51; id++) {
      many.add(id);
    }
    assertThat(problems(new PlacementChoices(null, null, null, 1.0, 1.0, null, many, null, null)))
        .containsExactly("includeProviders api.error.tooMany");
    // Half a site is a mistake too.
    assertThat(problems(new PlacementChoices(null, null, null, 45.0, null, null, null, null, null)))
        .containsExactly("site placement.error.site");
  }
}
