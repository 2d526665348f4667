package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

  private static final Instant EVENING = Instant.parse("2026-11-27T21:27:31.091136Z");

  @Test
  void instantsReadToTheSecondInTheReadersZoneAndSaySo() {
    assertThat(
            new InstantConverter(() -> Formats.of(Locale.ENGLISH, null))
                .getAsString(null, null, EVENING))
        .isEqualTo("Nov 27, 2026, 9:27:31 PM UTC");
    assertThat(
            new InstantConverter(() -> Formats.of(Locale.GERMAN, ZoneId.of("Europe/Helsinki")))
                .getAsString(null, null, EVENING))
        .isEqualTo("27.11.2026, 23:27:31 OEZ");
  }

  @Test
  void nothingShowsAsEmpty() {
    assertThat(
            new InstantConverter(() -> Formats.of(Locale.ENGLISH, null))
                .getAsString(null, null, null))
        .isEmpty();
  }
}
