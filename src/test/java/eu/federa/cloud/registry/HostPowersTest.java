package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.validation.FieldError;
import org.junit.jupiter.api.Test;

/** The one rule for a power model's wattages, for a provider's hosts and for one host. */
class HostPowersTest {

  @Test
  void bothOrNeitherWithinRangeIdleNotAboveFull() {
    assertThat(HostPowers.errors("idle", 150, "full", 450)).isEmpty();
    assertThat(HostPowers.errors("idle", null, "full", null)).isEmpty();
    assertThat(HostPowers.errors("idle", 0, "full", 20_000)).isEmpty();
    assertThat(HostPowers.errors("idle", 450, "full", 450)).isEmpty();
    assertThat(HostPowers.errors("idle", 500, "full", 400))
        .extracting(FieldError::field, FieldError::messageKey)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("idle", "energy.error.idleAboveFull"));
    assertThat(HostPowers.errors("idle", 100, "full", null))
        .extracting(FieldError::messageKey)
        .containsExactly("energy.error.idleAboveFull");
    assertThat(HostPowers.errors("idle", -1, "full", 20_001))
        .extracting(FieldError::field)
        .containsExactly("idle", "full");
  }
}
