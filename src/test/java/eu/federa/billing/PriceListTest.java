package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.validation.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceListTest {

  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant JUL = Instant.parse("2026-07-01T00:00:00Z");

  /** The demo's Paris rates. */
  private static PriceList paris(Instant from, Instant until) {
    return new PriceList(
        1L,
        7,
        from,
        until,
        new BigDecimal("0.021"),
        new BigDecimal("0.0028"),
        new BigDecimal("0.045"),
        null,
        null,
        Map.of("H100", new BigDecimal("2.90")));
  }

  @Test
  void aSmallVmCostsItsRatesTimesItsSizeRoundedHalfEvenAtTheEnd() {
    // 2 × 0.021 + 4 × 0.0028 = 0.0532 per hour; × 730 = 38.836; + 20 GiB × 0.045 = 39.736.
    PriceList.Estimate e = paris(JAN, null).estimate(2, 4096, 20, 0, null).orElseThrow();
    assertThat(e.eurPerMonth()).isEqualByComparingTo("39.74");
    assertThat(e.eurPerHour()).isEqualByComparingTo("0.0544"); // 39.736 / 730 = 0.054433
    assertThat(e.gpuEurPerMonth()).isEqualByComparingTo("0.00");
    assertThat(e.diskEurPerMonth()).isEqualByComparingTo("0.90");
  }

  @Test
  void aPublicAddressAddsItsHoursOfTheWholeMonthAndIsNeverFree() {
    PriceList base = paris(JAN, null);
    PriceList priced =
        new PriceList(
            base.id(),
            base.providerId(),
            base.validFrom(),
            base.validUntil(),
            base.eurPerVcpuHour(),
            base.eurPerGibMemoryHour(),
            base.eurPerGibDiskMonth(),
            null,
            null,
            base.gpuHourByModel(),
            new BigDecimal("0.006"),
            Map.of());
    // 39.736 as above, + 730 × 0.006 = 4.38 for the address: 44.116.
    PriceList.Estimate e = priced.estimate(2, 4096, 20, 0, null, 1).orElseThrow();
    assertThat(e.eurPerMonth()).isEqualByComparingTo("44.12");
    assertThat(e.publicIpEurPerMonth()).isEqualByComparingTo("4.38");
    assertThat(priced.estimate(2, 4096, 20, 0, null).orElseThrow().publicIpEurPerMonth())
        .isEqualByComparingTo("0.00");
    assertThat(base.estimate(2, 4096, 20, 0, null, 1))
        .as("addresses not priced here cannot be estimated, nor ordered")
        .isEmpty();
  }

  @Test
  void gpuHoursAreCountedByModel() {
    // 16 × 0.021 + 128 × 0.0028 + 2.90 = 3.5944 per hour; × 730 = 2623.912; + 200 × 0.045 = 9.
    PriceList.Estimate e = paris(JAN, null).estimate(16, 131072, 200, 1, "H100").orElseThrow();
    assertThat(e.eurPerMonth()).isEqualByComparingTo("2632.91");
    assertThat(e.gpuEurPerMonth()).isEqualByComparingTo("2117.00");
    assertThat(e.eurPerHour()).isEqualByComparingTo("3.6067");
    assertThat(paris(JAN, null).estimate(16, 131072, 200, 1, "A100"))
        .as("a GPU without a rate has no estimate, never a wrong one")
        .isEmpty();
  }

  @Test
  void roundingIsHalfEvenToTheCent() {
    PriceList disk =
        new PriceList(
            1L,
            1,
            JAN,
            null,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            new BigDecimal("0.125"),
            null,
            null,
            Map.of());
    assertThat(disk.estimate(1, 0, 1, 0, null).orElseThrow().eurPerMonth())
        .isEqualByComparingTo("0.12");
    assertThat(disk.estimate(1, 0, 3, 0, null).orElseThrow().eurPerMonth())
        .isEqualByComparingTo("0.38"); // 0.375
  }

  @Test
  void periodsAreHalfOpenAndOverlapsAreFound() {
    PriceList firstHalf = paris(JAN, JUL);
    assertThat(firstHalf.appliesAt(JAN)).isTrue();
    assertThat(firstHalf.appliesAt(JUL)).isFalse();
    assertThat(firstHalf.overlaps(JUL, null))
        .as("the next list may start the day it ends")
        .isFalse();
    assertThat(firstHalf.overlaps(Instant.parse("2026-06-30T00:00:00Z"), null)).isTrue();
    assertThat(paris(JUL, null).overlaps(JAN, null)).isTrue();
    assertThat(paris(JUL, null).overlaps(JAN, JUL)).isFalse();
  }

  @Test
  void badFormsAreRefusedFieldByField() {
    PriceListForm bad =
        new PriceListForm(
            null,
            JUL,
            JAN,
            new BigDecimal("-1"),
            null,
            new BigDecimal("5000"),
            new BigDecimal("0.0000001"),
            null,
            "H100=abc; =2; A100=1.5");
    assertThatThrownBy(bad::check)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactlyInAnyOrder(
                        "provider",
                        "validUntil",
                        "vcpu",
                        "memory",
                        "disk",
                        "tokensIn",
                        "gpuRates",
                        "gpuRates"));
    PriceListForm good =
        new PriceListForm(
            1L,
            JAN,
            null,
            new BigDecimal("0.02"),
            new BigDecimal("0.003"),
            new BigDecimal("0.04"),
            null,
            null,
            "H100=2.40\nA100 = 1.60");
    assertThat(good.check())
        .containsEntry("H100", new BigDecimal("2.40"))
        .containsEntry("A100", new BigDecimal("1.60"));
  }
}
