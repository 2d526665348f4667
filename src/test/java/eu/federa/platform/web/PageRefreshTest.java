package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRefreshTest {

  @Test
  void aPagesPaceIsScaledByTheSettingAndNeverFasterThanAQuarterSecond() {
    assertThat(PageRefresh.millis(2, 100)).isEqualTo(2000);
    assertThat(PageRefresh.millis(3, 50)).isEqualTo(1500);
    assertThat(PageRefresh.millis(5, 200)).isEqualTo(10_000);
    assertThat(PageRefresh.millis(2, 1)).isEqualTo(250);
  }
}
