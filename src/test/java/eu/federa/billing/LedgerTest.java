package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invoice arithmetic, each case checked against figures computed by hand. */
class LedgerTest {

  private static PriceList list(String from, String until, String vcpuHour) {
    return new PriceList(
        1L,
        7,
        Instant.parse(from),
        until == null ? null : Instant.parse(until),
        new BigDecimal(vcpuHour),
        new BigDecimal("0.005"),
        new BigDecimal("0.04"),
        new BigDecimal("0.50"),
        new BigDecimal("1.50"),
        Map.of("H100", new BigDecimal("2.90")));
  }

  private static final List<PriceList> ALWAYS = List.of(list("2020-01-01T00:00:00Z", null, "0.01"));

  private static UsageRecord vm(
      String state, int vcpu, long memoryMib, int diskGib, int gpus, String from, String until) {
    return vm(state, vcpu, memoryMib, diskGib, gpus, from, until, 0);
  }

  private static UsageRecord vm(
      String state,
      int vcpu,
      long memoryMib,
      int diskGib,
      int gpus,
      String from,
      String until,
      int publicIps) {
    return new UsageRecord(
        1,
        null,
        42,
        "web-1",
        "VM",
        state,
        7,
        "Lutece Cloud",
        "FR",
        vcpu,
        memoryMib,
        diskGib,
        gpus,
        gpus > 0 ? "H100" : null,
        Instant.parse(from),
        Instant.parse(until),
        publicIps);
  }

  private static Ledger.Line line(Ledger ledger, ChargeItem item) {
    return ledger.lines().stream().filter(l -> l.item() == item).findFirst().orElseThrow();
  }

