package eu.federa.portability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Switching and egress charges of an exit (Data Act Art. 29): allowed only at cost, and only for a
 * switch before 12 January 2027; none at all from that day. Federa charges none in either case: the
 * request page and the API say so before a request is confirmed, and the request records the charge
 * shown (zero).
 */
final class ExitCharges {

  /** From this moment (UTC) the regulation forbids any switching charge. */
  static final Instant CHARGES_FORBIDDEN_FROM = Instant.parse("2027-01-12T00:00:00Z");

  private ExitCharges() {}

  /** Whether the regulation would still allow a charge at cost for a transition starting then. */
  static boolean allowedAt(Instant transitionStartsAt) {
    return transitionStartsAt.isBefore(CHARGES_FORBIDDEN_FROM);
  }

  /** What Federa charges for a switch starting then: nothing. */
  static BigDecimal chargeFor(Instant transitionStartsAt) {
    return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
  }
}
