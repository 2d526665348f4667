package eu.federa.quota;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The resources a quota limits, in the order the usage page shows them. */
public enum QuotaResource {
  VCPU(Usage::vcpu, l -> l.vcpu() == null ? null : l.vcpu().longValue()),
  MEMORY_MIB(Usage::memoryMib, QuotaLimits::memoryMib),
  GPUS(Usage::gpus, l -> l.gpus() == null ? null : l.gpus().longValue()),
  VMS(Usage::vms, l -> l.vms() == null ? null : l.vms().longValue()),
  DISK_GIB(Usage::diskGib, l -> l.diskGib() == null ? null : l.diskGib().longValue()),
  AI_ENDPOINTS(
      Usage::aiEndpoints, l -> l.aiEndpoints() == null ? null : l.aiEndpoints().longValue());

  private final ToLongFunction<Usage> amount;
  private final Function<QuotaLimits, Long> limit;

  QuotaResource(ToLongFunction<Usage> amount, Function<QuotaLimits, Long> limit) {
    this.amount = amount;
    this.limit = limit;
  }

  public long of(Usage usage) {
    return amount.applyAsLong(usage);
  }

  /** The limit, or {@code null} for unlimited. */
  public Long limitIn(QuotaLimits limits) {
    return limit.apply(limits);
  }

  /** The message key of the resource's name ({@code quota.resource.VCPU}, ...). */
  public String labelKey() {
    return "quota.resource." + name();
  }
}
