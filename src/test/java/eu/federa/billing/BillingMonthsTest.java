package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BillingMonthsTest {

  /** The month and its bounds as java.time works them out, for comparison. */
  private static Instant startOf(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  @Test
  void everyMonthsBoundsAreItsFirstInstantsInUtcKeptOrNot() {
    for (YearMonth month = YearMonth.of(1900, 1);
        month.isBefore(YearMonth.of(2300, 1));
        month = month.plusMonths(1)) {
      assertThat(BillingMonths.start(month)).as(month.toString()).isEqualTo(startOf(month));
      assertThat(BillingMonths.end(month))
          .as(month.toString())
          .isEqualTo(startOf(month.plusMonths(1)));
      assertThat(BillingMonths.seconds(month))
          .as(month.toString())
          .isEqualTo(month.lengthOfMonth() * 86_400L);
    }
  }

  @Test
  void anInstantIsInTheMonthItsUtcDateIsIn() {
    assertThat(BillingMonths.of(Instant.parse("2026-11-30T23:59:59.999Z")))
        .isEqualTo(YearMonth.of(2026, 11));
    assertThat(BillingMonths.of(Instant.parse("2026-12-01T00:00:00Z")))
        .as("the month's first instant is in it")
        .isEqualTo(YearMonth.of(2026, 12));
    assertThat(BillingMonths.of(Instant.parse("2028-02-29T12:00:00Z")))
        .isEqualTo(YearMonth.of(2028, 2));
    assertThat(BillingMonths.of(Instant.parse("1969-12-31T23:59:59Z")))
        .as("before the months kept")
        .isEqualTo(YearMonth.of(1969, 12));
    assertThat(BillingMonths.of(Instant.parse("1970-01-01T00:00:00Z")))
        .isEqualTo(YearMonth.of(1970, 1));
    assertThat(BillingMonths.of(Instant.parse("2169-12-31T23:59:59Z")))
        .isEqualTo(YearMonth.of(2169, 12));
    assertThat(BillingMonths.of(Instant.parse("2170-01-01T00:00:00Z")))
        .as("after the months kept")
        .isEqualTo(YearMonth.of(2170, 1));
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 100_000; i++) {
      Instant at =
          Instant.ofEpochSecond(
              random.nextLong(-2_000_000_000L, 7_000_000_000L), random.nextInt(1_000_000_000));
      assertThat(BillingMonths.of(at))
          .as(at.toString())
          .isEqualTo(YearMonth.from(at.atOffset(ZoneOffset.UTC)));
    }
  }

  @Test
  void aPeriodIsCutAtEachMonthItCrosses() {
    assertThat(
            BillingMonths.split(
                Instant.parse("2026-10-31T22:00:00Z"), Instant.parse("2026-12-01T01:00:00Z")))
        .containsExactly(
            new BillingMonths.Piece(
                YearMonth.of(2026, 10),
                Instant.parse("2026-10-31T22:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z")),
            new BillingMonths.Piece(
                YearMonth.of(2026, 11),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")),
            new BillingMonths.Piece(
                YearMonth.of(2026, 12),
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T01:00:00Z")));
    assertThat(
            BillingMonths.split(
                Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T01:00:00Z")))
        .isEmpty();
  }
}
