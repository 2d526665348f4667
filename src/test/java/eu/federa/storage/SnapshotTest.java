package eu.federa.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What may be done with a disk snapshot when, and what each step leaves. */
class SnapshotTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final VmTarget WEB = new VmTarget(11, 1, 5L, "web-01", 2, "Alpha Cloud", "DE", 42);

  @Test
  void onlyATakenSnapshotCanBeRestoredOrDeleted() {
    Snapshot s = new Snapshot(WEB, "before", 20, NOW);
    assertThatThrownBy(() -> s.revert(NOW))
        .isInstanceOf(ConflictException.class)
        .hasMessage("snapshot.error.notReady");
    assertThatThrownBy(() -> s.delete(NOW)).isInstanceOf(ConflictException.class);
    s.diskChosen(0, NOW);
    s.sent(3, NOW);
    s.taken(3, 2048, NOW);
    assertThat(s.getState()).isEqualTo(SnapshotState.READY);
    assertThat(s.billedGib()).isEqualTo(2);
    s.revert(NOW);
    assertThat(s.getState()).isEqualTo(SnapshotState.REVERTING);
    assertThatThrownBy(() -> s.delete(NOW)).isInstanceOf(ConflictException.class);
    s.reverted(NOW);
    assertThat(s.getRevertedAt()).isEqualTo(NOW);
    s.delete(NOW);
    s.unchanged(Reason.keyed("snapshot.reason.deleteFailed", "web-01", "Alpha Cloud"), NOW);
    assertThat(s.getState()).isEqualTo(SnapshotState.READY);
    assertThat(s.getReason().key()).isEqualTo("snapshot.reason.deleteFailed");
  }

  @Test
  void aPartGibIsBilledAsAWholeOneAndAStepInFlightRecordsNothingOnceItsVmEnded() {
    Snapshot s = new Snapshot(WEB, "logs", 20, NOW);
    s.taken(0, 1500, NOW);
    assertThat(s.billedGib()).isEqualTo(2);
    s.claim("token", NOW.plusSeconds(300));
    s.deleted(NOW);
    assertThat(s.claimedBy("token")).isFalse();
  }
}
