package eu.federa.cloud.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * A copy of a disk's bytes into a part file that survives faults and restarts: what the file holds
 * already is not fetched again, a transfer cut midway is resumed from where it stopped (a few times
 * in a row at most), and progress is reported every few MiB so that the caller can record it and
 * renew its lease. Used by disk transfers from a provider (exports, moves between providers) and by
 * imports (a disk from the exporting Federa).
 */
public final class ResumableCopy {

  private static final Logger LOG = Logger.getLogger(ResumableCopy.class.getName());

  /** How often progress is reported while bytes come in. */
  static final long PROGRESS_BYTES = 4L * 1024 * 1024;

  /** How many times a cut transfer is resumed at once before the copy gives up. */
  static final int RESUMES = 5;

  private ResumableCopy() {}

  /** The transfer was cut {@link #times()} times in a row; the last cut is the cause. */
  public static final class Cut extends IOException {
    private static final long serialVersionUID = 1L;
    private final int times;

    public Cut(String what, int times, IOException last) {
      super("the copy of " + what + " was cut " + times + " times: " + last.getMessage(), last);
      this.times = times;
    }

    public int times() {
      return times;
    }
  }

  /** Where the bytes come from: from a byte offset on. */
  public interface Source {
    InputStream open(long from) throws IOException;
  }

  /** Told how many bytes the part file holds. */
  public interface Progress {
    void at(long bytesDone);
  }

  /**
   * Appends to {@code part} the bytes of {@code source} it does not hold yet.
   *
   * @return how many bytes it holds at the end
   * @throws Cut when the transfer was cut {@link #RESUMES} times in a row
   */
  public static long into(Path part, Source source, Progress progress, String what)
      throws IOException {
    for (int resumes = 0; ; resumes++) {
      long done = Files.exists(part) ? Files.size(part) : 0;
      progress.at(done);
      try (InputStream in = source.open(done);
          OutputStream out =
              Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        byte[] buffer = new byte[256 * 1024];
        long sinceProgress = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          done += n;
          sinceProgress += n;
          if (sinceProgress >= PROGRESS_BYTES) {
            out.flush();
            progress.at(done);
            sinceProgress = 0;
          }
        }
        return done;
      } catch (IOException cut) {
        if (resumes + 1 >= RESUMES) {
          progress.at(Files.exists(part) ? Files.size(part) : 0);
          throw new Cut(what, RESUMES, cut);
        }
        LOG.info(() -> what + ": transfer cut (" + cut.getMessage() + "), resuming");
      }
    }
  }
}
