package eu.federa.moves;

import eu.federa.platform.text.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A move as its page and the API show it: where it is, how far the disks came (the VM's and its
 * volumes'), how fast, how long is left, what it costs before and after, and why it went back if it
 * did.
 *
 * @param bytesPerSecond the copy's throughput in this attempt; null before it starts or after
 * @param secondsLeft the copy's time left at that throughput; null when not known
 */
public record MoveView(
    long id,
    long orderId,
    String vmName,
    MoveState state,
    MovePhase phase,
    int percent,
    String sourceProviderName,
    String sourceCountry,
    String targetProviderName,
    String targetCountry,
    String targetHostName,
    long bytesDone,
    long bytesTotal,
    Long bytesPerSecond,
    Long secondsLeft,
    BigDecimal priceBeforeEurMonth,
    BigDecimal priceAfterEurMonth,
    Instant createdAt,
    Instant cutoverAt,
    Instant keepSourceUntil,
    Instant endedAt,
    MovePhase failedPhase,
    Reason failure)
    implements java.io.Serializable {

  static MoveView of(VmMove m, Instant now) {
    long total =
        (m.getSizeBytes() != null ? m.getSizeBytes() : m.getDiskSizeMib() * 1024L * 1024L)
            + m.getVolumesBytesTotal();
    long done = Math.min(m.allBytesDone(), total);
    Long rate = null;
    Long left = null;
    if (m.getPhase() == MovePhase.COPYING_DISK && m.getCopySince() != null) {
      long seconds = Math.max(1, Duration.between(m.getCopySince(), now).toSeconds());
      long copied = m.allBytesDone() - m.getCopyBytesSince();
      if (copied > 0) {
        rate = copied / seconds;
        left = rate > 0 ? Math.max(0, total - done) / rate : null;
      }
    }
    int percent = m.getPhase().percent();
    if (m.getPhase() == MovePhase.COPYING_DISK && total > 0) {
      // The copy is the long part: it fills the bar from 25 % to 60 %.
      percent = 25 + (int) (35 * done / total);
    }
    return new MoveView(
        m.getId(),
        m.getOrderId(),
        m.getVmName(),
        m.getState(),
        m.getPhase(),
        percent,
        m.getSourceProviderName(),
        m.getSourceCountry(),
        m.getTargetProviderName(),
        m.getTargetCountry(),
        m.getTargetHostName(),
        done,
        total,
        rate,
        left,
        m.getPriceBeforeEurMonth(),
        m.getPriceAfterEurMonth(),
        m.getCreatedAt(),
        m.getCutoverAt(),
        m.getKeepSourceUntil(),
        m.getEndedAt(),
        m.getFailedPhase(),
        m.getFailureKey() == null ? null : Reason.decode(m.getFailureKey()));
  }

  /** The price difference per month (after minus before); null when a price is not known. */
  public BigDecimal differenceEurPerMonth() {
    return priceBeforeEurMonth == null || priceAfterEurMonth == null
        ? null
        : priceAfterEurMonth.subtract(priceBeforeEurMonth);
  }

  /** The user may confirm it (the source goes) or take it back (the VM goes back to it). */
  public boolean awaitsDecision() {
    return state == MoveState.KEPT && phase == MovePhase.KEEPING_SOURCE;
  }

  /** The user may still call it off (before the VM at the target is checked). */
  public boolean cancellable() {
    return state == MoveState.MOVING && phase.ordinal() < MovePhase.CHECKING.ordinal();
  }
}
