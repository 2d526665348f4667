package eu.federa.portability;

import eu.federa.platform.text.Reason;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An import as the imports page and the API show it: the organisation it recreates, where it
 * stands, and each VM of the bundle with its disk's copy, its order and its provider.
 *
 * @param reason why it failed (or why its last attempt did), in English; null when it did not
 */
public record ImportView(
    long id,
    String name,
    String countryCode,
    String vatId,
    Long tenantId,
    long sourceTenantId,
    Instant bundleCreatedAt,
    boolean sameIssuer,
    String state,
    String step,
    int membersJoined,
    int membersInvited,
    int blackoutWindowsLeftOut,
    String reason,
    @JsonbTransient Reason problemReason,
    Instant createdAt,
    Instant finishedAt,
    List<Vm> vms)
    implements Serializable {

  /**
   * A VM of the bundle.
   *
   * @param reason why it is not recreated, in English; null when it is (or is on its way)
   */
  public record Vm(
      long id,
      String name,
      String project,
      String imageCode,
      String sizeCode,
      String state,
      Long diskBytes,
      long bytesCopied,
      boolean diskInBundle,
      Long orderId,
      String providerName,
      String reason,
      @JsonbTransient Reason problemReason)
      implements Serializable {}

  static ImportView of(BundleImport i, List<BundleImportVm> vms) {
    Reason problem = Reason.decode(i.getReason());
    return new ImportView(
        i.getId(),
        i.getName(),
        i.getCountryCode(),
        i.getVatId(),
        i.getTenantId(),
        i.getSourceTenantId(),
        i.getSourceCreatedAt(),
        i.isSameIssuer(),
        i.getState().name(),
        i.getStep().name(),
        i.getMembersJoined(),
        i.getMembersInvited(),
        i.getBlackoutWindowsLeftOut(),
        problem == null ? null : problem.english(),
        problem,
        i.getCreatedAt(),
        i.getFinishedAt(),
        vms.stream().map(ImportView::vm).toList());
  }

  private static Vm vm(BundleImportVm v) {
    Reason problem = Reason.decode(v.getReason());
    return new Vm(
        v.getId(),
        v.getVmName(),
        v.getProjectName(),
        v.getImageCode(),
        v.getSizeCode(),
        v.getState().name(),
        v.getDiskBytes(),
        v.getBytesDone(),
        v.getDiskPath() != null,
        v.getOrderId(),
        v.getProviderName(),
        problem == null ? null : problem.english(),
        problem);
  }

  /** How many of its VMs run here now. */
  public long running() {
    return vms.stream().filter(v -> "RUNNING".equals(v.state())).count();
  }

  public boolean over() {
    return "DONE".equals(state) || "FAILED".equals(state);
  }
}
