package eu.federa.portability;

/**
 * One disk of an export: which VM's, where it is on its way (saved at the provider, published,
 * copied), and what Federa has of it. A row of {@code data_export_disk}, changed by the disk copier
 * and written back under the export's claim.
 */
final class ExportDisk {

  /** Where a disk is on its way into the bundle. */
  enum State {
    WAITING,
    SAVING,
    PUBLISHING,
    COPYING,
    DONE,
    FAILED;

    boolean over() {
      return this == DONE || this == FAILED;
    }
  }

  final long id;
  final long exportId;
  final long orderId;
  final String vmName;
  final long providerId;
  final String providerName;
  final int vmId;
  final int diskId;
  final long sizeMib;
  State state;
  Integer imageId;
  Integer appId;
  String source;
  String md5;
  String format;
  long bytesDone;
  Long sizeBytes;
  String sha256;
  String reason;

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
      State state) {
    this.id = id;
    this.exportId = exportId;
    this.orderId = orderId;
    this.vmName = vmName;
    this.providerId = providerId;
    this.providerName = providerName;
    this.vmId = vmId;
    this.diskId = diskId;
    this.sizeMib = sizeMib;
    this.state = state;
  }

  void failed(String why) {
    this.state = State.FAILED;
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
