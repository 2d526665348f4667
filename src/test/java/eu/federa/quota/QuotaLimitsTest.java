package eu.federa.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaLimitsTest {

  private static final QuotaLimits STARTER = new QuotaLimits(16, 65536L, 0, 10, 500, 1, null);

  @Test
  void whatFitsUpToTheLimitIsAllowed() {
    Usage held = new Usage(12, 32768, 0, 3, 100, 0);
    assertThat(STARTER.exceededBy(held, Usage.ofVm(4, 32768, 400, 0))).isNull();
  }

  @Test
  void theFirstResourceBeyondItsLimitIsNamed() {
    Usage held = new Usage(14, 1024, 0, 3, 100, 0);
    assertThat(STARTER.exceededBy(held, Usage.ofVm(4, 1024, 10, 0))).isEqualTo(QuotaResource.VCPU);
    assertThat(STARTER.exceededBy(Usage.NONE, Usage.ofVm(1, 1024, 10, 1)))
        .isEqualTo(QuotaResource.GPUS);
    assertThat(STARTER.exceededBy(new Usage(0, 0, 0, 10, 0, 0), Usage.ofVm(1, 1, 1, 0)))
        .isEqualTo(QuotaResource.VMS);
  }

  @Test
  void unlimitedIsExplicitAndNeverRefuses() {
    QuotaLimits unlimited = new QuotaLimits(null, null, null, null, null, null, null);
    assertThat(
            unlimited.exceededBy(
                new Usage(10_000, 1L << 40, 500, 9999, 1 << 30, 99),
                Usage.ofVm(64, 1 << 20, 1000, 8)))
        .isNull();
  }

  @Test
  void aLimitLoweredBelowUsageRefusesOnlyOrdersThatNeedThatResource() {
    QuotaLimits lowered = new QuotaLimits(8, null, 0, null, null, null, null);
    Usage held = new Usage(12, 0, 0, 3, 0, 0);
    assertThat(lowered.exceededBy(held, Usage.ofVm(1, 512, 1, 0))).isEqualTo(QuotaResource.VCPU);
    assertThat(lowered.exceededBy(held, new Usage(0, 0, 0, 0, 0, 1))).isNull();
  }
}
