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

  /** A disk of the bundle, copied from its provider (qcow2). */
  static Path disk(long exportId, long diskId) {
    return directory().resolve("export-" + exportId + "-disk-" + diskId + ".qcow2");
  }

  /** A disk being copied: kept across attempts, so that the copy resumes where it stopped. */
  static Path diskPart(long exportId, long diskId) {
    return directory().resolve("export-" + exportId + "-disk-" + diskId + ".qcow2.part");
  }

  /** Deletes the export's disk copies, done or in part; how many there were. */
  static int deleteDisks(long exportId) throws IOException {
    int deleted = 0;
    try (java.nio.file.DirectoryStream<Path> files =
        Files.newDirectoryStream(directory(), "export-" + exportId + "-disk-*")) {
      for (Path f : files) {
        Files.deleteIfExists(f);
        deleted++;
      }
    } catch (java.nio.file.NoSuchFileException none) {
      return 0;
    }
    return deleted;
  }

  /** The file an attempt ({@code claim}) writes before it is complete. */
  static Path partial(long id, String claim) {
    return directory().resolve("export-" + id + "-" + claim + ".part");
  }

  /** A bundle uploaded for an import, kept until the import is over. */
  static Path upload(String name) {
    return directory().resolve(name);
  }

  /** A fresh name for an uploaded bundle. */
  static String uploadName() {
    return "import-" + java.util.UUID.randomUUID() + ".zip";
  }

  /** An imported VM's disk, copied here and checked, served to the provider that recreates it. */
  static Path staged(long importVmId) {
    return directory().resolve("import-vm-" + importVmId + ".qcow2");
  }

  /** The same disk while it is copied (kept across attempts: the copy resumes). */
  static Path stagedPart(long importVmId) {
    return directory().resolve("import-vm-" + importVmId + ".qcow2.part");
  }

  /** The name a download is saved under. */
  static String downloadName(long tenantId, long id) {
    return "federa-export-" + tenantId + "-" + id + ".zip";
  }
}
