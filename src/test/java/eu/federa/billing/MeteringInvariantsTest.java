package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.billing.MeteringInvariants.Fix;
import eu.federa.billing.MeteringInvariants.Kind;
import eu.federa.billing.MeteringInvariants.Stored;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteringInvariantsTest {

  private static Instant at(String time) {
    return Instant.parse("2026-11-10T" + time + "Z");
  }

  @Test
  void aRunningOrderWithOneOpenIntervalIsFine() {
    assertThat(
            MeteringInvariants.check(
                false,
                null,
                List.of(
                    new Stored(1, at("08:00:00"), at("09:00:00")),
                    new Stored(2, at("09:00:00"), null))))
        .isEmpty();
  }

  @Test
  void anEndedOrdersOpenIntervalEndsWithTheOrder() {
    assertThat(
            MeteringInvariants.check(
                true, at("10:00:00"), List.of(new Stored(5, at("09:00:00"), null))))
        .containsExactly(new Fix(5, Kind.OPEN_AFTER_END, at("10:00:00")));
  }

  @Test
  void anIntervalOpenedAfterTheEndIsDeleted() {
    List<Fix> fixes =
        MeteringInvariants.check(
            true,
            at("10:00:00"),
            List.of(
                new Stored(6, at("09:00:00"), at("10:00:00")),
                new Stored(7, at("10:05:00"), null)));
    assertThat(fixes).containsExactly(new Fix(7, Kind.OPEN_AFTER_END, null));
    assertThat(fixes.get(0).deletes()).isTrue();
  }

  @Test
  void anEndedOrderWithoutAKnownEndIsNotBilledPastTheOpenIntervalsStart() {
    assertThat(MeteringInvariants.check(true, null, List.of(new Stored(8, at("09:00:00"), null))))
        .containsExactly(new Fix(8, Kind.OPEN_AFTER_END, null));
  }

  @Test
  void aClosedIntervalPastTheEndIsCut() {
    assertThat(
            MeteringInvariants.check(
                true,
                at("10:00:00"),
                List.of(
                    new Stored(9, at("09:00:00"), at("11:00:00")),
                    new Stored(10, at("10:30:00"), at("11:00:00")))))
        .containsExactly(
            new Fix(9, Kind.PAST_END, at("10:00:00")), new Fix(10, Kind.PAST_END, null));
  }

  @Test
  void ofTwoOpenIntervalsTheEarlierEndsWhereTheLatestBegins() {
    assertThat(
            MeteringInvariants.check(
                false,
                null,
                List.of(
                    new Stored(12, at("09:30:00"), null),
                    new Stored(11, at("09:00:00"), null),
                    new Stored(13, at("09:30:00"), null))))
        .containsExactlyInAnyOrder(
            new Fix(11, Kind.TWO_OPEN, at("09:30:00")), new Fix(12, Kind.TWO_OPEN, null));
  }

  @Test
  void onlyOrdersWhoseSummaryCanBreakAnInvariantAreReadAgain() {
    MeteringInvariants.Summary oneOpen = new MeteringInvariants.Summary(1, 1, at("09:00:00"));
    MeteringInvariants.Summary twoOpen = new MeteringInvariants.Summary(2, 2, null);
    MeteringInvariants.Summary closed = new MeteringInvariants.Summary(3, 0, at("10:00:00"));
    // A running order may have one open interval, not two.
    assertThat(MeteringInvariants.suspect(oneOpen, false, null)).isFalse();
    assertThat(MeteringInvariants.suspect(twoOpen, false, null)).isTrue();
    // An ended order may have none open, and none that ends after it did.
    assertThat(MeteringInvariants.suspect(oneOpen, true, at("10:00:00"))).isTrue();
    assertThat(MeteringInvariants.suspect(closed, true, at("10:00:00"))).isFalse();
    assertThat(MeteringInvariants.suspect(closed, true, at("09:59:59"))).isTrue();
    assertThat(MeteringInvariants.suspect(closed, true, null)).isFalse();
  }
}
