package eu.federa.portability;

import eu.federa.platform.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where bundles are kept: {@code FEDERA_EXPORT_DIR}, else {@code federa-exports} in WildFly's data
 * directory. A bundle is written beside its final name and moved there once complete, so a download
 * never sees half a file.
 */
final class ExportFiles {

  private ExportFiles() {}

  static Path directory() {
    String configured = Setting.EXPORT_DIR.value();
    Path dir =
        !configured.isBlank()
            ? Path.of(configured)
            : Path.of(
                System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                "federa-exports");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the export directory " + dir, e);
    }
  }

  /** The bundle of export {@code id}, once complete. */
  static Path bundle(long id) {
    return directory().resolve("export-" + id + ".zip");
  }

  /** The file an attempt ({@code claim}) writes before it is complete. */
  static Path partial(long id, String claim) {
    return directory().resolve("export-" + id + "-" + claim + ".part");
  }

  /** The name a download is saved under. */
  static String downloadName(long tenantId, long id) {
    return "federa-export-" + tenantId + "-" + id + ".zip";
  }
}
