package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

  private final InstantConverter converter = new InstantConverter();

  @Test
  void instantsReadToTheSecondInUtcAndSaySo() {
    assertThat(converter.getAsString(null, null, Instant.parse("2026-11-27T21:27:31.091136Z")))
        .isEqualTo("2026-11-27 21:27:31 UTC");
  }

  @Test
  void nothingShowsAsEmpty() {
    assertThat(converter.getAsString(null, null, null)).isEmpty();
  }
}
