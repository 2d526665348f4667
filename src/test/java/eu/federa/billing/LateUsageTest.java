package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateUsageTest {

  private static Ledger.Line line(
      ChargeItem item, String detail, String qty, String price, String eur) {
    return new Ledger.Line(
        null,
        7,
        "Borealis",
        "FI",
        item,
        detail,
        new BigDecimal(qty),
        new BigDecimal(price),
        new BigDecimal(eur));
  }

  @Test
  void unchangedUsageNeedsNoAdjustment() {
    List<Ledger.Line> billed =
        List.of(
            line(ChargeItem.VCPU_HOURS, null, "48.0000", "0.020000", "0.96"),
            line(ChargeItem.GPU_HOURS, "H100", "10.0000", "2.9", "29.00"));
    List<Ledger.Line> now =
        List.of(
            line(ChargeItem.GPU_HOURS, "H100", "10.0000", "2.900000", "29.00"),
            line(ChargeItem.VCPU_HOURS, null, "48.0000", "0.02", "0.96"));
    assertThat(LateUsage.adjustments(billed, now)).isEmpty();
  }

  @Test
  void moreUsageIsChargedAndLessIsCreditedPerLine() {
    List<Ledger.Line> billed =
        List.of(
            line(ChargeItem.VCPU_HOURS, null, "48.0000", "0.02", "0.96"),
            line(ChargeItem.GPU_HOURS, "H100", "10.0000", "2.90", "29.00"));
    List<Ledger.Line> now =
        List.of(
            line(ChargeItem.VCPU_HOURS, null, "240.0000", "0.02", "4.80"),
            line(ChargeItem.GPU_HOURS, "H100", "8.0000", "2.90", "23.20"),
            line(ChargeItem.MEMORY_GIB_HOURS, null, "100.0000", "0.005", "0.50"));
    assertThat(LateUsage.adjustments(billed, now))
        .extracting(l -> l.item() + " " + l.quantity().toPlainString() + " " + l.amountEur())
        .containsExactlyInAnyOrder(
            "VCPU_HOURS 192.0000 3.84",
            "GPU_HOURS -2.0000 -5.80",
            "MEMORY_GIB_HOURS 100.0000 0.50");
  }

  @Test
  void earlierAdjustmentsCountAsBilled() {
    List<Ledger.Line> billed =
        List.of(
            line(ChargeItem.VCPU_HOURS, null, "48.0000", "0.02", "0.96"),
            line(ChargeItem.VCPU_HOURS, null, "192.0000", "0.02", "3.84"));
    List<Ledger.Line> now = List.of(line(ChargeItem.VCPU_HOURS, null, "264.0000", "0.02", "5.28"));
    assertThat(LateUsage.adjustments(billed, now))
        .extracting(l -> l.quantity().toPlainString() + " " + l.amountEur())
        .containsExactly("24.0000 0.48");
  }

  @Test
  void usageThatWentAwayIsCreditedWhole() {
    List<Ledger.Line> billed =
        List.of(line(ChargeItem.VCPU_HOURS, null, "48.0000", "0.02", "0.96"));
    assertThat(LateUsage.adjustments(billed, List.of()))
        .extracting(Ledger.Line::amountEur)
        .containsExactly(new BigDecimal("-0.96"));
  }
}
