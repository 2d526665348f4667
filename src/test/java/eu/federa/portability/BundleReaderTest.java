package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a bundle back for an import: one the export wrote is accepted with what its manifest
 * says; anything else is refused with a reason a platform admin can act on.
 */
public class BundleReaderTest {

  public record Vm(long id, String name) {}

  private static Path written(Path dir) throws Exception {
    Path file = dir.resolve("bundle.zip");
    try (Jsonb jsonb = JsonbBuilder.create();
        BundleZip zip = new BundleZip(file, jsonb, "https://portal.example/schemas/", 7)) {
      zip.items("vms.json", "vms", Stream.of(new Vm(1, "web-1"), new Vm(2, "db-1")));
      zip.bytes("disks/1-0.qcow2", new byte[] {1, 2, 3, 4});
      zip.finish(
          "Acme",
          null,
          "https://sso.example/realms/federa",
          Instant.parse("2026-12-01T00:00:00Z"),
          content -> "seal-" + Integer.toHexString(content.hashCode()));
    }
    return file;
  }

  private static Map<String, byte[]> entries(Path file) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static Path zipOf(Path dir, Map<String, byte[]> files) throws Exception {
    Path file = dir.resolve("changed.zip");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    Files.write(file, out.toByteArray());
    return file;
  }

  private static String refusal(Path file) {
    try (BundleReader ignored = BundleReader.open(file)) {
      return "accepted";
    } catch (BundleReader.Rejected r) {
      return r.key;
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aBundleTheExportWroteIsReadBackItemByItem(@TempDir Path dir) throws Exception {
    try (BundleReader bundle = BundleReader.open(written(dir))) {
      assertThat(bundle.manifest().tenantId()).isEqualTo(7);
      assertThat(bundle.manifest().tenantName()).isEqualTo("Acme");
      assertThat(bundle.manifest().issuer()).isEqualTo("https://sso.example/realms/federa");
      assertThat(bundle.manifest().createdAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
      // What was signed is read back exactly: the exporting deployment can check its seal.
      assertThat(bundle.manifest().signature())
          .isEqualTo("seal-" + Integer.toHexString(bundle.manifest().signedContent().hashCode()));
      assertThat(bundle.manifest().files()).hasSize(2);
      assertThat(bundle.items("vms.json"))
          .extracting(o -> o.getString("name"))
          .containsExactly("web-1", "db-1");
      assertThat(bundle.items("projects.json")).as("a file it lacks has no items").isEmpty();
      try (var disk = bundle.open("disks/1-0.qcow2")) {
        assertThat(disk.readAllBytes()).containsExactly(1, 2, 3, 4);
      }
    }
  }

  @Test
  void anythingButACompleteUnalteredBundleIsRefusedWithItsReason(@TempDir Path dir)
      throws Exception {
    Map<String, byte[]> good = entries(written(dir));

    Path text = dir.resolve("text.zip");
    Files.writeString(text, "not a zip");
    assertThat(refusal(text)).isEqualTo("import.error.notZip");

    Map<String, byte[]> noManifest = new LinkedHashMap<>(good);
    noManifest.remove("manifest.json");
    assertThat(refusal(zipOf(dir, noManifest))).isEqualTo("import.error.noManifest");

    Map<String, byte[]> altered = new LinkedHashMap<>(good);
    altered.put("disks/1-0.qcow2", new byte[] {1, 2, 3, 5});
    assertThat(refusal(zipOf(dir, altered))).isEqualTo("import.error.altered");

    Map<String, byte[]> longer = new LinkedHashMap<>(good);
    longer.put("disks/1-0.qcow2", new byte[] {1, 2, 3, 4, 5});
    assertThat(refusal(zipOf(dir, longer))).isEqualTo("import.error.altered");

    Map<String, byte[]> missing = new LinkedHashMap<>(good);
    missing.remove("vms.json");
    assertThat(refusal(zipOf(dir, missing))).isEqualTo("import.error.missing");

    Map<String, byte[]> extra = new LinkedHashMap<>(good);
    extra.put("run-me.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(zipOf(dir, extra))).isEqualTo("import.error.unlisted");

    Map<String, byte[]> otherFormat = new LinkedHashMap<>(good);
    otherFormat.put(
        "manifest.json",
        new String(good.get("manifest.json"), StandardCharsets.UTF_8)
            .replace("\"federa-export\"", "\"other-export\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(zipOf(dir, otherFormat))).isEqualTo("import.error.format");

    Map<String, byte[]> newer = new LinkedHashMap<>(good);
    newer.put(
        "manifest.json",
        new String(good.get("manifest.json"), StandardCharsets.UTF_8)
            .replace("\"formatVersion\":1", "\"formatVersion\":2")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(zipOf(dir, newer))).isEqualTo("import.error.version");

    // A manifest that points outside the bundle is refused before anything is read.
    Map<String, byte[]> escaping = new LinkedHashMap<>(good);
    escaping.put(
        "manifest.json",
        new String(good.get("manifest.json"), StandardCharsets.UTF_8)
            .replace("\"vms.json\"", "\"../vms.json\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(zipOf(dir, escaping))).isEqualTo("import.error.manifest");

    Map<String, byte[]> notJson = new LinkedHashMap<>(good);
    notJson.put("manifest.json", "{".getBytes(StandardCharsets.UTF_8));
    assertThat(refusal(zipOf(dir, notJson))).isEqualTo("import.error.manifest");
  }

  @Test
  void aFileThatIsNotAListOfItemsIsRefusedWhenRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("b.zip");
    try (Jsonb jsonb = JsonbBuilder.create();
        BundleZip zip = new BundleZip(file, jsonb, "", 1)) {
      zip.bytes("vms.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
      zip.finish("Acme", null, null, Instant.now());
    }
    try (BundleReader bundle = BundleReader.open(file)) {
      assertThatThrownBy(() -> bundle.items("vms.json"))
          .isInstanceOfSatisfying(
              BundleReader.Rejected.class, r -> assertThat(r.key).isEqualTo("import.error.file"));
    }
  }
}
