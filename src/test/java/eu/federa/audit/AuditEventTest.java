package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void longTextIsCutToItsColumnAndShortTextIsKept() {
    AuditEvent event =
        new AuditEvent(
            Instant.EPOCH,
            "sub",
            "Ada",
            1L,
            AuditAction.ROLE_CHANGED,
            "t".repeat(300),
            AuditOutcome.SUCCESS,
            "127.0.0.1",
            "d".repeat(5000));
    assertThat(event.target()).hasSize(255);
    assertThat(event.detail()).hasSize(1000);
    assertThat(AuditEvent.cut("short", 1000)).isEqualTo("short");
    assertThat(AuditEvent.cut(null, 10)).isNull();
  }

  @Test
  void aCharacterOutsideTheBmpIsNeverCutInHalf() {
    String name = "x".repeat(254) + "\uD83D\uDE80"; // 256 chars: the rocket straddles 255
    String cut = AuditEvent.cut(name, 255);
    assertThat(cut).isEqualTo("x".repeat(254));
    // What is left encodes to UTF-8 and back unchanged: the database accepts it.
    assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(cut);
    assertThat(AuditEvent.cut("x".repeat(253) + "\uD83D\uDE80", 255)).endsWith("\uD83D\uDE80");
  }
}
