package eu.federa.billing;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's rates for a period [validFrom, validUntil); {@code validUntil} null is open-ended.
 *
 * @param gpuHourByModel EUR per GPU-hour, by GPU model (part of the device name, e.g. H100)
 * @param eurPerPublicIpHour EUR per public address and hour, held while the VM exists (running or
 *     powered off); null when the provider's addresses are not priced (they cannot be ordered)
 * @param tokensByModel EUR per million input and output tokens of a model (its catalog code), where
 *     the list prices it apart from its general token rates
 */
public record PriceList(
    Long id,
    long providerId,
    Instant validFrom,
    Instant validUntil,
    BigDecimal eurPerVcpuHour,
    BigDecimal eurPerGibMemoryHour,
    BigDecimal eurPerGibDiskMonth,
    BigDecimal eurPerMillionTokensIn,
    BigDecimal eurPerMillionTokensOut,
    Map<String, BigDecimal> gpuHourByModel,
    BigDecimal eurPerPublicIpHour,
    Map<String, TokenRates> tokensByModel)
    implements Serializable {

  /** EUR per million input and output tokens. */
  public record TokenRates(BigDecimal eurPerMillionIn, BigDecimal eurPerMillionOut)
      implements Serializable {}

  /** A list without a price for public addresses. */
  public PriceList(
      Long id,
      long providerId,
      Instant validFrom,
      Instant validUntil,
      BigDecimal eurPerVcpuHour,
      BigDecimal eurPerGibMemoryHour,
      BigDecimal eurPerGibDiskMonth,
      BigDecimal eurPerMillionTokensIn,
      BigDecimal eurPerMillionTokensOut,
      Map<String, BigDecimal> gpuHourByModel) {
    this(
        id,
        providerId,
        validFrom,
        validUntil,
        eurPerVcpuHour,
        eurPerGibMemoryHour,
        eurPerGibDiskMonth,
        eurPerMillionTokensIn,
        eurPerMillionTokensOut,
        gpuHourByModel,
        null,
        Map.of());
  }

  /** Hours of a month in estimates (365 × 24 / 12); bills count the real hours. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

  public PriceList {
    gpuHourByModel = Map.copyOf(gpuHourByModel);
    tokensByModel = Map.copyOf(tokensByModel);
  }

  /** The token rates of a model: its own line of the list, else the list's general rates. */
  public TokenRates tokenRates(String modelCode) {
    TokenRates own = modelCode == null ? null : tokensByModel.get(modelCode);
    return own != null ? own : new TokenRates(eurPerMillionTokensIn, eurPerMillionTokensOut);
  }

  /** Whether the list applies at {@code at}. */
  public boolean appliesAt(Instant at) {
    return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil));
  }

  /** Whether two lists' periods share an instant. */
  public boolean overlaps(Instant from, Instant until) {
    boolean startsBeforeOtherEnds = until == null || validFrom.isBefore(until);
    boolean endsAfterOtherStarts = validUntil == null || from.isBefore(validUntil);
    return startsBeforeOtherEnds && endsAfterOtherStarts;
  }

  /** The GPU-hour rate for a model, matched as part of the name ignoring case. */
  public Optional<BigDecimal> gpuHour(String gpuModel) {
    if (gpuModel == null) {
      return gpuHourByModel.size() == 1
          ? Optional.of(gpuHourByModel.values().iterator().next())
          : Optional.empty();
    }
    String wanted = gpuModel.toLowerCase(Locale.ROOT);
    return gpuHourByModel.entrySet().stream()
        .filter(
            e ->
                wanted.contains(e.getKey().toLowerCase(Locale.ROOT))
                    || e.getKey().toLowerCase(Locale.ROOT).contains(wanted))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * What one VM of this size costs here, or empty when a GPU of its model has no rate. Rates are
   * multiplied exactly; only the results are rounded (half-even): per hour to 4 decimals, per month
   * to the cent.
   */
  public Optional<Estimate> estimate(
      int vcpu, long memoryMib, int diskGib, int gpus, String gpuModel) {
    return estimate(vcpu, memoryMib, diskGib, gpus, gpuModel, 0);
  }

  /**
   * {@link #estimate(int, long, int, int, String)} with {@code publicIps} public addresses, charged
   * all month like the disk; empty also when addresses are wanted and not priced here.
   */
  public Optional<Estimate> estimate(
      int vcpu, long memoryMib, int diskGib, int gpus, String gpuModel, int publicIps) {
    if (publicIps > 0 && eurPerPublicIpHour == null) {
      return Optional.empty();
    }
    BigDecimal compute =
        eurPerVcpuHour
            .multiply(BigDecimal.valueOf(vcpu))
            .add(
                eurPerGibMemoryHour.multiply(
                    BigDecimal.valueOf(memoryMib).divide(MIB_PER_GIB, 6, RoundingMode.HALF_EVEN)));
    BigDecimal gpu = BigDecimal.ZERO;
    if (gpus > 0) {
      Optional<BigDecimal> rate = gpuHour(gpuModel);
      if (rate.isEmpty()) {
        return Optional.empty();
      }
      gpu = rate.get().multiply(BigDecimal.valueOf(gpus));
    }
    BigDecimal diskMonth = eurPerGibDiskMonth.multiply(BigDecimal.valueOf(diskGib));
    // Held while the VM exists, running or not, like the disk.
    BigDecimal addressMonth =
        publicIps == 0
            ? BigDecimal.ZERO
            : eurPerPublicIpHour.multiply(BigDecimal.valueOf(publicIps)).multiply(HOURS_PER_MONTH);
    BigDecimal runningHour = compute.add(gpu);
    BigDecimal month = runningHour.multiply(HOURS_PER_MONTH).add(diskMonth).add(addressMonth);
    BigDecimal hour = month.divide(HOURS_PER_MONTH, 6, RoundingMode.HALF_EVEN);
    return Optional.of(
        new Estimate(
            hour.setScale(4, RoundingMode.HALF_EVEN),
            month.setScale(2, RoundingMode.HALF_EVEN),
            gpu.multiply(HOURS_PER_MONTH).setScale(2, RoundingMode.HALF_EVEN),
            diskMonth.setScale(2, RoundingMode.HALF_EVEN),
            addressMonth.setScale(2, RoundingMode.HALF_EVEN)));
  }

  /**
   * @param eurPerHour running, disk included (its monthly price spread over 730 hours)
   * @param eurPerMonth running all month (730 hours)
   * @param gpuEurPerMonth the GPU-hours' part of the month
   * @param diskEurPerMonth the disk's part, also charged while powered off
   * @param publicIpEurPerMonth the public addresses' part, also charged while powered off
   */
  public record Estimate(
      BigDecimal eurPerHour,
      BigDecimal eurPerMonth,
      BigDecimal gpuEurPerMonth,
      BigDecimal diskEurPerMonth,
      BigDecimal publicIpEurPerMonth)
      implements Serializable {

    public Estimate plus(Estimate other) {
      return new Estimate(
          eurPerHour.add(other.eurPerHour),
          eurPerMonth.add(other.eurPerMonth),
          gpuEurPerMonth.add(other.gpuEurPerMonth),
          diskEurPerMonth.add(other.diskEurPerMonth),
          publicIpEurPerMonth.add(other.publicIpEurPerMonth));
    }

    public Estimate times(int count) {
      BigDecimal n = BigDecimal.valueOf(count);
      return new Estimate(
          eurPerHour.multiply(n),
          eurPerMonth.multiply(n),
          gpuEurPerMonth.multiply(n),
          diskEurPerMonth.multiply(n),
          publicIpEurPerMonth.multiply(n));
    }
  }
}
