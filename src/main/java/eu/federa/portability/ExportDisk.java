package eu.federa.portability;

import eu.federa.cloud.registry.DiskTransfer;

/**
 * One disk of an export: which VM's, where it is on its way (saved at the provider, published,
 * copied), and what Federa has of it. A row of {@code data_export_disk}, changed by the disk copier
 * and written back under the export's claim.
 */
final class ExportDisk extends DiskTransfer.Disk {

  final long id;
  final long exportId;
  final long orderId;
  final String vmName;
  final String providerName;
  final long sizeMib;

  ExportDisk(
      long id,
      long exportId,
      long orderId,
      String vmName,
      long providerId,
      String providerName,
      int vmId,
      int diskId,
      long sizeMib,
      DiskTransfer.State state) {
    super(providerId, vmId, diskId, state);
    this.id = id;
    this.exportId = exportId;
    this.orderId = orderId;
    this.vmName = vmName;
    this.providerName = providerName;
    this.sizeMib = sizeMib;
  }

  /** A disk that cannot be had for a reason of Federa's own (no provider involved). */
  void failed(String why) {
    this.state = DiskTransfer.State.FAILED;
    this.reason = why == null ? null : why.substring(0, Math.min(why.length(), 1000));
  }

  /** Its name at the provider while it is exported. */
  String nameAtProvider() {
    return "federa-export-" + exportId + "-disk-" + id;
  }

  /** Its name in the bundle. */
  String fileName() {
    return "disks/" + vmName + "-" + orderId + "-disk-" + diskId + ".qcow2";
  }
}
