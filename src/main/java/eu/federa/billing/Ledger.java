package eu.federa.billing;

import eu.federa.platform.i18n.Moment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rates usage into invoice lines. Usage is summed exactly, in whole units (vCPU-seconds,
 * MiB-seconds, tokens, ...), per line: project, provider, item and unit price. A line's amount is
 * its exact quantity times its unit price, rounded once, half-even, to the cent; the total is the
 * sum of the rounded lines. An interval that crosses a price change is cut at the change and
 * charged at each list's rates, which gives one line per price.
 *
 * <p>Not thread-safe; one ledger rates one invoice (or one resource's cost).
 */
public final class Ledger {

  private static final long SECONDS_PER_HOUR = 3600;
  private static final long MIB_SECONDS_PER_GIB_HOUR = 1024 * SECONDS_PER_HOUR;
  private static final long TOKENS_PER_MILLION = 1_000_000;

  /** What makes a line: everything but the amount. {@code divisor} turns units into quantity. */
  public record LineKey(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      ChargeItem item,
      String detail,
      BigDecimal unitPriceEur,
      long divisor) {

    /**
     * Written out: the record's generated one (a method handle per component) was 1.5 % of the
     * resource list's time under load, where every usage interval of a page's VMs is rated.
     */
    @Override
    public int hashCode() {
      int h = Long.hashCode(providerId);
      h = 31 * h + java.util.Objects.hashCode(projectId);
      h = 31 * h + java.util.Objects.hashCode(providerName);
      h = 31 * h + java.util.Objects.hashCode(countryCode);
      h = 31 * h + java.util.Objects.hashCode(item);
      h = 31 * h + java.util.Objects.hashCode(detail);
      h = 31 * h + java.util.Objects.hashCode(unitPriceEur);
      return 31 * h + Long.hashCode(divisor);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof LineKey k
          && providerId == k.providerId
          && divisor == k.divisor
          && item == k.item
          && java.util.Objects.equals(projectId, k.projectId)
          && java.util.Objects.equals(providerName, k.providerName)
          && java.util.Objects.equals(countryCode, k.countryCode)
          && java.util.Objects.equals(detail, k.detail)
          && java.util.Objects.equals(unitPriceEur, k.unitPriceEur);
    }
  }

  /** A rated line. */
  public record Line(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      ChargeItem item,
      String detail,
      BigDecimal quantity,
      BigDecimal unitPriceEur,
      BigDecimal amountEur) {}

  private final Map<LineKey, Long> units = new HashMap<>();
  private final Set<UnpricedUsage> problems = new LinkedHashSet<>();

  /**
   * Usage summed per project, provider, price list and GPU model before it becomes lines: one map
   * update per interval instead of one per item. Values: vCPU-, MiB-, GPU-, disk GiB- and
   * address-seconds.
   */
  private record Bucket(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      int listNo,
      String gpuModel,
      long monthSeconds) {}

  private final Map<Bucket, long[]> buckets = new HashMap<>();
  private final Map<PriceList, Integer> listNumbers = new IdentityHashMap<>();
  private final List<PriceList> numberedLists = new ArrayList<>();

  /** The month last seen, to skip the calendar for intervals within it (nearly all). */
  private Instant monthStart = Instant.MAX;

  private Instant monthEnd = Instant.MIN;
  private long monthSeconds;

  /**
   * A ledger that starts where this one is: what is added to either afterwards stays apart from the
   * other (a node's rated settled usage, copied for each view that adds the rest).
   */
  public Ledger copy() {
    Ledger copy = new Ledger();
    copy.units.putAll(units);
    copy.problems.addAll(problems);
    buckets.forEach((bucket, sums) -> copy.buckets.put(bucket, sums.clone()));
    copy.listNumbers.putAll(listNumbers);
    copy.numberedLists.addAll(numberedLists);
    return copy;
  }

  /**
   * Adds an interval, charged at its provider's lists (all of them, in any order). Any part of it
   * that no list covers is not charged and is reported in {@link #problems()}.
   */
  public void add(UsageRecord r, List<PriceList> providerLists) {
    List<PriceList> lists = sorted(providerLists);
    if (!r.from().isBefore(monthStart) && !r.until().isAfter(monthEnd)) {
      addWithinMonth(r, lists, r.from(), r.until(), monthSeconds);
      return;
    }
    for (BillingMonths.Piece piece : BillingMonths.split(r.from(), r.until())) {
      monthStart = BillingMonths.start(piece.month());
      monthEnd = BillingMonths.end(piece.month());
      monthSeconds = BillingMonths.seconds(piece.month());
      addWithinMonth(r, lists, piece.from(), piece.until(), monthSeconds);
    }
  }

  /** [from, until) lies within one month of {@code seconds}: charged at each list it crosses. */
  private void addWithinMonth(
      UsageRecord r, List<PriceList> lists, Instant from, Instant until, long seconds) {
    Instant cursor = from;
    for (PriceList list : lists) {
      if (!list.overlaps(cursor, until)) {
        continue;
      }
      if (list.validFrom().isAfter(cursor)) {
        unpriced(r, cursor, list.validFrom());
        cursor = list.validFrom();
      }
      Instant end =
          list.validUntil() == null || list.validUntil().isAfter(until) ? until : list.validUntil();
      charge(r, list, end.getEpochSecond() - cursor.getEpochSecond(), seconds);
      cursor = end;
      if (!cursor.isBefore(until)) {
        break;
      }
    }
    if (cursor.isBefore(until)) {
      unpriced(r, cursor, until);
    }
  }

  /**
   * Adds token counts of an AI endpoint, at the list in force when the period began: the model's
   * own rates in it, else the list's.
   */
  public void addTokens(
      Long projectId,
      long providerId,
      String providerName,
      String countryCode,
      String model,
      Instant periodStart,
      long inputTokens,
      long outputTokens,
      List<PriceList> providerLists) {
    Optional<PriceList> list =
        providerLists.stream().filter(l -> l.appliesAt(periodStart)).findFirst();
    if (list.isEmpty()) {
      problems.add(UnpricedUsage.of("noPriceListAt", providerName, new Moment(periodStart)));
      return;
    }
    PriceList.TokenRates rates = list.get().tokenRates(model);
    BigDecimal in = rates.eurPerMillionIn();
    BigDecimal out = rates.eurPerMillionOut();
    if ((inputTokens > 0 && in == null) || (outputTokens > 0 && out == null)) {
      problems.add(UnpricedUsage.of("noTokenPrice", providerName, model));
      return;
    }
    if (inputTokens > 0) {
      put(
          new LineKey(
              projectId,
              providerId,
              providerName,
              countryCode,
              ChargeItem.TOKENS_IN_MILLIONS,
              model,
              in,
              TOKENS_PER_MILLION),
          inputTokens);
    }
    if (outputTokens > 0) {
      put(
          new LineKey(
              projectId,
              providerId,
              providerName,
              countryCode,
              ChargeItem.TOKENS_OUT_MILLIONS,
              model,
              out,
              TOKENS_PER_MILLION),
          outputTokens);
    }
  }

  private void charge(UsageRecord r, PriceList list, long seconds, long monthSeconds) {
    if (seconds <= 0) {
      return;
    }
    Integer listNo = listNumbers.get(list);
    if (listNo == null) {
      listNo = numberedLists.size();
      listNumbers.put(list, listNo);
      numberedLists.add(list);
    }
    long[] sums =
        buckets.computeIfAbsent(
            new Bucket(
                r.projectId(),
                r.providerId(),
                r.providerName(),
                r.countryCode(),
                listNo,
                r.gpus() > 0 && r.running() ? r.gpuModel() : null,
                monthSeconds),
            k -> new long[5]);
    if (r.running()) {
      sums[0] = Math.addExact(sums[0], r.vcpu() * seconds);
      sums[1] = Math.addExact(sums[1], r.memoryMib() * seconds);
      sums[2] = Math.addExact(sums[2], r.gpus() * seconds);
    }
    sums[3] = Math.addExact(sums[3], r.diskGib() * seconds);
    sums[4] = Math.addExact(sums[4], r.publicIps() * seconds);
  }

  /** The buckets as units per line (merged where lists share a price), with the tokens. */
  private Map<LineKey, Long> unitsPerLine() {
    Map<LineKey, Long> all = new HashMap<>(units);
    for (Map.Entry<Bucket, long[]> e : buckets.entrySet()) {
      Bucket b = e.getKey();
      long[] sums = e.getValue();
      PriceList list = numberedLists.get(b.listNo());
      merge(all, b, ChargeItem.VCPU_HOURS, null, list.eurPerVcpuHour(), SECONDS_PER_HOUR, sums[0]);
      merge(
          all,
          b,
          ChargeItem.MEMORY_GIB_HOURS,
          null,
          list.eurPerGibMemoryHour(),
          MIB_SECONDS_PER_GIB_HOUR,
          sums[1]);
      if (sums[2] > 0) {
        Optional<BigDecimal> rate = list.gpuHour(b.gpuModel());
        if (rate.isEmpty()) {
          problems.add(UnpricedUsage.of("noGpuPrice", b.providerName(), b.gpuModel()));
        } else {
          merge(all, b, ChargeItem.GPU_HOURS, b.gpuModel(), rate.get(), SECONDS_PER_HOUR, sums[2]);
        }
      }
      merge(
          all,
          b,
          ChargeItem.DISK_GIB_MONTHS,
          null,
          list.eurPerGibDiskMonth(),
          b.monthSeconds(),
          sums[3]);
      if (sums[4] > 0) {
        if (list.eurPerPublicIpHour() == null) {
          problems.add(UnpricedUsage.of("noAddressPrice", b.providerName()));
        } else {
          merge(
              all,
              b,
              ChargeItem.PUBLIC_IP_HOURS,
              null,
              list.eurPerPublicIpHour(),
              SECONDS_PER_HOUR,
              sums[4]);
        }
      }
    }
    return all;
  }

  private static void merge(
      Map<LineKey, Long> all,
      Bucket b,
      ChargeItem item,
      String detail,
      BigDecimal price,
      long divisor,
      long amount) {
    if (amount == 0) {
      return;
    }
    all.merge(
        new LineKey(
            b.projectId(),
            b.providerId(),
            b.providerName(),
            b.countryCode(),
            item,
            detail,
            price,
            divisor),
        amount,
        Math::addExact);
  }

  private void put(LineKey key, long amount) {
    if (amount == 0) {
      return;
    }
    units.merge(key, amount, Math::addExact);
  }

  private void unpriced(UsageRecord r, Instant from, Instant until) {
    problems.add(UnpricedUsage.noPriceList(r.providerName(), from, until, r.orderId()));
  }

  /** The lists oldest first; copied only when they come in another order (rating sorts once). */
  private static List<PriceList> sorted(List<PriceList> lists) {
    for (int i = 1; i < lists.size(); i++) {
      if (lists.get(i).validFrom().isBefore(lists.get(i - 1).validFrom())) {
        List<PriceList> copy = new ArrayList<>(lists);
        copy.sort(Comparator.comparing(PriceList::validFrom));
        return copy;
      }
    }
    return lists;
  }

  /** The lines, each rounded, in a stable order (project, provider, item, detail, price). */
  public List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<LineKey, Long> e : unitsPerLine().entrySet()) {
      LineKey k = e.getKey();
      BigDecimal exact = BigDecimal.valueOf(e.getValue());
      BigDecimal divisor = BigDecimal.valueOf(k.divisor());
      BigDecimal amount = amount(k, e.getValue());
      BigDecimal quantity = exact.divide(divisor, 4, RoundingMode.HALF_EVEN);
      lines.add(
          new Line(
              k.projectId(),
              k.providerId(),
              k.providerName(),
              k.countryCode(),
              k.item(),
              k.detail(),
              quantity,
              k.unitPriceEur(),
              amount));
    }
    lines.sort(
        Comparator.comparing((Line l) -> l.projectId() == null ? -1L : l.projectId())
            .thenComparing(Line::providerName)
            .thenComparing(Line::item)
            .thenComparing(l -> l.detail() == null ? "" : l.detail())
            .thenComparing(Line::unitPriceEur));
    return lines;
  }

  /**
   * A line's amount: its exact units times its unit price, rounded once, half-even, to the cent.
   */
  private static BigDecimal amount(LineKey k, long units) {
    return BigDecimal.valueOf(units)
        .multiply(k.unitPriceEur())
        .divide(BigDecimal.valueOf(k.divisor()), 2, RoundingMode.HALF_EVEN);
  }

  /**
   * The sum of the rounded lines (the lines' amounts without their quantities and order: the
   * resource list asks it of every VM it shows).
   */
  public BigDecimal total() {
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<LineKey, Long> e : unitsPerLine().entrySet()) {
      total = total.add(amount(e.getKey(), e.getValue()));
    }
    return total;
  }

  public boolean isEmpty() {
    return units.isEmpty() && buckets.isEmpty();
  }

  /** Usage that could not be priced, for the platform admin. */
  public List<UnpricedUsage> problems() {
    return List.copyOf(problems);
  }

  /** For a rated month: its length, so that callers can show hours against it. */
  public static long hoursIn(YearMonth month) {
    return BillingMonths.seconds(month) / SECONDS_PER_HOUR;
  }
}
