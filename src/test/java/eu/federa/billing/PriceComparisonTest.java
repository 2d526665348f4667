package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceComparisonTest {

  private static final Size SMALL = new Size("s-2", "Small", 2, 4096, 20, 0, null, null);
  private static final Size H100 = new Size("g-1", "GPU", 8, 65536, 100, 1, "0302", "H100");

  private static ProviderCard provider(long id, String name, String country) {
    return new ProviderCard(id, name, country, "EU", List.of(), false, true, null);
  }

  private static PriceList list(long providerId, String vcpuHour, Map<String, BigDecimal> gpus) {
    return new PriceList(
        providerId,
        providerId,
        Instant.parse("2026-01-01T00:00:00Z"),
        null,
        new BigDecimal(vcpuHour),
        new BigDecimal("0.0028"),
        new BigDecimal("0.045"),
        null,
        null,
        gpus);
  }

  private final ProviderCard paris = provider(1, "Paris", "FR");
  private final ProviderCard zagreb = provider(2, "Zagreb", "HR");
  private final ProviderCard unpriced = provider(3, "Lisbon", "PT");

  @Test
  void eachSizeIsPricedAtEachProviderWithAListAndTheCheapestIsMarked() {
    PriceComparison comparison =
        PriceComparison.of(
            List.of(SMALL, H100),
            List.of(paris, zagreb, unpriced),
            Map.of(
                1L, list(1, "0.021", Map.of("H100", new BigDecimal("2.90"))),
                2L, list(2, "0.018", Map.of())));

    assertThat(comparison.providers())
        .extracting(ProviderCard::name)
        .containsExactly("Paris", "Zagreb");
    PriceComparison.Row small = comparison.rows().get(0);
    // Paris: (2 × 0.021 + 4 × 0.0028) × 730 + 20 × 0.045 = 39.74; Zagreb: 0.018 a vCPU-hour.
    assertThat(small.at(1).eurPerMonth()).isEqualByComparingTo("39.74");
    assertThat(small.at(2).eurPerMonth()).isEqualByComparingTo("35.36");
    assertThat(small.cheapestAt(2)).isTrue();
    assertThat(small.cheapestAt(1)).isFalse();
    assertThat(small.at(3)).isNull();
  }

  @Test
  void aGpuSizeIsPricedOnlyWhereItsModelHasARateAndIsThenNeverMarkedAlone() {
    PriceComparison comparison =
        PriceComparison.of(
            List.of(H100),
            List.of(paris, zagreb),
            Map.of(
                1L, list(1, "0.021", Map.of("H100", new BigDecimal("2.90"))),
                2L, list(2, "0.018", Map.of("A100", new BigDecimal("1.90")))));

    PriceComparison.Row gpu = comparison.rows().get(0);
    assertThat(gpu.byProvider()).containsOnlyKeys(1L);
    // The GPU-hours are part of the price: 2.90 × 730.
    assertThat(gpu.at(1).gpuEurPerMonth()).isEqualByComparingTo("2117.00");
    assertThat(gpu.cheapestProviderId()).isEqualTo(1L);
    assertThat(gpu.cheapestAt(1)).as("nothing to compare with").isFalse();
  }

  @Test
  void withoutAnyListThereAreNoColumnsAndEverySizeIsUnpriced() {
    PriceComparison comparison = PriceComparison.of(List.of(SMALL), List.of(paris), Map.of());
    assertThat(comparison.providers()).isEmpty();
    assertThat(comparison.rows().get(0).cheapestProviderId()).isNull();
  }
}
