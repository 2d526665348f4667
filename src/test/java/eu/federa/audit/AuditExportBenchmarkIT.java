package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.HeapSampler;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.PlatformAdminCaller;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #24: the audit trail of a tenant with many entries, exported whole as CSV and as JSON with
 * the heap it takes, sealed into the chain, and the chain checked. In the suite, 20,000 entries; as
 * a benchmark ({@code bench/audit.sh}, {@code FEDERA_BENCH_AUDIT_ENTRIES=1000000}) the issue's
 * million, with the times printed for docs/performance.md. The entries are written straight into
 * the tables (as the trail would hold them after months).
 */
class AuditExportBenchmarkIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject AuditTrailExport export;
  @Inject AuditChain chain;

  private static int entries() {
    String value = System.getenv("FEDERA_BENCH_AUDIT_ENTRIES");
    return value == null || value.isBlank() ? 20_000 : Integer.parseInt(value);
  }

  /** Counts the bytes and lines written, keeps none of them. */
  private static final class Counting extends OutputStream {
    long bytes;
    long lines;

    @Override
    public void write(int b) {
      bytes++;
      if (b == '\n') {
        lines++;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
    }
  }

  private record Run(double seconds, long bytes, long lines, HeapSampler.Heap heap) {}

  private Run exportOf(long tenantId, String format) throws Exception {
    PlatformAdminCaller.reset();
    Counting out = new Counting();
    try (HeapSampler sampler = HeapSampler.start()) {
      long start = System.nanoTime();
      export
          .all(new AuditTrailExport.Request(format, null, null, null, null, "" + tenantId))
          .writeTo(out);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Run(seconds, out.bytes, out.lines, sampler.stop());
    }
  }

  @Test
  void aMillionEntriesExportWithBoundedMemoryAndSealIntoAnIntactChain() throws Exception {
    int n = entries();
    AuthenticatedUser admin =
        fixture.person(
            "Bea", "audit-bench-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    long tenantId = fixture.tenantOf(admin, "Audit bench " + UUID.randomUUID());
    long filling = System.nanoTime();
    fixture.auditEntries(tenantId, n, "Bench, \"the\" admin", "=TERMINATING");
    double fillSeconds = (System.nanoTime() - filling) / 1e9;
    long own =
        (Long) fixture.single("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ?1", tenantId);

    Run csv = exportOf(tenantId, "csv");
    Run json = exportOf(tenantId, "json");
    // A header, every entry, and the export's own entry (written before its first byte).
    assertThat(csv.lines()).as("a header and every entry").isEqualTo(own + 2);
    assertThat(json.lines()).as("JSON on one line").isLessThanOrEqualTo(1);
    assertThat(json.bytes()).isGreaterThan(csv.bytes() / 2);

    long last =
        (Long) fixture.single("SELECT MAX(id) FROM audit_event WHERE tenant_id = ?1", tenantId);
    long sealing = System.nanoTime();
    eventually(Duration.ofMinutes(15))
        .until(
            () ->
                (Long) fixture.single("SELECT COUNT(*) FROM audit_seal WHERE event_id = ?1", last)
                    == 1L);
    double sealSeconds = (System.nanoTime() - sealing) / 1e9;
    PlatformAdminCaller.reset();
    long checking = System.nanoTime();
    ChainVerification verified = chain.verify();
    double checkSeconds = (System.nanoTime() - checking) / 1e9;
    assertThat(verified.intact()).as("problems: %s", verified.problems()).isTrue();

    System.out.printf(
        "AUDIT-BENCH %,d entries (filled in %.1f s): CSV %,d bytes in %.1f s (heap rose by at most"
            + " %,d MB, old generation by %,d MB); JSON %,d bytes in %.1f s (heap rose by at most"
            + " %,d MB, old generation by %,d MB); sealed within %.1f s of the export's end;"
            + " chain of %,d seals checked in %.1f s%n",
        n,
        fillSeconds,
        csv.bytes(),
        csv.seconds(),
        csv.heap().risePeakMb(),
        csv.heap().oldRiseMb(),
        json.bytes(),
        json.seconds(),
        json.heap().risePeakMb(),
        json.heap().oldRiseMb(),
        sealSeconds,
        verified.sealed(),
        checkSeconds);
  }
}
