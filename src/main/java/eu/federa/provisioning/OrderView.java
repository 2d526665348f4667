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

  /**
   * The order's attributes a view is made of (JPQL, the order as {@code o}), in the order {@link
   * #of(Object[])} reads them: a list reads these and not the whole order (its placement
   * explanation, its job's log), a tenth of the resource list's time under load when it did.
   */
  static final String ATTRIBUTES =
      "o.id, o.name, o.imageCode, o.sizeCode, o.vcpu, o.memoryMib, o.diskGib, o.gpus, o.state,"
          + " o.oneState, o.failureReason, o.providerName, o.countryCode, o.hostName, o.oneVmId,"
          + " o.ipAddress, o.createdAt, o.runningSince, o.endedAt, o.estimateEurMonth,"
          + " o.requestedBy, o.sshPublicKeys, o.sshLoginUser, o.failureKey, o.publicAddress,"
          + " o.publicIp, o.restoreBackupId, o.projectId, o.moveId, o.placementChoices";

  static OrderView of(VmOrder o) {
    return of(o.viewAttributes());
  }

  /** A view of an order's {@link #ATTRIBUTES}, in their order. */
  static OrderView of(Object[] a) {
    OrderState state = (OrderState) a[8];
    String keys = (String) a[21];
    return new OrderView(
        (Long) a[0],
        (String) a[1],
        (String) a[2],
        (String) a[3],
        (Integer) a[4],
        (Long) a[5],
        (Integer) a[6],
        (Integer) a[7],
        state,
        (String) a[9],
        (String) a[10],
        (String) a[11],
        (String) a[12],
        (String) a[13],
        (Integer) a[14],
        (String) a[15],
        (Instant) a[16],
        (Instant) a[17],
        (Instant) a[18],
        VmOrder.allows(state, OrderState.STOPPING),
        VmOrder.allows(state, OrderState.STARTING),
        VmOrder.allows(state, OrderState.REBOOTING),
        VmOrder.allows(state, OrderState.TERMINATING),
        (BigDecimal) a[19],
        (String) a[20],
        VmOrder.keyLines(keys).size(),
        (String) a[22],
        (String) a[23],
        (Boolean) a[24],
        (String) a[25],
        (Long) a[26],
        (Long) a[27],
        (Long) a[28],
        PlacementChoices.fromJson((String) a[29]));
  }

  /** Why it failed or ended, for translation ({@link Reason#decode}); null when it did not. */
  public Reason reason() {
    return Reason.decode(failureKey);
  }

  /**
   * Its state at the provider as a page names it: the last part of its {@code resource.oneState.}
   * key ({@link eu.federa.cloud.VmCondition#word}).
   */
  public String oneStateWord() {
    return eu.federa.cloud.VmCondition.word(oneState);
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
