package eu.federa.ai;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.billing.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's token journal: what is appended is read back once, in order, and then goes. */
class TokenJournalTest {

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

  private static TokenJournal.Entry entry(int n, Long spendKey) {
    return new TokenJournal.Entry(
        new TokenRecord(
            7,
            n % 2 == 0 ? null : 3L,
            11,
            n % 3 == 0 ? null : 42L,
            "mistral-7b-instruct",
            5,
            "Lutèce \"Cloud\"\tParis\nNord",
            "FR",
            Instant.parse("2026-12-02T09:59:59.123456Z"),
            Instant.parse("2026-12-02T10:00:00.5Z"),
            n,
            2L * n,
            n % 4 == 0,
            "gw-" + n),
        spendKey,
        null);
  }

  private static List<TokenJournal.Entry> readAll(TokenJournal journal) throws Exception {
    List<TokenJournal.Entry> all = new ArrayList<>();
    for (TokenJournal.Batch b = journal.next(1000); !b.isEmpty(); b = journal.next(1000)) {
      all.addAll(b.entries());
      journal.flushed(b);
    }
    return all;
  }

  @Test
  void aRecordIsOneLineAndComesBackWhole() {
    TokenJournal.Entry e = entry(5, 42L);
    String line = TokenJournal.line(e);
    assertThat(line).doesNotContain("\n");
    assertThat(TokenJournal.parse(line)).isEqualTo(e);
    assertThat(TokenJournal.parse(TokenJournal.line(entry(6, null)))).isEqualTo(entry(6, null));
  }

  @Test
  void instantsKeepTheirNanosecondsAndALineOfTheFirstVersionIsStillRead() {
    TokenRecord r = entry(1, 42L).record();
    TokenRecord precise =
        new TokenRecord(
            r.tenantId(),
            r.projectId(),
            r.serviceId(),
            r.keyId(),
            r.modelCode(),
            r.providerId(),
            r.providerName(),
            r.countryCode(),
            Instant.parse("2026-12-02T09:59:59.123456789Z"),
            Instant.parse("2026-12-02T09:59:59.123456790Z"),
            r.inputTokens(),
            r.outputTokens(),
            r.estimated(),
            r.reportKey());
    TokenJournal.Entry e = new TokenJournal.Entry(precise, null, 3L);
    assertThat(TokenJournal.parse(TokenJournal.line(e))).isEqualTo(e);
    // A journal written by the release before (ISO-8601 instants) is read after an upgrade.
    String first =
        "{\"v\":1,\"tenant\":7,\"service\":11,\"model\":\"m\",\"providerId\":5,"
            + "\"provider\":\"Lutece\",\"country\":\"FR\",\"start\":\"2026-12-02T09:59:59.5Z\","
            + "\"end\":\"2026-12-02T10:00:00Z\",\"in\":4,\"out\":8,\"estimated\":false,"
            + "\"reportKey\":\"gw-1\",\"key\":42,\"spendKey\":42}";
    TokenJournal.Entry old = TokenJournal.parse(first);
    assertThat(old.record().periodStart()).isEqualTo(Instant.parse("2026-12-02T09:59:59.5Z"));
    assertThat(old.record().periodEnd()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(old.record().inputTokens()).isEqualTo(4);
    assertThat(old.spendKeyId()).isEqualTo(42L);
  }

  @Test
  void appendedRecordsAreReadBackInOrderOverSeveralFilesWhichGoOnceWritten() throws Exception {
    try (TokenJournal journal = new TokenJournal(dir, 900, false, clock)) {
      List<TokenJournal.Entry> appended = new ArrayList<>();
      for (int n = 1; n <= 12; n++) {
        appended.add(entry(n, null));
        journal.append(appended.get(n - 1));
      }
      assertThat(journal.files()).hasSizeGreaterThan(2);

      assertThat(readAll(journal)).containsExactlyElementsOf(appended);
      // Only the file still written to is left; nothing is read twice.
      assertThat(journal.files()).hasSize(1);
      assertThat(journal.next(1000).entries()).isEmpty();

      journal.append(entry(13, 42L));
      assertThat(readAll(journal)).containsExactly(entry(13, 42L));
    }
  }

  @Test
  void aBatchTakesAtMostItsSizeAndTheNextGoesOnWhereItStopped() throws Exception {
    try (TokenJournal journal = new TokenJournal(dir, 1 << 20, true, clock)) {
      for (int n = 1; n <= 5; n++) {
        journal.append(entry(n, null));
      }
      TokenJournal.Batch first = journal.next(2);
      assertThat(first.entries()).containsExactly(entry(1, null), entry(2, null));
      // Not yet written into the database: read again.
      assertThat(journal.next(2).entries()).containsExactly(entry(1, null), entry(2, null));
      journal.flushed(first);
      assertThat(readAll(journal)).containsExactly(entry(3, null), entry(4, null), entry(5, null));
    }
  }

  @Test
  void aJournalLeftByAKilledNodeIsReadWithoutItsCutOffLineOrItsGarbage() throws Exception {
    String left =
        TokenJournal.line(entry(1, null))
            + "\n"
            + "this is not a record\n"
            + TokenJournal.line(entry(2, 42L))
            + "\n"
            + TokenJournal.line(entry(3, null)).substring(0, 40);
    Path file = dir.resolve("tokens-000000000000001-deadbeef.jsonl");
    Files.writeString(file, left, StandardCharsets.UTF_8);
    // Not the journal's: left alone.
    Files.writeString(dir.resolve("notes.txt"), "keep");

    try (TokenJournal journal = new TokenJournal(dir, 1 << 20, false, clock)) {
      journal.append(entry(4, null));
      assertThat(readAll(journal)).containsExactly(entry(1, null), entry(2, 42L), entry(4, null));
      assertThat(file).doesNotExist();
      assertThat(dir.resolve("notes.txt")).exists();
    }
  }

  @Test
  void aClosedJournalLeavesItsUnwrittenRecordsForTheNextRun() throws Exception {
    try (TokenJournal journal = new TokenJournal(dir, 1 << 20, false, clock)) {
      journal.append(entry(1, null));
      journal.append(entry(2, null));
      journal.flushed(journal.next(1));
    }
    try (TokenJournal again = new TokenJournal(dir, 1 << 20, false, clock)) {
      // The offset of the first run is gone with it: its file is read whole; the database keeps
      // one record per report key.
      assertThat(readAll(again)).containsExactly(entry(1, null), entry(2, null));
      assertThat(again.files()).isEmpty();
    }
  }
}