  @Test
  void aThirtyDayMonthBillsSevenHundredTwentyHoursNotMore() {
    Ledger ledger = new Ledger();
    ledger.add(
        vm("RUNNING", 2, 4096, 20, 0, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), ALWAYS);
    // 720 h × 2 vCPU = 1,440 vCPU-h × 0.01 = 14.40; 720 h × 4 GiB = 2,880 GiB-h × 0.005 = 14.40;
    // 20 GiB for the whole month = 20 GiB-months × 0.04 = 0.80.
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).quantity()).isEqualByComparingTo("1440");
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).amountEur()).isEqualByComparingTo("14.40");
    assertThat(line(ledger, ChargeItem.MEMORY_GIB_HOURS).amountEur()).isEqualByComparingTo("14.40");
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).quantity()).isEqualByComparingTo("20");
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).amountEur()).isEqualByComparingTo("0.80");
    assertThat(ledger.total()).isEqualByComparingTo("29.60");
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void februaryOfALeapYearHas696Hours() {
    Ledger ledger = new Ledger();
    ledger.add(vm("RUNNING", 1, 0, 10, 0, "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"), ALWAYS);
    assertThat(Ledger.hoursIn(YearMonth.of(2028, 2))).isEqualTo(696);
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).amountEur()).isEqualByComparingTo("6.96");
    // A whole month of disk is one GiB-month, however long the month.
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).amountEur()).isEqualByComparingTo("0.40");
  }

  @Test
  void anIntervalCrossingAPriceChangeIsChargedAtEachPrice() {
    List<PriceList> lists =
        List.of(
            list("2026-11-16T00:00:00Z", null, "0.02"),
            list("2026-01-01T00:00:00Z", "2026-11-16T00:00:00Z", "0.01"));
    Ledger ledger = new Ledger();
    ledger.add(vm("RUNNING", 4, 0, 0, 0, "2026-11-10T00:00:00Z", "2026-11-20T00:00:00Z"), lists);
    // Before the change: 6 days = 144 h × 4 = 576 vCPU-h × 0.01 = 5.76.
    // After: 4 days = 96 h × 4 = 384 vCPU-h × 0.02 = 7.68.
    List<Ledger.Line> lines = ledger.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).quantity()).isEqualByComparingTo("576");
    assertThat(lines.get(0).amountEur()).isEqualByComparingTo("5.76");
    assertThat(lines.get(1).quantity()).isEqualByComparingTo("384");
    assertThat(lines.get(1).amountEur()).isEqualByComparingTo("7.68");
    assertThat(ledger.total()).isEqualByComparingTo("13.44");
  }

  @Test
  void aCopyRatesAsIfEverythingWereAddedToOneLedgerAndLeavesTheOriginalAsItWas() {
    // Half-hours: a part rated alone would round differently from the sum, which is rounded once.
    UsageRecord first =
        vm("RUNNING", 1, 1024, 10, 1, "2026-11-02T00:00:00Z", "2026-11-02T00:30:00Z");
    UsageRecord second =
        vm("RUNNING", 1, 1024, 10, 1, "2026-11-03T00:00:00Z", "2026-11-03T00:30:00Z");
    UsageRecord third =
        vm("POWEROFF", 1, 1024, 10, 0, "2026-11-04T00:00:00Z", "2026-11-04T00:30:00Z");
    Ledger whole = new Ledger();
    whole.add(first, ALWAYS);
    whole.add(second, ALWAYS);
    whole.add(third, ALWAYS);

    Ledger settled = new Ledger();
    settled.add(first, ALWAYS);
    BigDecimal settledTotal = settled.total();
    Ledger view = settled.copy();
    view.add(second, ALWAYS);
    view.add(third, ALWAYS);

    assertThat(view.lines()).isEqualTo(whole.lines());
    assertThat(view.total()).isEqualByComparingTo(whole.total());
    assertThat(settled.total()).isEqualByComparingTo(settledTotal);
    assertThat(settled.lines()).hasSize(4); // vCPU, memory, GPU, disk
    // A copy made again starts from the original, not from what the first copy added.
    assertThat(settled.copy().total()).isEqualByComparingTo(settledTotal);
  }

  @Test
  void eachLineIsRoundedHalfEvenToTheCentOnce() {
    Ledger ledger = new Ledger();
    List<PriceList> lists = List.of(list("2020-01-01T00:00:00Z", null, "0.025"));
    // Two half-hour intervals: summed exactly to 1 vCPU-h × 0.025 = 0.025, rounded to 0.02 (even);
    // rounding each interval first would give 0.01 + 0.01, and half-up would give 0.03.
    ledger.add(vm("RUNNING", 1, 0, 0, 0, "2026-11-02T10:00:00Z", "2026-11-02T10:30:00Z"), lists);
    ledger.add(vm("RUNNING", 1, 0, 0, 0, "2026-11-02T12:00:00Z", "2026-11-02T12:30:00Z"), lists);
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).amountEur()).isEqualByComparingTo("0.02");
  }

  @Test
  void gpusAreBilledPerGpuHourAndPoweredOffIsDiskOnly() {
    Ledger ledger = new Ledger();
    ledger.add(
        vm("RUNNING", 16, 131072, 200, 1, "2026-11-03T08:00:00Z", "2026-11-03T18:00:00Z"), ALWAYS);
    ledger.add(
        vm("POWEROFF", 16, 131072, 200, 1, "2026-11-03T18:00:00Z", "2026-11-04T00:00:00Z"), ALWAYS);
    // 10 GPU-h × 2.90 = 29.00; 160 vCPU-h × 0.01 = 1.60; 1,280 GiB-h × 0.005 = 6.40;
    // disk 200 GiB × 16 h / 720 h = 4.4444 GiB-months × 0.04 = 0.177777... = 0.18.
    assertThat(line(ledger, ChargeItem.GPU_HOURS).quantity()).isEqualByComparingTo("10");
    assertThat(line(ledger, ChargeItem.GPU_HOURS).amountEur()).isEqualByComparingTo("29.00");
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).amountEur()).isEqualByComparingTo("1.60");
    assertThat(line(ledger, ChargeItem.MEMORY_GIB_HOURS).amountEur()).isEqualByComparingTo("6.40");
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).amountEur()).isEqualByComparingTo("0.18");
    assertThat(ledger.total()).isEqualByComparingTo("37.18");
  }

  @Test
  void anIntervalAcrossMidnightAtMonthEndIsSplitInUtc() {
    List<BillingMonths.Piece> pieces =
        BillingMonths.split(
            Instant.parse("2026-11-30T23:30:00Z"), Instant.parse("2026-12-01T00:30:00Z"));
    // 00:30 in Paris on 1 December is still November in UTC: billing months are UTC months.
    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(0).month()).isEqualTo(YearMonth.of(2026, 11));
    assertThat(pieces.get(0).until()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(pieces.get(1).month()).isEqualTo(YearMonth.of(2026, 12));
    assertThat(BillingMonths.of(Instant.parse("2026-11-30T23:59:59Z")))
        .isEqualTo(YearMonth.of(2026, 11));
  }

  @Test
  void usageWithoutAPriceListIsReportedNotCharged() {
    Ledger ledger = new Ledger();
    ledger.add(vm("RUNNING", 1, 0, 0, 0, "2019-12-31T23:00:00Z", "2020-01-01T01:00:00Z"), ALWAYS);
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).quantity()).isEqualByComparingTo("1");
    assertThat(ledger.problems()).singleElement().asString().contains("Lutece Cloud");
  }

  @Test
  void tokensArePricedPerMillionInAndOut() {
    Ledger ledger = new Ledger();
    ledger.addTokens(
        null,
        7,
        "Lutece Cloud",
        "FR",
        "llama",
        Instant.parse("2026-11-05T00:00:00Z"),
        3_000_000,
        500_000,
        ALWAYS);
    // 3 M × 0.50 = 1.50; 0.5 M × 1.50 = 0.75.
    assertThat(line(ledger, ChargeItem.TOKENS_IN_MILLIONS).amountEur())
        .isEqualByComparingTo("1.50");
    assertThat(line(ledger, ChargeItem.TOKENS_OUT_MILLIONS).amountEur())
        .isEqualByComparingTo("0.75");
  }

  @Test
  void aModelWithItsOwnTokenPricesIsBilledAtThemAndOthersAtTheListsRates() {
    PriceList base = ALWAYS.get(0);
    PriceList withModels =
        new PriceList(
            base.id(),
            base.providerId(),
            base.validFrom(),
            base.validUntil(),
            base.eurPerVcpuHour(),
            base.eurPerGibMemoryHour(),
            base.eurPerGibDiskMonth(),
            base.eurPerMillionTokensIn(),
            base.eurPerMillionTokensOut(),
            base.gpuHourByModel(),
            null,
            Map.of(
                "mistral",
                new PriceList.TokenRates(new BigDecimal("0.20"), new BigDecimal("0.60"))));
    Ledger ledger = new Ledger();
    Instant at = Instant.parse("2026-11-05T00:00:00Z");
    ledger.addTokens(
        null, 7, "Lutece Cloud", "FR", "mistral", at, 2_000_000, 1_000_000, List.of(withModels));
    ledger.addTokens(null, 7, "Lutece Cloud", "FR", "llama", at, 1_000_000, 0, List.of(withModels));
    // mistral: 2 M × 0.20 = 0.40 in, 1 M × 0.60 = 0.60 out; llama at the list's 0.50 in.
    assertThat(ledger.lines())
        .extracting(l -> l.item() + " " + l.detail() + " " + l.amountEur())
        .containsExactlyInAnyOrder(
            "TOKENS_IN_MILLIONS mistral 0.40",
            "TOKENS_OUT_MILLIONS mistral 0.60",
            "TOKENS_IN_MILLIONS llama 0.50");
  }

  @Test
  void modelTokenPricesAreReadFromThePriceListForm() {
    PriceListForm form =
        new PriceListForm(
            1L,
            Instant.parse("2027-01-01T00:00:00Z"),
            null,
            BigDecimal.ONE,
            BigDecimal.ONE,
            BigDecimal.ONE,
            null,
            null,
            null,
            null,
            "mistral-7b-instruct=0.20/0.60\nllama-3.1-8b-instruct = 0.1 / 0.3");
    form.check();
    assertThat(form.modelRates())
        .containsEntry(
            "mistral-7b-instruct",
            new PriceList.TokenRates(new BigDecimal("0.20"), new BigDecimal("0.60")))
        .containsEntry(
            "llama-3.1-8b-instruct",
            new PriceList.TokenRates(new BigDecimal("0.1"), new BigDecimal("0.3")));
    PriceListForm bad =
        new PriceListForm(
            1L,
            Instant.parse("2027-01-01T00:00:00Z"),
            null,
            BigDecimal.ONE,
            BigDecimal.ONE,
            BigDecimal.ONE,
            null,
            null,
            null,
            null,
            "mistral=0.2;llama=-1/2");
    org.assertj.core.api.Assertions.assertThatThrownBy(bad::check)
        .isInstanceOfSatisfying(
            eu.federa.platform.validation.InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.messageKey() + " " + f.arguments())
                    .containsExactly(
                        "price.error.modelTokens [mistral=0.2]",
                        "price.error.modelTokens [llama=-1/2]"));
  }

  private static UsageRecord withAddress(String state, String from, String until) {
    return vm(state, 1, 1024, 0, 0, from, until, 1);
  }

  private static PriceList withAddressPrice(String eurPerHour) {
    PriceList l = ALWAYS.get(0);
    return new PriceList(
        l.id(),
        l.providerId(),
        l.validFrom(),
        l.validUntil(),
        l.eurPerVcpuHour(),
        l.eurPerGibMemoryHour(),
        l.eurPerGibDiskMonth(),
        l.eurPerMillionTokensIn(),
        l.eurPerMillionTokensOut(),
        l.gpuHourByModel(),
        eurPerHour == null ? null : new BigDecimal(eurPerHour),
        Map.of());
  }

  @Test
  void aVolumeOrSnapshotIsChargedForItsSizeByTheGibMonthAndNothingElse() {
    Ledger ledger = new Ledger();
    // A 30 GiB volume kept all of November (720 h) and a 2 GiB snapshot for half of it.
    ledger.add(
        vm(Metering.STORED, 0, 0, 30, 0, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), ALWAYS);
    ledger.add(
        vm(Metering.STORED, 0, 0, 2, 0, "2026-11-01T00:00:00Z", "2026-11-16T00:00:00Z"), ALWAYS);
    // 30 + 1 = 31 GiB-months × 0.04 = 1.24; no compute at all.
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).quantity()).isEqualByComparingTo("31");
    assertThat(line(ledger, ChargeItem.DISK_GIB_MONTHS).amountEur()).isEqualByComparingTo("1.24");
    assertThat(ledger.lines())
        .extracting(Ledger.Line::item)
        .containsOnly(ChargeItem.DISK_GIB_MONTHS);
    assertThat(ledger.total()).isEqualByComparingTo("1.24");
  }

  @Test
  void aPublicAddressIsChargedByTheHourRunningOrPoweredOff() {
    Ledger ledger = new Ledger();
    List<PriceList> lists = List.of(withAddressPrice("0.006"));
    ledger.add(withAddress("RUNNING", "2026-11-01T00:00:00Z", "2026-11-11T00:00:00Z"), lists);
    ledger.add(withAddress("POWEROFF", "2026-11-11T00:00:00Z", "2026-11-21T00:00:00Z"), lists);
    // 480 hours held, 240 of them running: 480 × 0.006 = 2.88 for the address.
    assertThat(line(ledger, ChargeItem.PUBLIC_IP_HOURS).quantity()).isEqualByComparingTo("480");
    assertThat(line(ledger, ChargeItem.PUBLIC_IP_HOURS).amountEur()).isEqualByComparingTo("2.88");
    assertThat(line(ledger, ChargeItem.VCPU_HOURS).quantity()).isEqualByComparingTo("240");
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void anAddressWithoutAPriceIsReportedNotGivenAway() {
    Ledger ledger = new Ledger();
    ledger.add(
        withAddress("RUNNING", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"),
        List.of(withAddressPrice(null)));
    assertThat(ledger.lines()).noneMatch(l -> l.item() == ChargeItem.PUBLIC_IP_HOURS);
    assertThat(ledger.problems()).singleElement().asString().contains("public address price");
  }

  @Test
  void lineKeysAreEqualExactlyWhenEveryPartIs() {
    Ledger.LineKey key =
        new Ledger.LineKey(
            3L, 1, "Lutece", "FR", ChargeItem.GPU_HOURS, "H100", new BigDecimal("2.90"), 3600);
    assertThat(
            new Ledger.LineKey(
                3L, 1, "Lutece", "FR", ChargeItem.GPU_HOURS, "H100", new BigDecimal("2.90"), 3600))
        .isEqualTo(key)
        .hasSameHashCodeAs(key);
    assertThat(
            List.of(
                new Ledger.LineKey(
                    null,
                    1,
                    "Lutece",
                    "FR",
                    ChargeItem.GPU_HOURS,
                    "H100",
                    new BigDecimal("2.90"),
                    3600),
                new Ledger.LineKey(
                    3L,
                    2,
                    "Lutece",
                    "FR",
                    ChargeItem.GPU_HOURS,
                    "H100",
                    new BigDecimal("2.90"),
                    3600),
                new Ledger.LineKey(
                    3L,
                    1,
                    "Lutece",
                    "FR",
                    ChargeItem.VCPU_HOURS,
                    "H100",
                    new BigDecimal("2.90"),
                    3600),
                new Ledger.LineKey(
                    3L,
                    1,
                    "Lutece",
                    "FR",
                    ChargeItem.GPU_HOURS,
                    "A100",
                    new BigDecimal("2.90"),
                    3600),
                new Ledger.LineKey(
                    3L,
                    1,
                    "Lutece",
                    "FR",
                    ChargeItem.GPU_HOURS,
                    "H100",
                    new BigDecimal("2.91"),
                    3600),
                new Ledger.LineKey(
                    3L,
                    1,
                    "Lutece",
                    "FR",
                    ChargeItem.GPU_HOURS,
                    "H100",
                    new BigDecimal("2.90"),
                    60)))
        .doesNotContain(key);
  }
}
