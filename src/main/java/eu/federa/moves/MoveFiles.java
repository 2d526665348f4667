package eu.federa.moves;

import eu.federa.platform.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a moving disk stays between its source and its target: {@code moves} in {@code
 * FEDERA_EXPORT_DIR} (the directory every node sees), else {@code federa-moves} in WildFly's data
 * directory. The part file survives restarts (the copy resumes from it); the disk goes once the
 * target has it, or the move is over.
 */
final class MoveFiles {

  private MoveFiles() {}

  static Path directory() {
    String configured = Setting.EXPORT_DIR.value();
    Path dir =
        !configured.isBlank()
            ? Path.of(configured, "moves")
            : Path.of(
                System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                "federa-moves");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory of moving disks " + dir, e);
    }
  }

  /** The move's disk, complete and checked. */
  static Path disk(long moveId) {
    return disk(moveId, null);
  }

  /** The move's disk while it comes in. */
  static Path part(long moveId) {
    return part(moveId, null);
  }

  /** The disk of the VM ({@code volumeId} null) or of one of its volumes, complete and checked. */
  static Path disk(long moveId, Long volumeId) {
    return directory().resolve(name(moveId, volumeId) + ".qcow2");
  }

  /** The same while it comes in. */
  static Path part(long moveId, Long volumeId) {
    return directory().resolve(name(moveId, volumeId) + ".qcow2.part");
  }

  private static String name(long moveId, Long volumeId) {
    return "move-" + moveId + (volumeId == null ? "" : "-volume-" + volumeId);
  }

  /** Every disk of the move goes (the target has them, or the move is over). */
  static void delete(long moveId) {
    String prefix = "move-" + moveId;
    try (java.util.stream.Stream<Path> files = Files.list(directory())) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (n.equals(prefix + ".qcow2")
            || n.equals(prefix + ".qcow2.part")
            || n.startsWith(prefix + "-volume-")) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
