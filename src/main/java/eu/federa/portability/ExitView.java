package eu.federa.portability;

import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's exit request as its page and the API show it: the timeline with each phase's dates,
 * and what may be done now.
 *
 * @param step within the retrieval and erasure phases, what is being done (null otherwise)
 * @param problem why the last step is being tried again, in English (the API); null when none
 * @param problemReason the same, for a page to say in its reader's language
 */
public record ExitView(
    long id,
    long tenantId,
    ExitPhase phase,
    ExitStep step,
    ExitDestination destination,
    String destinationNote,
    Instant requestedAt,
    Instant transitionStartsAt,
    Instant transitionEndsAt,
    Instant retrievalEndsAt,
    boolean extended,
    String justification,
    BigDecimal switchingChargeEur,
    Long finalExportId,
    String problem,
    Reason problemReason,
    Instant endedAt,
    boolean recorded,
    List<Phase> timeline)
    implements Serializable {

  /**
   * One phase on the timeline.
   *
   * @param state {@code done}, {@code current} or {@code next}
   */
  public record Phase(ExitPhase phase, Instant from, Instant until, String state)
      implements Serializable {}

  static ExitView of(ExitRequest e, boolean recorded) {
    return new ExitView(
        e.getId() == null ? 0 : e.getId(),
        e.getTenantId(),
        e.getPhase(),
        e.getStep(),
        e.getDestination(),
        e.getDestinationNote(),
        e.getRequestedAt(),
        e.getTransitionStartsAt(),
        e.getTransitionEndsAt(),
        e.getRetrievalEndsAt(),
        e.getExtendedAt() != null,
        e.getJustification(),
        e.getSwitchingChargeEur(),
        e.getFinalExportId(),
        e.getReason() == null ? null : e.getReason().english(),
        e.getReason(),
        e.getEndedAt(),
        recorded,
        timeline(e));
  }

  private static List<Phase> timeline(ExitRequest e) {
    List<ExitPhase> order =
        List.of(ExitPhase.NOTICE, ExitPhase.TRANSITION, ExitPhase.RETRIEVAL, ExitPhase.ERASING);
    int current = e.getPhase() == ExitPhase.ERASED ? order.size() : order.indexOf(e.getPhase());
    List<Phase> phases = new ArrayList<>();
    Instant[] from = {
      e.getRequestedAt(), e.getTransitionStartsAt(), e.getTransitionEndsAt(), e.getRetrievalEndsAt()
    };
    Instant[] until = {
      e.getTransitionStartsAt(),
      e.getTransitionEndsAt(),
      e.getRetrievalEndsAt(),
      e.getPhase() == ExitPhase.ERASED ? e.getEndedAt() : null
    };
    for (int i = 0; i < order.size(); i++) {
      if (i == 2 && !e.isExportWanted()) {
        continue; // erase only: no retrieval window
      }
      String state =
          e.getPhase() == ExitPhase.CANCELLED
              ? "cancelled"
              : i < current ? "done" : i == current ? "current" : "next";
      phases.add(new Phase(order.get(i), from[i], until[i], state));
    }
    return phases;
  }

  /** The tenant may still extend (once) or cancel. */
  public boolean open() {
    return phase.beforeTransitionEnd();
  }

  public boolean canExtend() {
    return open() && !extended;
  }
}
