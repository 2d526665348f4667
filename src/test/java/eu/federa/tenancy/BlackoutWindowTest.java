package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlackoutWindowTest {

  /** 2026-12-07 is a Monday. */
  private static Instant at(String dayAndTime) {
    return Instant.parse("2026-12-" + dayAndTime + ":00Z");
  }

  private static BlackoutWindow window(Set<DayOfWeek> days, int start, int end) {
    return new BlackoutWindow(1, BlackoutWindow.mask(days), start, end);
  }

  @Test
  void aDaytimeWindowCoversItsDaysFromItsStartToJustBeforeItsEnd() {
    BlackoutWindow office =
        window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 8 * 60, 18 * 60);
    assertThat(office.covers(at("07T08:00"))).isTrue(); // Monday 08:00
    assertThat(office.covers(at("07T17:59"))).isTrue();
    assertThat(office.covers(at("07T18:00"))).isFalse();
    assertThat(office.covers(at("07T07:59"))).isFalse();
    assertThat(office.covers(at("11T12:00"))).isTrue(); // Friday
    assertThat(office.covers(at("12T12:00"))).isFalse(); // Saturday
    assertThat(office.overnight()).isFalse();
    assertThat(office.weekdays()).hasSize(5).startsWith(DayOfWeek.MONDAY);
    assertThat(office.startText()).isEqualTo("08:00");
    assertThat(office.endText()).isEqualTo("18:00");
  }

  @Test
  void anOvernightWindowRunsIntoTheNextDayAndBelongsToTheDayItStarts() {
    BlackoutWindow batch = window(EnumSet.of(DayOfWeek.SUNDAY), 22 * 60, 2 * 60);
    assertThat(batch.overnight()).isTrue();
    assertThat(batch.covers(at("13T22:00"))).isTrue(); // Sunday 22:00
    assertThat(batch.covers(at("14T01:59"))).isTrue(); // Monday 01:59, the Sunday's window
    assertThat(batch.covers(at("14T02:00"))).isFalse();
    assertThat(batch.covers(at("14T22:30"))).isFalse(); // Monday evening: not a chosen day
    assertThat(batch.covers(at("13T01:00"))).isFalse(); // Sunday early: Saturday's, not chosen
  }

  @Test
  void aWholeDayEndsAtTwentyFourHundred() {
    BlackoutWindow saturday = window(EnumSet.of(DayOfWeek.SATURDAY), 0, 24 * 60);
    assertThat(saturday.covers(at("12T00:00"))).isTrue();
    assertThat(saturday.covers(at("12T23:59"))).isTrue();
    assertThat(saturday.covers(at("13T00:00"))).isFalse();
    assertThat(saturday.endText()).isEqualTo("24:00");
    assertThat(
            BlackoutWindow.anyCovers(
                List.of(window(EnumSet.of(DayOfWeek.MONDAY), 0, 60), saturday), at("12T10:00")))
        .isTrue();
  }

  @Test
  void timesAreReadAsHoursAndMinutesAndTwentyFourHundredOnlyEnds() {
    assertThat(BlackoutWindows.minute("08:30", false)).isEqualTo(510);
    assertThat(BlackoutWindows.minute(" 8:05 ", false)).isEqualTo(485);
    assertThat(BlackoutWindows.minute("24:00", true)).isEqualTo(1440);
    assertThat(BlackoutWindows.minute("24:00", false)).isNull();
    assertThat(BlackoutWindows.minute("24:30", true)).isNull();
    assertThat(BlackoutWindows.minute("25:00", true)).isNull();
    assertThat(BlackoutWindows.minute("8h30", false)).isNull();
    assertThat(BlackoutWindows.minute("12:60", false)).isNull();
    assertThat(BlackoutWindows.minute(null, false)).isNull();
  }

  @Test
  void aWindowNeedsADayAndMinutesOfADay() {
    assertThatThrownBy(() -> new BlackoutWindow(1, 0, 0, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlackoutWindow(1, 1, 1440, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlackoutWindow(1, 1, 0, 1441))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
