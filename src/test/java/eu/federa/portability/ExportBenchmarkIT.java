package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.HeapSampler;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.TeamFixture;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: the export of a large tenant, complete. In the suite, a twentieth of the issue's
 * tenant (50 VMs, 10,000 usage intervals, 50 invoices, 2,500 audit events): every row is in the
 * bundle. As a benchmark ({@code bench/export.sh}, {@code FEDERA_BENCH_EXPORT_SCALE=1}): 1,000 VMs,
 * 200,000 usage intervals, 1,000 invoices and 50,000 audit events, with the time from asking to
 * ready and the heap it took printed for docs/performance.md. The rows are written straight into
 * the tables (ended VMs and issued invoices of long-past months, so no worker acts on them).
 */
class ExportBenchmarkIT extends InContainerTest {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inContainer();
  }

  @Inject TeamFixture fixture;
  @Inject Exports exports;

  private static double scale() {
    String value = System.getenv("FEDERA_BENCH_EXPORT_SCALE");
    return value == null || value.isBlank() ? 0.05 : Double.parseDouble(value);
  }

  private void fill(long tenantId, int vms, int intervals, int invoices, int events) {
    fixture.execute(
        "INSERT INTO vm_order (tenant_id, requested_by, idempotency_key, name, image_code,"
            + " size_code, vcpu, memory_mib, disk_gib, gpus, state, created_at, updated_at)"
            + " SELECT ?1, 'bench', CONCAT('bench-', seq), CONCAT('vm-', seq), 'ubuntu-24.04',"
            + " 's-2', 2, 4096, 40, 0, 'TERMINATED', '2026-01-01', '2026-01-02'"
            + " FROM seq_1_to_"
            + vms,
        tenantId);
    fixture.execute(
        "INSERT INTO usage_interval (tenant_id, order_id, resource_name, resource_kind,"
            + " usage_state, provider_id, provider_name, country_code, vcpu, memory_mib,"
            + " disk_gib, gpus, month_start, started_at, ended_at, source)"
            + " SELECT ?1, 1 + seq % "
            + vms
            + ", CONCAT('vm-', 1 + seq % "
            + vms
            + "), 'VM',"
            + " 'RUNNING', 1, 'Bench Cloud', 'FR', 2, 4096, 40, 0, '2026-01-01',"
            + " '2026-01-01 00:00:00' + INTERVAL seq MINUTE,"
            + " '2026-01-01 00:00:30' + INTERVAL seq MINUTE, 'EVENT' FROM seq_1_to_"
            + intervals,
        tenantId);
    fixture.execute(
        "INSERT INTO invoice (tenant_id, month_start, state, number, customer_name,"
            + " customer_country, customer_vat_id, seller_country, vat_treatment, vat_rate_percent,"
            + " net_eur, vat_eur, gross_eur, rated_at, issued_at, issued_by)"
            + " SELECT ?1, '1900-01-01' + INTERVAL seq MONTH, 'ISSUED', CONCAT('BENCH-', ?1, '-',"
            + " seq), 'Bench SAS', 'FR', 'FR00123456789', 'FR', 'DOMESTIC', 20.00, 100.00, 20.00,"
            + " 120.00, '2026-01-01', '2026-01-01', 'bench' FROM seq_1_to_"
            + invoices,
        tenantId);
    fixture.execute(
        "INSERT INTO invoice_line (invoice_id, position, provider_id, provider_name,"
            + " country_code, item, quantity, unit, unit_price_eur, amount_eur)"
            + " SELECT i.id, p.seq, 1, 'Bench Cloud', 'FR', 'VCPU_HOURS', 1000, 'vCPU-h', 0.1,"
            + " 33.33 FROM invoice i JOIN seq_1_to_3 p WHERE i.tenant_id = ?1",
        tenantId);
    fixture.auditEntries(tenantId, events, "Bench", "TERMINATING");
  }

  @Test
  void aLargeTenantsExportHoldsEveryRow() throws Exception {
    double scale = scale();
    int vms = (int) (1_000 * scale);
    int intervals = (int) (200_000 * scale);
    int invoices = (int) (1_000 * scale);
    int events = (int) (50_000 * scale);
    AuthenticatedUser admin =
        fixture.person("Bea", "bench-" + UUID.randomUUID().toString().substring(0, 6) + ".example");
    long tenantId = fixture.tenantOf(admin, "Bench " + UUID.randomUUID());
    long filling = System.nanoTime();
    fill(tenantId, vms, intervals, invoices, events);
    double fillSeconds = (System.nanoTime() - filling) / 1e9;

    HeapSampler heap = HeapSampler.start();
    fixture.as(admin);
    long asked = System.nanoTime();
    long exportId = exports.request(tenantId).id();
    ExportView ready =
        eventually(Duration.ofMinutes(10))
            .until(
                () -> {
                  fixture.as(admin);
                  return exports.export(tenantId, exportId);
                },
                e -> !e.state().inProgress());
    double seconds = (System.nanoTime() - asked) / 1e9;
    HeapSampler.Heap used = heap.stop();
    assertThat(ready.state()).as("%s", ready.problem()).isEqualTo(ExportState.READY);

    // Every row is in the bundle, read back as a user would.
    long vmItems = 0;
    long usageLines = 0;
    long invoicePdfs = 0;
    long auditItems = 0;
    try (InputStream file = Files.newInputStream(ExportFiles.bundle(exportId));
        ZipInputStream zip = new ZipInputStream(file)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().endsWith(".pdf")) {
          invoicePdfs++;
          continue;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.transferTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        switch (e.getName()) {
          case "vms.json" -> vmItems = items(text);
          case "audit-log.json" -> auditItems = items(text);
          case "usage-intervals.csv" -> usageLines = text.lines().count() - 1;
          default -> {}
        }
      }
    }
    assertThat(vmItems).isEqualTo(vms);
    assertThat(usageLines).isEqualTo(intervals);
    assertThat(invoicePdfs).isEqualTo(invoices);
    assertThat(auditItems)
        .as("the bench's events and the tenant's own")
        .isGreaterThanOrEqualTo(events);

    System.out.printf(
        "EXPORT-BENCH scale %.2f: %,d VMs, %,d usage intervals, %,d invoices, %,d audit events"
            + " (filled in %.1f s): ready in %.1f s, %,d bytes in %,d files; heap in use rose by at"
            + " most %,d MB (%,d MB at most, sampled); old generation after collections rose by at"
            + " most %,d MB%n",
        scale,
        vms,
        intervals,
        invoices,
        events,
        fillSeconds,
        seconds,
        ready.sizeBytes(),
        ready.fileCount(),
        used.risePeakMb(),
        used.peakMb(),
        used.oldRiseMb());
  }

  private static long items(String json) {
    JsonObject o = Json.createReader(new java.io.StringReader(json)).readObject();
    return o.getJsonArray("items").size();
  }
}
