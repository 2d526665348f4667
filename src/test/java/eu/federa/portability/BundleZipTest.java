package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleZipTest {

  public record Vm(long id, String name, Instant createdAt) {}

  private static Map<String, byte[]> unzip(Path file) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        files.put(e.getName(), out.toByteArray());
      }
    }
    return files;
  }

  @Test
  void everyFileIsListedInTheManifestWithItsSizeAndSha256(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("b.zip");
    try (Jsonb jsonb = JsonbBuilder.create();
        BundleZip zip = new BundleZip(file, jsonb, "https://portal.example/schemas/", 7)) {
      zip.items(
          "vms.json",
          "vms",
          Stream.of(
              new Vm(1, "web-1", Instant.parse("2026-11-30T10:00:00Z")),
              new Vm(2, "db-\"1\"", Instant.parse("2026-11-30T11:00:00Z"))));
      zip.csv("usage.csv", List.of("name", "note"), Stream.of(List.of("=SUM(A1)", "a,b")));
      zip.bytes("invoices/one.pdf", new byte[] {1, 2, 3});
      zip.finish(
          "Acme",
          null,
          "http://127.0.0.1:8180/realms/federa",
          Instant.parse("2026-12-01T00:00:00Z"));
    }
    Map<String, byte[]> files = unzip(file);
    assertThat(files)
        .containsOnlyKeys("vms.json", "usage.csv", "invoices/one.pdf", "manifest.json");

    JsonObject vms =
        Json.createReader(
                new StringReader(new String(files.get("vms.json"), StandardCharsets.UTF_8)))
            .readObject();
    assertThat(vms.getString("$schema"))
        .isEqualTo("https://portal.example/schemas/vms.schema.json");
    assertThat(vms.getInt("tenantId")).isEqualTo(7);
    assertThat(vms.getJsonArray("items")).hasSize(2);
    assertThat(vms.getJsonArray("items").getJsonObject(1).getString("name")).isEqualTo("db-\"1\"");
    assertThat(vms.getJsonArray("items").getJsonObject(0).getString("createdAt"))
        .isEqualTo("2026-11-30T10:00:00Z");
    // A cell a spreadsheet would run as a formula is defused; separators are quoted.
    assertThat(new String(files.get("usage.csv"), StandardCharsets.UTF_8))
        .isEqualTo("name,note\r\n'=SUM(A1),\"a,b\"\r\n");

    JsonObject manifest =
        Json.createReader(
                new StringReader(new String(files.get("manifest.json"), StandardCharsets.UTF_8)))
            .readObject();
    assertThat(manifest.getString("format")).isEqualTo("federa-export");
    assertThat(manifest.getInt("formatVersion")).isEqualTo(1);
    assertThat(manifest.getString("tenantName")).isEqualTo("Acme");
    assertThat(manifest.getJsonArray("files")).hasSize(3);
    for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
      byte[] content = files.get(f.getString("path"));
      assertThat(f.getJsonNumber("bytes").longValue()).isEqualTo(content.length);
      assertThat(f.getString("sha256"))
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }
    assertThat(manifest.getJsonArray("files").getJsonObject(0).getString("schema"))
        .endsWith("vms.schema.json");
    assertThat(manifest.getJsonArray("files").getJsonObject(1).containsKey("schema")).isFalse();
  }

  @Test
  void aFileCannotLeaveTheBundleOrReplaceItsManifest(@TempDir Path dir) throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create();
        BundleZip zip = new BundleZip(dir.resolve("b.zip"), jsonb, "", 1)) {
      assertThatThrownBy(() -> zip.bytes("../etc/passwd", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> zip.bytes("/abs", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> zip.bytes("manifest.json", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
