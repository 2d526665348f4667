package eu.federa.platform.export;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of an export bundle, as a {@link TenantDataSection} writes them. Each file is streamed
 * into the bundle (never held whole in memory), and listed in its manifest with its size and
 * SHA-256. JSON files follow a published schema, named here.
 */
public interface BundleWriter {

  /**
   * A JSON file {@code {"$schema": <its schema's address>, "tenantId": <id>, "items": [...]}}, each
   * item a record serialised by JSON-B (times as ISO-8601 UTC, money as decimal numbers).
   *
   * @param path the file's path in the bundle, e.g. {@code vms.json}
   * @param schema the name of its schema, e.g. {@code vms} for {@code vms.schema.json}
   */
  void items(String path, String schema, Stream<?> items) throws IOException;

  /** A CSV file: the header, then each row (cells made safe for spreadsheets). */
  void csv(String path, List<String> header, Stream<List<String>> rows) throws IOException;

  /** A file of bytes the section made (an invoice's PDF). */
  void bytes(String path, byte[] content) throws IOException;
}
