package eu.federa.storage;

import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.time.Instant;

/**
 * A disk snapshot as the VM's and volumes' pages and the API show it.
 *
 * @param volumeId the volume whose snapshot it is (its name beside), null for the VM's own disk
 * @param problem why its last step failed, in English (for the API and logs), null when none
 */
public record SnapshotView(
    long id,
    long orderId,
    String name,
    long sizeMib,
    SnapshotState state,
    Reason reason,
    String problem,
    Instant createdAt,
    Instant revertedAt,
    Long volumeId,
    String volumeName)
    implements Serializable {

  static SnapshotView of(Snapshot s) {
    return new SnapshotView(
        s.getId(),
        s.getOrderId(),
        s.getName(),
        s.getSizeMib(),
        s.getState(),
        s.getReason(),
        s.getReason() == null ? null : s.getReason().english(),
        s.getCreatedAt(),
        s.getRevertedAt(),
        s.getVolumeId(),
        s.getVolumeName());
  }

  /** Taken and resting: it may be restored (VM stopped) or deleted. */
  public boolean ready() {
    return state == SnapshotState.READY;
  }
}
