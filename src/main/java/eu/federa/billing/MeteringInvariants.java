package eu.federa.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What must hold of one order's usage intervals, whatever raced or crashed (issue #14, defect 3):
 * nothing is billed that did not run.
 *
 * <ul>
 *   <li>an ended order has no open interval ({@link Kind#OPEN_AFTER_END});
 *   <li>no interval reaches past the order's end ({@link Kind#PAST_END});
 *   <li>an order has at most one open interval ({@link Kind#TWO_OPEN}).
 * </ul>
 *
 * Each violation comes with its repair: the interval is cut at the order's end (or at the start of
 * the order's latest open interval), or deleted when nothing of it is left.
 */
public final class MeteringInvariants {

  private MeteringInvariants() {}

  public enum Kind {
    OPEN_AFTER_END,
    PAST_END,
    TWO_OPEN
  }

  /** One stored interval of the order; {@code until} null while open. */
  public record Stored(long id, Instant from, Instant until) {}

  /**
   * The repair of one violation: interval {@code id} ends at {@code endAt}, or is deleted when
   * {@code endAt} is null (it started at or after the point it must end).
   */
  public record Fix(long id, Kind kind, Instant endAt) {

    public boolean deletes() {
      return endAt == null;
    }
  }

  /**
   * One order's intervals at a glance: how many are open, and when the last closed one ended (null:
   * none closed).
   */
  public record Summary(long orderId, int open, Instant lastEnd) {}

  /**
   * Whether the order's intervals may break an invariant, from their summary: then {@link #check}
   * reads them all. Two open intervals always; an ended order's open interval, or one that ends
   * after the order did.
   */
  public static boolean suspect(Summary summary, boolean ended, Instant endedAt) {
    if (summary.open() > 1) {
      return true;
    }
    if (!ended) {
      return false;
    }
    return summary.open() > 0
        || (endedAt != null && summary.lastEnd() != null && summary.lastEnd().isAfter(endedAt));
  }

  /**
   * The repairs the order's intervals need.
   *
   * @param ended whether the order has ended (terminated, failed, vanished)
   * @param endedAt when it ended; null if unknown (then an open interval ends where it started)
   */
  public static List<Fix> check(boolean ended, Instant endedAt, List<Stored> intervals) {
    List<Fix> fixes = new ArrayList<>();
    List<Stored> open = new ArrayList<>();
    for (Stored s : intervals) {
      if (ended && s.until() == null) {
        fixes.add(cut(s, endedAt == null ? s.from() : endedAt, Kind.OPEN_AFTER_END));
      } else if (ended && endedAt != null && s.until().isAfter(endedAt)) {
        fixes.add(cut(s, endedAt, Kind.PAST_END));
      } else if (s.until() == null) {
        open.add(s);
      }
    }
    if (open.size() > 1) {
      open.sort(Comparator.comparing(Stored::from).thenComparing(Stored::id));
      Stored latest = open.get(open.size() - 1);
      for (Stored s : open.subList(0, open.size() - 1)) {
        fixes.add(cut(s, latest.from(), Kind.TWO_OPEN));
      }
    }
    return fixes;
  }

  private static Fix cut(Stored s, Instant at, Kind kind) {
    return new Fix(s.id(), kind, at.isAfter(s.from()) ? at : null);
  }
}
