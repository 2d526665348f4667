package eu.federa.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a user may do with a volume when, and where each step leaves it. */
class VolumeTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final VmTarget WEB = new VmTarget(11, 1, 5L, "web-01", 2, "Alpha Cloud", "DE", 42);

  private static Volume made() {
    Volume v = new Volume(WEB, "data", 20, NOW);
    v.imageRequested(1, 7, NOW);
    v.made(NOW);
    return v;
  }

  @Test
  void aVolumeMadeForAVmIsAttachedToItNext() {
    Volume v = made();
    assertThat(v.getState()).isEqualTo(VolumeState.ATTACHING);
    assertThat(v.getOrderId()).isEqualTo(11L);
    v.attached(3, NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.ATTACHED);
    assertThat(v.getDiskId()).isEqualTo(3);
  }

  @Test
  void aFailedHotPlugLeavesItAvailableWithTheReason() {
    Volume v = made();
    v.sent(NOW);
    v.notAttached(Reason.keyed("volume.reason.attachFailed", "web-01", "Alpha Cloud"), NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(v.getOrderId()).isNull();
    assertThat(v.getSentAt()).isNull();
    assertThat(v.getReason().key()).isEqualTo("volume.reason.attachFailed");
  }

  @Test
  void onlyAnAttachedVolumeCanBeDetachedAndOnlyAnAvailableOneDeleted() {
    Volume v = made();
    assertThatThrownBy(() -> v.detach(NOW)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> v.delete(NOW))
        .isInstanceOf(ConflictException.class)
        .hasMessage("volume.error.deleteAttached");
    v.attached(3, NOW);
    assertThatThrownBy(() -> v.delete(NOW)).isInstanceOf(ConflictException.class);
    v.detach(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.DETACHING);
    v.detached(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(v.getDiskId()).isNull();
    v.delete(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.DELETING);
  }

  @Test
  void anAvailableVolumeGoesOnlyToAVmOfItsProjectAtItsProvider() {
    Volume v = made();
    v.attached(3, NOW);
    v.detach(NOW);
    v.detached(NOW);
    VmTarget otherProvider = new VmTarget(12, 1, 5L, "web-02", 3, "Beta", "FR", 43);
    VmTarget otherProject = new VmTarget(13, 1, 6L, "web-03", 2, "Alpha Cloud", "DE", 44);
    assertThatThrownBy(() -> v.attachTo(otherProvider, NOW))
        .hasMessage("volume.error.otherProvider");
    assertThatThrownBy(() -> v.attachTo(otherProject, NOW)).hasMessage("volume.error.otherProject");
    VmTarget sibling = new VmTarget(14, 1, 5L, "web-04", 2, "Alpha Cloud", "DE", 45);
    v.attachTo(sibling, NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.ATTACHING);
    assertThat(v.getOneVmId()).isEqualTo(45);
    assertThatThrownBy(() -> v.attachTo(sibling, NOW)).hasMessage("volume.error.notAvailable");
  }

  @Test
  void whenItsVmEndsAnAttachedVolumeIsAvailableAndAStepInFlightRecordsNothing() {
    Volume v = made();
    v.claim("token", NOW.plusSeconds(300));
    v.vmEnded(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.AVAILABLE);
    assertThat(v.claimedBy("token")).isFalse();
  }

  @Test
  void aVolumeStillBeingMadeWhenItsVmEndsIsKeptAvailableOnceMade() {
    Volume v = new Volume(WEB, "data", 20, NOW);
    v.vmEnded(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.CREATING);
    v.imageRequested(1, 7, NOW);
    v.made(NOW);
    assertThat(v.getState()).isEqualTo(VolumeState.AVAILABLE);
  }
}
