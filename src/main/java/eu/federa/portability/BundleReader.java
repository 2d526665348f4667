package eu.federa.portability;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An export bundle read back (for an import): a ZIP whose {@code manifest.json} names the format,
 * its version and every file with its size and SHA-256. {@link #open} accepts a bundle only when
 * all of that holds: each listed file is there with its size and digest, nothing else is there, and
 * no path leaves the bundle. A JSON file is then read item by item as the export wrote it.
 */
final class BundleReader implements AutoCloseable {

  /** Why a bundle was refused: a message key of the bundle and its arguments. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    final String key;
    final transient Object[] args;

    Rejected(String key, Object... args) {
      super(key);
      this.key = key;
      this.args = args;
    }
  }

  /**
   * What the manifest says of the bundle.
   *
   * @param projectId the project of a project's bundle, null for a whole organisation's
   * @param signature the exporting deployment's signature of {@link #signedContent}, or null
   */
  record Manifest(
      long tenantId,
      String tenantName,
      Long projectId,
      String issuer,
      Instant createdAt,
      List<BundleZip.FileEntry> files,
      String signature) {

    /** What the signature, if it is this deployment's, signed. */
    String signedContent() {
      return BundleZip.signedContent(tenantId, projectId, issuer, createdAt, files);
    }
  }

  private final ZipFile zip;
  private final Manifest manifest;
  private final Map<String, Long> sizes;

  private BundleReader(ZipFile zip, Manifest manifest, Map<String, Long> sizes) {
    this.zip = zip;
    this.manifest = manifest;
    this.sizes = sizes;
  }

  /**
   * Opens and checks the bundle: reads every file once to compare its size and SHA-256 with the
   * manifest's.
   *
   * @throws Rejected when it is not a complete, unaltered bundle of a format this Federa reads
   */
  static BundleReader open(Path file) throws Rejected, IOException {
    return open(file, true);
  }

  /**
   * Opens the bundle; with {@code verify} false, its files' digests are not computed again (a
   * bundle checked when it was uploaded, read again by a later step).
   */
  static BundleReader open(Path file, boolean verify) throws Rejected, IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException notZip) {
      throw new Rejected("import.error.notZip");
    }
    try {
      BundleReader reader = check(zip, verify);
      zip = null;
      return reader;
    } finally {
      if (zip != null) {
        zip.close();
      }
    }
  }

  private static BundleReader check(ZipFile zip, boolean verify) throws Rejected, IOException {
    ZipEntry manifestEntry = zip.getEntry("manifest.json");
    if (manifestEntry == null) {
      throw new Rejected("import.error.noManifest");
    }
    JsonObject m;
    try (InputStream in = zip.getInputStream(manifestEntry);
        JsonReader json = Json.createReader(in)) {
      m = json.readObject();
    } catch (JsonException | ClassCastException bad) {
      throw new Rejected("import.error.manifest", bad.getMessage());
    }
    if (!BundleZip.FORMAT.equals(string(m, "format"))) {
      throw new Rejected("import.error.format", String.valueOf(string(m, "format")));
    }
    long version = number(m, "formatVersion");
    if (version != BundleZip.FORMAT_VERSION) {
      throw new Rejected("import.error.version", version, BundleZip.FORMAT_VERSION);
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(String.valueOf(string(m, "createdAt")));
    } catch (DateTimeParseException bad) {
      throw new Rejected("import.error.manifest", "createdAt");
    }
    long tenantId = number(m, "tenantId");
    Map<String, Long> sizes = new LinkedHashMap<>();
    List<BundleZip.FileEntry> listed = new java.util.ArrayList<>();
    JsonValue files = m.get("files");
    if (files == null || files.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new Rejected("import.error.manifest", "files");
    }
    for (JsonValue v : files.asJsonArray()) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new Rejected("import.error.manifest", "files");
      }
      JsonObject f = v.asJsonObject();
      String path = string(f, "path");
      String sha256 = string(f, "sha256");
      long bytes = number(f, "bytes");
      if (path == null || !safe(path) || sha256 == null || bytes < 0) {
        throw new Rejected("import.error.manifest", String.valueOf(path));
      }
      ZipEntry entry = zip.getEntry(path);
      if (entry == null || entry.isDirectory()) {
        throw new Rejected("import.error.missing", path);
      }
      if (verify) {
        String[] found = digest(zip, entry, bytes);
        if (Long.parseLong(found[1]) != bytes || !found[0].equalsIgnoreCase(sha256)) {
          throw new Rejected("import.error.altered", path);
        }
      }
      sizes.put(path, bytes);
      listed.add(new BundleZip.FileEntry(path, bytes, sha256, string(f, "schema")));
    }
    for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
      ZipEntry e = all.nextElement();
      if (!e.isDirectory()
          && !"manifest.json".equals(e.getName())
          && !sizes.containsKey(e.getName())) {
        throw new Rejected("import.error.unlisted", e.getName());
      }
    }
    return new BundleReader(
        zip,
        new Manifest(
            tenantId,
            string(m, "tenantName"),
            number(m, "projectId") < 0 ? null : number(m, "projectId"),
            string(m, "issuer"),
            createdAt,
            List.copyOf(listed),
            string(m, "signature")),
        sizes);
  }

  /** A path inside the bundle: relative, without a way up. */
  private static boolean safe(String path) {
    return !path.isBlank()
        && !path.startsWith("/")
        && !path.contains("\\")
        && !path.contains("..")
        && !"manifest.json".equals(path);
  }

  /**
   * The SHA-256 and size of an entry, read up to one byte beyond the size the manifest states (an
   * entry that inflates further is altered: no need to inflate it all).
   */
  private static String[] digest(ZipFile zip, ZipEntry entry, long stated) throws IOException {
    MessageDigest sha = BundleZip.sha256();
    long count;
    try (InputStream in =
        new DigestInputStream(
            new java.io.BufferedInputStream(zip.getInputStream(entry)) {
              private long left = stated + 1;

              @Override
              public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                  return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                  left -= n;
                }
                return n;
              }
            },
            sha)) {
      count = in.transferTo(OutputStream.nullOutputStream());
    }
    return new String[] {HexFormat.of().formatHex(sha.digest()), Long.toString(count)};
  }

  Manifest manifest() {
    return manifest;
  }

  /** Whether the bundle holds the file. */
  boolean has(String path) {
    return sizes.containsKey(path);
  }

  /**
   * The items of one of the bundle's JSON files (as {@link BundleZip#items} wrote them); none when
   * the bundle lacks the file.
   *
   * @throws Rejected when the file is not such a list
   */
  List<JsonObject> items(String path) throws Rejected, IOException {
    if (!has(path)) {
      return List.of();
    }
    try (InputStream in = zip.getInputStream(zip.getEntry(path));
        JsonReader json = Json.createReader(in)) {
      JsonObject file = json.readObject();
      JsonValue items = file.get("items");
      if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new Rejected("import.error.file", path);
      }
      for (JsonValue item : items.asJsonArray()) {
        if (item.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new Rejected("import.error.file", path);
        }
      }
      return items.asJsonArray().getValuesAs(JsonObject.class);
    } catch (JsonException | ClassCastException bad) {
      throw new Rejected("import.error.file", path);
    }
  }

  /** A file of the bundle, streamed (a disk). */
  InputStream open(String path) throws IOException {
    ZipEntry entry = has(path) ? zip.getEntry(path) : null;
    if (entry == null) {
      throw new IOException("the bundle holds no " + path);
    }
    return zip.getInputStream(entry);
  }

  /** A text member of an object, or null when absent or not text. */
  static String string(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonString s ? s.getString() : null;
  }

  /** A whole-number member, or -1 when absent or not a number. */
  static long number(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonNumber n && n.isIntegral() ? n.longValue() : -1;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
