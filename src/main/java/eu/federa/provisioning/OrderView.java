package eu.federa.provisioning;

import eu.federa.placement.PlacementChoices;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.text.Reason;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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

  /**
   * The same attributes as the table's columns (SQL, the order as {@code o}), for a read of several
   * capabilities in one statement ({@link eu.federa.platform.persistence.UnionRead}); {@link
   * #of(Row)} reads them.
   */
  static final List<UnionRead.Column> COLUMNS =
      List.of(
          UnionRead.Column.number("o.id"),
          UnionRead.Column.text("o.name"),
          UnionRead.Column.text("o.image_code"),
          UnionRead.Column.text("o.size_code"),
          UnionRead.Column.number("o.vcpu"),
          UnionRead.Column.number("o.memory_mib"),
          UnionRead.Column.number("o.disk_gib"),
          UnionRead.Column.number("o.gpus"),
          UnionRead.Column.text("o.state"),
          UnionRead.Column.text("o.one_state"),
          UnionRead.Column.text("o.failure_reason"),
          UnionRead.Column.text("o.provider_name"),
          UnionRead.Column.text("o.country_code"),
          UnionRead.Column.text("o.host_name"),
          UnionRead.Column.number("o.one_vm_id"),
          UnionRead.Column.text("o.ip_address"),
          UnionRead.Column.time("o.created_at"),
          UnionRead.Column.time("o.running_since"),
          UnionRead.Column.time("o.ended_at"),
          UnionRead.Column.decimal("o.estimate_eur_month"),
          UnionRead.Column.text("o.requested_by"),
          UnionRead.Column.text("o.ssh_public_keys"),
          UnionRead.Column.text("o.ssh_login_user"),
          UnionRead.Column.text("o.failure_key"),
          UnionRead.Column.number("o.public_address"),
          UnionRead.Column.text("o.public_ip"),
          UnionRead.Column.number("o.restore_backup_id"),
          UnionRead.Column.number("o.project_id"),
          UnionRead.Column.number("o.move_id"),
          UnionRead.Column.text("o.placement_choices"));

  /** A view of a row of {@link #COLUMNS}: the columns as the attributes' types, then as above. */
  static OrderView of(Row r) {
    return of(
        new Object[] {
          r.lng(0),
          r.str(1),
          r.str(2),
          r.str(3),
          r.integer(4),
          r.lng(5),
          r.integer(6),
          r.integer(7),
          OrderState.valueOf(r.str(8)),
          r.str(9),
          r.str(10),
          r.str(11),
          r.str(12),
          r.str(13),
          r.intOrNull(14),
          r.str(15),
          r.instant(16),
          r.instant(17),
          r.instant(18),
          r.decimal(19),
          r.str(20),
          r.str(21),
          r.str(22),
          r.str(23),
          r.bool(24),
          r.str(25),
          r.lngOrNull(26),
          r.lngOrNull(27),
          r.lngOrNull(28),
          r.str(29)
        });
  }

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
