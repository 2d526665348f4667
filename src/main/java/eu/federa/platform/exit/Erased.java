package eu.federa.platform.exit;

import java.time.LocalDate;

/**
 * What an erasure did with one kind of a tenant's data.
 *
 * @param what the kind of data, for people: "memberships", "invoices"
 * @param outcome what happened to it
 * @param count how many records
 * @param keptUntil for kept data, until when the law makes Federa keep it; else null
 * @param why for kept data, the reason (the law); else null
 */
public record Erased(String what, Outcome outcome, long count, LocalDate keptUntil, String why) {

  /** What happened to the data. */
  public enum Outcome {
    DELETED,
    PSEUDONYMISED,
    KEPT
  }

  public static Erased deleted(String what, long count) {
    return new Erased(what, Outcome.DELETED, count, null, null);
  }

  public static Erased pseudonymised(String what, long count) {
    return new Erased(what, Outcome.PSEUDONYMISED, count, null, null);
  }

  public static Erased kept(String what, long count, LocalDate until, String why) {
    return new Erased(what, Outcome.KEPT, count, until, why);
  }
}
