package eu.federa.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, defect 2, as a rule of the code base: a limit is checked only after the lock that
 * guards it. Every method that checks the quota or a blocking budget (a reservation, a change, a
 * budget check) takes the tenant's lock earlier in the same method, and the quota's own reads of
 * what is held go through {@link CurrentReads}. A new use case that forgets it fails here, before a
 * race finds it.
 */
class LockThenReadTest {

  private static final Path SOURCES = Path.of("src/main/java");

  /** Calls that check a limit the tenant's lock guards. */
  private static final Pattern GUARDED =
      Pattern.compile("\\b(budgets\\.requireRoom|quota\\.reserve|quota\\.change|quota\\.fits)\\(");

  /** Where a member of a class starts (two-space indent, Google Java style). */
  private static final Pattern MEMBER =
      Pattern.compile("\\n  (public|protected|private|static|void|[A-Z][\\w<>, ]*\\s+\\w+\\()");

  @Test
  void everyLimitCheckComesAfterTheTenantsLockInItsMethod() throws IOException {
    List<String> offenders = new ArrayList<>();
    int checks = 0;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      // QuotaReservations is where the rule lives: its own checks lock first (the second test).
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.endsWith("QuotaReservations.java"))
              .toList()) {
        String text = Files.readString(file);
        Matcher call = GUARDED.matcher(text);
        while (call.find()) {
          if (inComment(text, call.start())) {
            continue;
          }
          checks++;
          String before = methodUpTo(text, call.start());
          if (!before.contains("lockTenant(")) {
            offenders.add(SOURCES.relativize(file) + ": " + call.group(1) + " without lockTenant");
          }
        }
      }
    }
    assertThat(checks).as("limit checks found (the rule must see them)").isGreaterThanOrEqualTo(4);
    assertThat(offenders).isEmpty();
  }

  @Test
  void theQuotasChecksReadTheLatestCommittedRows() throws IOException {
    String quota = Files.readString(SOURCES.resolve("eu/federa/quota/QuotaReservations.java"));
    String holdings = Files.readString(SOURCES.resolve("eu/federa/quota/QuotaHoldings.java"));
    String requireRoom = quota.substring(quota.indexOf("private void requireRoom("));
    requireRoom = requireRoom.substring(0, requireRoom.indexOf("\n  }\n"));
    // The tenant's quota row is locked first, then what is held is read current.
    int lock = requireRoom.indexOf("LockModeType.PESSIMISTIC_WRITE");
    int read = requireRoom.indexOf("holdings.held(");
    assertThat(lock).isPositive().isLessThan(read);
    assertThat(requireRoom.substring(read))
        .startsWith("holdings.held(\"tenant_id\", tenantId, null, exceptRef, true)");
    assertThat(holdings).contains("return current ? CurrentReads.of(select) : select;");
  }

  private static boolean inComment(String text, int at) {
    int lineStart = text.lastIndexOf('\n', at) + 1;
    String line = text.substring(lineStart, at).strip();
    return line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
  }

  /** The text of the method around {@code at}, from its declaration to {@code at}. */
  private static String methodUpTo(String text, int at) {
    Matcher m = MEMBER.matcher(text);
    int start = 0;
    while (m.find() && m.start() < at) {
      start = m.start();
    }
    return text.substring(start, at);
  }
}
