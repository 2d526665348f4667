package eu.federa.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What a check of the audit chain found: how many events are sealed, how many of their personal
 * parts were erased with their tenant (those still verify as events), how many recent events wait
 * for their seal, the chain's end, and the first problems found (an event removed or altered, a
 * seal removed, the end cut off).
 */
public record ChainVerification(
    Instant checkedAt,
    long sealed,
    long erased,
    long pending,
    long headSeq,
    String headHash,
    long problemCount,
    List<Problem> problems)
    implements Serializable {

  /** One thing found wrong: at which seal, about which event (null: none in particular). */
  public record Problem(Kind kind, long seq, Long eventId) implements Serializable {}

  public enum Kind {
    /** Seals are missing before this one: removed from the chain. */
    SEALS_MISSING,
    /** The event this seal seals is gone. */
    EVENT_MISSING,
    /** The event's columns, or its seal, are not what was sealed. */
    EVENT_ALTERED,
    /** The event's personal part changed without an erasure. */
    PERSONAL_ALTERED,
    /** The chain's last seal is not the one its head records: seals were removed from its end. */
    END_ALTERED
  }

  public boolean intact() {
    return problemCount == 0;
  }
}
