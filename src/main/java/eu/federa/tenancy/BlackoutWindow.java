package eu.federa.tenancy;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A weekly time, in UTC, when the platform moves none of a tenant's VMs on its own initiative
 * (issue #20): automatic rebalancing and a platform admin applying a plan leave them where they
 * are. A window whose end is at or before its start runs past midnight into the next day; it
 * belongs to the day it starts on.
 *
 * @param days the weekdays it starts on, bit 0 Monday to bit 6 Sunday
 * @param startMinute minutes after midnight, inclusive
 * @param endMinute minutes after midnight, exclusive
 */
public record BlackoutWindow(long id, int days, int startMinute, int endMinute)
    implements Serializable {

  static final int MINUTES_A_DAY = 24 * 60;

  public BlackoutWindow {
    if (days <= 0 || days >= 1 << 7) {
      throw new IllegalArgumentException("At least one weekday, bits 0 to 6");
    }
    if (startMinute < 0 || startMinute >= MINUTES_A_DAY || endMinute < 0) {
      throw new IllegalArgumentException("Minutes of a day");
    }
    if (endMinute > MINUTES_A_DAY) {
      throw new IllegalArgumentException("Minutes of a day");
    }
  }

  /** The weekdays as a bit mask (bit 0 Monday). */
  public static int mask(Set<DayOfWeek> days) {
    int mask = 0;
    for (DayOfWeek day : days) {
      mask |= 1 << (day.getValue() - 1);
    }
    return mask;
  }

  /** The weekdays it starts on, Monday first. */
  public List<DayOfWeek> weekdays() {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if ((days & 1 << (day.getValue() - 1)) != 0) {
        set.add(day);
      }
    }
    return List.copyOf(set);
  }

  private boolean startsOn(DayOfWeek day) {
    return (days & 1 << (day.getValue() - 1)) != 0;
  }

  /** Whether the window runs past midnight. */
  public boolean overnight() {
    return endMinute <= startMinute;
  }

  /** Whether {@code at} falls in the window. */
  public boolean covers(Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    int minute = t.getHour() * 60 + t.getMinute();
    DayOfWeek today = t.getDayOfWeek();
    if (!overnight()) {
      return startsOn(today) && minute >= startMinute && minute < endMinute;
    }
    // Overnight: from the start to midnight on a chosen day, from midnight to the end the next.
    return (startsOn(today) && minute >= startMinute)
        || (startsOn(today.minus(1)) && minute < endMinute);
  }

  /** Whether any of the windows covers {@code at}. */
  public static boolean anyCovers(List<BlackoutWindow> windows, Instant at) {
    return windows.stream().anyMatch(w -> w.covers(at));
  }

  /** The start as {@code HH:mm}. */
  public String startText() {
    return clock(startMinute);
  }

  /** The end as {@code HH:mm} ({@code 24:00} for midnight at the end of the day). */
  public String endText() {
    return clock(endMinute);
  }

  /** {@code HH:mm} of a minute of the day. */
  static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
