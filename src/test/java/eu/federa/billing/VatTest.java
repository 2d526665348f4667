package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VatTest {

  @Test
  void aCustomerInTheSellersCountryPaysDomesticVat() {
    Vat vat = Vat.between("FR", "FR");
    assertThat(vat.treatment()).isEqualTo(Vat.Treatment.DOMESTIC);
    assertThat(vat.on(new BigDecimal("29.60"))).isEqualByComparingTo("5.92");
    // 0.125 × 20 % = 0.025 → 0.02, half-even.
    assertThat(vat.on(new BigDecimal("0.125"))).isEqualByComparingTo("0.02");
  }

  @Test
  void aBusinessInAnotherMemberStateIsReverseCharged() {
    Vat vat = Vat.between("FR", "DE");
    assertThat(vat.treatment()).isEqualTo(Vat.Treatment.REVERSE_CHARGE);
    assertThat(vat.on(new BigDecimal("100.00"))).isEqualByComparingTo("0.00");
  }

  @Test
  void aCustomerOutsideTheEuIsNotChargedEuVat() {
    assertThat(Vat.between("DE", "NO").treatment()).isEqualTo(Vat.Treatment.OUTSIDE_EU);
    assertThat(Vat.between("DE", "DE").ratePercent()).isEqualByComparingTo("19");
  }

  @Test
  void aSellerOutsideTheEuIsAConfigurationError() {
    assertThatThrownBy(() -> Vat.between("CH", "FR")).isInstanceOf(IllegalArgumentException.class);
  }
}
