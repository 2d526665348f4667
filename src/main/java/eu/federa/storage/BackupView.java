package eu.federa.storage;

import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.time.Instant;

/**
 * A backup as the VM's page, the storage page and the API show it.
 *
 * @param problem why its last step failed, in English (for the API and logs), null when none
 */
public record BackupView(
    long id,
    long orderId,
    String vmName,
    String name,
    boolean scheduled,
    String providerName,
    long sizeMib,
    BackupState state,
    Reason reason,
    String problem,
    Instant createdAt)
    implements Serializable {

  static BackupView of(Backup b) {
    return new BackupView(
        b.getId(),
        b.getOrderId(),
        b.getVmName(),
        b.getName(),
        b.isScheduled(),
        b.getProviderName(),
        b.getSizeMib(),
        b.getState(),
        b.getReason(),
        b.getReason() == null ? null : b.getReason().english(),
        b.getCreatedAt());
  }

  /** Made and resting: it may be restored or deleted. */
  public boolean ready() {
    return state == BackupState.READY;
  }
}
