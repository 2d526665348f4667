package eu.federa.portability;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.text.CsvCells;
import jakarta.json.bind.Jsonb;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An export bundle being written: a ZIP streamed to a file, each file's size and SHA-256 counted as
 * it goes, and a {@code manifest.json} listing them all written last. Nothing is held in memory
 * beyond one item at a time.
 */
final class BundleZip implements BundleWriter, AutoCloseable {

  /** The format's name and version, as the manifest states them. */
  static final String FORMAT = "federa-export";

  static final int FORMAT_VERSION = 1;

  /** One file of the bundle, as the manifest lists it. */
  public record FileEntry(String path, long bytes, String sha256, String schema) {}

  private final ZipOutputStream zip;
  private final Jsonb jsonb;
  private final String schemaBase;
  private final long tenantId;
  private final List<FileEntry> files = new ArrayList<>();

  /**
   * @param schemaBase the address the schemas are published at, ending with a slash
   */
  BundleZip(Path file, Jsonb jsonb, String schemaBase, long tenantId) throws IOException {
    this.zip = new ZipOutputStream(Files.newOutputStream(file));
    this.jsonb = jsonb;
    this.schemaBase = schemaBase;
    this.tenantId = tenantId;
  }

  /** The schema's published address. */
  String schemaAddress(String schema) {
    return schemaBase + schema + ".schema.json";
  }

  @Override
  public void items(String path, String schema, Stream<?> items) throws IOException {
    entry(
        path,
        schema,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          w.write("{\"$schema\":");
          w.write(jsonb.toJson(schemaAddress(schema)));
          w.write(",\"tenantId\":" + tenantId + ",\"items\":[");
          Iterator<?> it = items.iterator();
          boolean first = true;
          while (it.hasNext()) {
            if (!first) {
              w.write(',');
            }
            w.write('\n');
            w.write(jsonb.toJson(it.next()));
            first = false;
          }
          w.write("\n]}\n");
          w.flush();
        });
  }

  @Override
  public void csv(String path, List<String> header, Stream<List<String>> rows) throws IOException {
    entry(
        path,
        null,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          w.write(CsvCells.row(header));
          Iterator<List<String>> it = rows.iterator();
          while (it.hasNext()) {
            w.write(CsvCells.row(it.next()));
          }
          w.flush();
        });
  }

  @Override
  public void bytes(String path, byte[] content) throws IOException {
    entry(path, null, out -> out.write(content));
  }

  /** A file copied into the bundle from disk, streamed (a VM's disk). */
  void file(String path, java.nio.file.Path from) throws IOException {
    entry(
        path,
        null,
        out -> {
          try (java.io.InputStream in = java.nio.file.Files.newInputStream(from)) {
            in.transferTo(out);
          }
        });
  }

  /** How many files it holds so far. */
  int fileCount() {
    return files.size();
  }

  /** Writes the manifest (every file with its size and SHA-256) and closes the ZIP, unsigned. */
  void finish(String tenantName, Long projectId, String issuer, Instant createdAt)
      throws IOException {
    finish(tenantName, projectId, issuer, createdAt, content -> null);
  }

  /**
   * What the manifest's {@code signature} signs: the bundle's origin and every file's size and
   * SHA-256, so that a deployment recognises a bundle it made itself, unaltered.
   */
  static String signedContent(
      long tenantId, Long projectId, String issuer, Instant createdAt, List<FileEntry> files) {
    StringBuilder s =
        new StringBuilder(FORMAT)
            .append('\n')
            .append(FORMAT_VERSION)
            .append('\n')
            .append(tenantId)
            .append('\n')
            .append(projectId)
            .append('\n')
            .append(issuer)
            .append('\n')
            .append(createdAt)
            .append('\n');
    for (FileEntry f : files) {
      s.append(f.path()).append(' ').append(f.bytes()).append(' ').append(f.sha256()).append('\n');
    }
    return s.toString();
  }

  /**
   * Writes the manifest and closes the ZIP; {@code sign} signs {@link #signedContent} for this
   * deployment (null: no signature).
   */
  void finish(
      String tenantName,
      Long projectId,
      String issuer,
      Instant createdAt,
      java.util.function.UnaryOperator<String> sign)
      throws IOException {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("$schema", schemaAddress("manifest"));
    manifest.put("format", FORMAT);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("tenantId", tenantId);
    manifest.put("tenantName", tenantName);
    if (projectId != null) {
      manifest.put("projectId", projectId); // one project's bundle
    }
    manifest.put("issuer", issuer);
    manifest.put("createdAt", createdAt.toString());
    manifest.put("files", List.copyOf(files));
    String signature = sign.apply(signedContent(tenantId, projectId, issuer, createdAt, files));
    if (signature != null) {
      manifest.put("signature", signature);
    }
    ZipEntry entry = new ZipEntry("manifest.json");
    zip.putNextEntry(entry);
    zip.write(jsonb.toJson(manifest).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.close();
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private void entry(String path, String schema, Body body) throws IOException {
    if (path.startsWith("/") || path.contains("..") || "manifest.json".equals(path)) {
      throw new IllegalArgumentException("not a bundle path: " + path);
    }
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest sha = sha256();
    long[] count = {0};
    OutputStream counting =
        new FilterOutputStream(new DigestOutputStream(new Unclosed(zip), sha)) {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            count[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count[0] += len;
          }
        };
    body.write(counting);
    counting.flush();
    zip.closeEntry();
    files.add(
        new FileEntry(
            path,
            count[0],
            HexFormat.of().formatHex(sha.digest()),
            schema == null ? null : schemaAddress(schema)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ZIP's stream for one entry: closing a writer on it must not close the ZIP. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
