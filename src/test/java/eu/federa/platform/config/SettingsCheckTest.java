package eu.federa.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

  @AfterEach
  void forget() {
    System.clearProperty("federa.budget.check-interval-seconds");
    System.clearProperty("federa.invoice.seller-country");
  }

  @Test
  void theDefaultsAreGood() {
    assertThat(SettingsCheck.problems()).isEmpty();
  }

  @Test
  void everyBadSettingIsNamedAndStopsTheStart() {
    System.setProperty("federa.budget.check-interval-seconds", "5m");
    System.setProperty("federa.invoice.seller-country", "fr");
    assertThat(SettingsCheck.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("federa.budget.check-interval-seconds", "'5m'"))
        .anySatisfy(p -> assertThat(p).contains("FEDERA_INVOICE_SELLER_COUNTRY", "'fr'"));
    assertThatThrownBy(() -> new SettingsCheck().onStart(new Object()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("Federa does not start: ")
        .hasMessageContaining("federa.budget.check-interval-seconds")
        .hasMessageContaining("federa.invoice.seller-country");
  }
}
