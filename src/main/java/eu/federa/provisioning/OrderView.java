package eu.federa.provisioning;

import eu.federa.placement.PlacementChoices;
import eu.federa.platform.text.Reason;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as pages and the API show it.
 *
 * @param restoredFromBackup the backup its VM was made from, null for a VM of the catalog's image
 * @param projectId its project, null for the organisation's own
 * @param moveId its move to another provider under way or awaiting a decision, if any
 * @param placement where the orderer wanted it to run ({@link PlacementChoices#NONE}: no choice
 *     beyond its countries)
 */
public record OrderView(
    long id,
    String name,
    String imageCode,
    String sizeCode,
    int vcpu,
    long memoryMib,
    int diskGib,
    int gpus,
    OrderState state,
    String oneState,
    String failureReason,
    String providerName,
    String countryCode,
    String hostName,
    Integer vmId,
    String ipAddress,
    Instant createdAt,
    Instant runningSince,
    Instant endedAt,
    boolean canStop,
    boolean canStart,
    boolean canReboot,
    boolean canTerminate,
    BigDecimal estimateEurMonth,
    String requestedBy,
    int sshKeys,
    String sshLoginUser,
    @JsonbTransient String failureKey,
    boolean publicAddress,
    String publicIp,
    Long restoredFromBackup,
    Long projectId,
    Long moveId,
    PlacementChoices placement)
    implements Serializable {

  static OrderView of(VmOrder o) {
    return new OrderView(
        o.getId(),
        o.getName(),
        o.getImageCode(),
        o.getSizeCode(),
        o.getVcpu(),
        o.getMemoryMib(),
        o.getDiskGib(),
        o.getGpus(),
        o.getState(),
        o.getOneState(),
        o.getFailureReason(),
        o.getProviderName(),
        o.getCountryCode(),
        o.getHostName(),
        o.getOneVmId(),
        o.getIpAddress(),
        o.getCreatedAt(),
        o.getRunningSince(),
        o.getEndedAt(),
        o.allows(OrderState.STOPPING),
        o.allows(OrderState.STARTING),
        o.allows(OrderState.REBOOTING),
        o.allows(OrderState.TERMINATING),
        o.getEstimateEurMonth(),
        o.getRequestedBy(),
        o.getSshPublicKeys().size(),
        o.getSshLoginUser(),
        o.getFailureKey(),
        o.isPublicAddress(),
        o.getPublicIp(),
        o.getRestoreBackupId(),
        o.getProjectId(),
        o.getMoveId(),
        o.placementChoices());
  }

  /** Why it failed or ended, for translation ({@link Reason#decode}); null when it did not. */
  public Reason reason() {
    return Reason.decode(failureKey);
  }

  /**
   * The command that signs in to the VM with one of its keys, once it has an address (its public
   * one when it has one); null before, or when it was given no key.
   */
  public String sshCommand() {
    String address = publicIp != null && !publicIp.isBlank() ? publicIp : ipAddress;
    if (sshKeys == 0 || sshLoginUser == null || address == null || address.isBlank()) {
      return null;
    }
    return "ssh " + sshLoginUser + "@" + address;
  }

  /** Whether it may be moved to another provider now, or has a move to follow. */
  public boolean movable() {
    return state == OrderState.RUNNING || state == OrderState.STOPPED || moveId != null;
  }

  public boolean inProgress() {
    return state.inProgress();
  }

  public long memoryGib() {
    return memoryMib / 1024;
  }
}
