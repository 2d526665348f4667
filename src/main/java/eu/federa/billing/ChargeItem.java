package eu.federa.billing;

/** What an invoice line charges for, and how its raw units become the billed quantity. */
public enum ChargeItem {
  /** vCPU-hours while running: units are vCPU-seconds. */
  VCPU_HOURS("vCPU-h"),
  /** GiB-hours of memory while running: units are MiB-seconds. */
  MEMORY_GIB_HOURS("GiB-h"),
  /** GPU-hours while running, per GPU model: units are GPU-seconds. */
  GPU_HOURS("GPU-h"),
  /**
   * GiB-months of disk, running or powered off: units are GiB-seconds, a GiB-month being the
   * billing month's own length (a full month costs the monthly rate, whatever its days).
   */
  DISK_GIB_MONTHS("GiB-mo"),
  /** Millions of input tokens of an AI endpoint. */
  TOKENS_IN_MILLIONS("M tokens"),
  /** Millions of output tokens of an AI endpoint. */
  TOKENS_OUT_MILLIONS("M tokens"),
  /** Hours of a public address, running or powered off: units are address-seconds. */
  PUBLIC_IP_HOURS("IP-h");

  private final String unit;

  ChargeItem(String unit) {
    this.unit = unit;
  }

  /** The unit's symbol as stored with a line and written in the CSV, for programs (English). */
  public String unit() {
    return unit;
  }

  /** The unit as a reader's language writes it ({@code GiB-Monat}), for pages. */
  public String unitKey() {
    return "billing.unit." + name();
  }

  public String labelKey() {
    return "billing.item." + name();
  }
}
