package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token records' instants as MariaDB DATETIME(6) text, in UTC. */
class MeteringTextTest {

  @Test
  void anInstantIsWrittenToTheMicrosecondInUtc() {
    assertThat(Metering.sqlDateTime(Instant.parse("2026-12-02T09:05:07.123456789Z")))
        .isEqualTo("2026-12-02 09:05:07.123456");
    assertThat(Metering.sqlDateTime(Instant.parse("2026-01-31T23:59:59Z")))
        .isEqualTo("2026-01-31 23:59:59.000000");
    assertThat(Metering.sqlDateTime(Instant.parse("1999-12-31T00:00:00.000001Z")))
        .isEqualTo("1999-12-31 00:00:00.000001");
  }

  @Test
  void anInstantOutsideWhatADatetimeHoldsIsRefused() {
    assertThatThrownBy(() -> Metering.sqlDateTime(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
