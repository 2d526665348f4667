package eu.federa.platform.persistence;

/**
 * The reads that check a limit or an invariant ("room left in the quota", "another admin left"),
 * made after the lock that guards it.
 *
 * <p>Under MariaDB's REPEATABLE READ a plain {@code SELECT} answers from the snapshot the
 * transaction took at its first plain read. When that read came before the lock (an access check,
 * loading the order), the snapshot misses what a concurrent transaction committed while this one
 * waited for the lock, and the check passes on stale numbers: two admins demoting each other both
 * see two admins; a resize and an order both see the room that only one of them may take. A locking
 * read ({@code LOCK IN SHARE MODE}) always sees the latest committed rows, whatever the transaction
 * read before. Every such check builds its query here, so that "lock, then read the current rows"
 * does not depend on the order of the statements before it.
 */
public final class CurrentReads {

  private CurrentReads() {}

  /**
   * {@code select} as a read of the latest committed rows, share-locked until the transaction ends.
   */
  public static String of(String select) {
    String trimmed = select.strip();
    if (!trimmed.regionMatches(true, 0, "SELECT ", 0, 7) || trimmed.contains(";")) {
      throw new IllegalArgumentException("Not a single SELECT: " + select);
    }
    return trimmed + " LOCK IN SHARE MODE";
  }
}
