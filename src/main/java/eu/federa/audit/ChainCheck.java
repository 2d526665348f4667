package eu.federa.audit;

import eu.federa.audit.ChainVerification.Kind;
import eu.federa.audit.ChainVerification.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the chain in the order sealed and recomputes every link; knows nothing of the database, so
 * that each kind of tampering is tested on rows made for it. One alteration is reported once: the
 * walk goes on from the hash stored in the seal.
 */
final class ChainCheck {

  /** At most this many problems are listed; all are counted. */
  static final int LISTED = 20;

  /** One seal as the check reads it, with the event it seals (its columns null when gone). */
  record SealedRow(
      long seq,
      long eventId,
      String personalSha256,
      String hash,
      boolean eventPresent,
      Instant occurredAt,
      Long tenantId,
      String action,
      String outcome,
      String actorSubject,
      String actorName,
      String target,
      String clientAddress,
      String detail,
      boolean erased) {}

  private long expectedSeq = 1;
  private String previous = ChainHash.GENESIS;
  private long sealed;
  private long erased;
  private long problemCount;
  private final List<Problem> problems = new ArrayList<>();

  void accept(SealedRow row) {
    sealed++;
    boolean linked = row.seq() == expectedSeq;
    if (!linked) {
      problem(Kind.SEALS_MISSING, row.seq(), null);
    }
    expectedSeq = row.seq() + 1;
    if (row.erased()) {
      erased++;
    }
    if (!row.eventPresent()) {
      problem(Kind.EVENT_MISSING, row.seq(), row.eventId());
    } else {
      String personal =
          ChainHash.personal(
              row.actorSubject(), row.actorName(), row.target(), row.clientAddress(), row.detail());
      if (!personal.equals(row.personalSha256()) && !row.erased()) {
        problem(Kind.PERSONAL_ALTERED, row.seq(), row.eventId());
      }
      String link =
          ChainHash.link(
              previous,
              row.eventId(),
              row.occurredAt(),
              row.tenantId(),
              row.action(),
              row.outcome(),
              row.personalSha256());
      if (linked && !link.equals(row.hash())) {
        problem(Kind.EVENT_ALTERED, row.seq(), row.eventId());
      }
    }
    previous = row.hash();
  }

  /** The result, given the chain's head as recorded and the events not sealed yet. */
  ChainVerification finish(Instant checkedAt, long headSeq, String headHash, long pending) {
    if (headSeq != expectedSeq - 1 || !headHash.equals(previous)) {
      problem(Kind.END_ALTERED, headSeq, null);
    }
    return new ChainVerification(
        checkedAt, sealed, erased, pending, headSeq, headHash, problemCount, List.copyOf(problems));
  }

  private void problem(Kind kind, long seq, Long eventId) {
    problemCount++;
    if (problems.size() < LISTED) {
      problems.add(new Problem(kind, seq, eventId));
    }
  }
}
