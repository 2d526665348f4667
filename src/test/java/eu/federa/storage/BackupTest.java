package eu.federa.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What may be done with a backup when, what each step leaves, and when daily ones are due. */
class BackupTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final VmTarget WEB = new VmTarget(11, 1, 5L, "web-01", 2, "Alpha Cloud", "DE", 42);

  @Test
  void onlyAMadeBackupCanBeRestoredOrDeleted() {
    Backup b = new Backup(WEB, "nightly", false, 20, NOW);
    assertThat(b.getState()).isEqualTo(BackupState.CREATING);
    assertThatThrownBy(b::requireReady)
        .isInstanceOf(ConflictException.class)
        .hasMessage("backup.error.notReady")
        // its state in the reader's words ("Being made…"), not as the code names it
        .extracting(e -> ((ConflictException) e).arguments()[1])
        .isEqualTo(new eu.federa.platform.i18n.Term("backup.state.CREATING"));
    assertThatThrownBy(() -> b.delete(NOW)).isInstanceOf(ConflictException.class);

    b.prepared(100, List.of(7, 9), NOW);
    assertThat(b.earlierImageIds()).containsExactly(7, 9);
    b.sent(NOW);
    b.made(12, 2500, NOW);
    assertThat(b.getState()).isEqualTo(BackupState.READY);
    assertThat(b.getOneImageId()).isEqualTo(12);
    assertThat(b.billedGib()).isEqualTo(3);
    assertThat(b.getSentAt()).isNull();
    b.requireReady();

    b.delete(NOW);
    assertThat(b.getState()).isEqualTo(BackupState.DELETING);
    assertThatThrownBy(b::requireReady).isInstanceOf(ConflictException.class);
    b.unchanged(Reason.keyed("backup.reason.deleteFailed", "nightly", "Alpha Cloud"), NOW);
    assertThat(b.getState()).isEqualTo(BackupState.READY);
    assertThat(b.getReason().key()).isEqualTo("backup.reason.deleteFailed");
  }

  @Test
  void aVmWithoutEarlierBackupsHasNoneNoted() {
    Backup b = new Backup(WEB, "first", true, 20, NOW);
    assertThat(b.earlierImageIds()).isEmpty();
    b.prepared(100, List.of(), NOW);
    assertThat(b.earlierImageIds()).isEmpty();
    assertThat(b.isScheduled()).isTrue();
  }

  @Test
  void aBackupThatCouldNotBeMadeEndsWithItsReason() {
    Backup b = new Backup(WEB, "doomed", false, 20, NOW);
    b.failed(Reason.keyed("backup.reason.makeFailed", "web-01", "Alpha Cloud"), NOW);
    assertThat(b.getState()).isEqualTo(BackupState.FAILED);
    assertThat(b.getState().inProgress()).isFalse();
    assertThat(b.billedGib()).isZero();
  }

  @Test
  void dailyBackupsAreDueAtTheConfiguredHourAndAMissedDayIsSkipped() {
    assertThat(Backups.nextRun(NOW, 2)).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    assertThat(Backups.nextRun(NOW, 23)).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
    assertThat(Backups.nextRun(Instant.parse("2026-12-01T02:00:00Z"), 2))
        .isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));

    BackupSchedule daily =
        new BackupSchedule(
            WEB, 3, 20, Instant.parse("2026-11-28T02:00:00Z"), NOW.minus(Duration.ofDays(5)));
    daily.ran(NOW);
    assertThat(daily.getNextRunAt()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    assertThat(daily.target()).isEqualTo(WEB);
  }
}
