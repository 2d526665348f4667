package eu.federa.storage;

import eu.federa.platform.text.Reason;
import java.io.Serializable;
import java.time.Instant;

/**
 * A volume as its project's members see it.
 *
 * @param orderId the VM it is (being) attached to, null when none
 * @param reason why its last step failed, null when none did
 * @param problem the same in English (for the API and logs), null when none
 */
public record VolumeView(
    long id,
    Long projectId,
    String name,
    int sizeGib,
    VolumeState state,
    long providerId,
    String providerName,
    Long orderId,
    String vmName,
    Reason reason,
    String problem,
    Instant createdAt)
    implements Serializable {

  static VolumeView of(Volume v) {
    return new VolumeView(
        v.getId(),
        v.getProjectId(),
        v.getName(),
        v.getSizeGib(),
        v.getState(),
        v.getProviderId(),
        v.getProviderName(),
        v.getOrderId(),
        v.getVmName(),
        v.getReason(),
        v.getReason() == null ? null : v.getReason().english(),
        v.getCreatedAt());
  }

  /** May be deleted now. */
  public boolean deletable() {
    return state == VolumeState.AVAILABLE;
  }

  /** May be detached now. */
  public boolean detachable() {
    return state == VolumeState.ATTACHED;
  }
}
