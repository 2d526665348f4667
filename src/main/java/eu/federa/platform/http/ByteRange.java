package eu.federa.platform.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes of a file, as an HTTP {@code Range} header asks for it (RFC 9110 §14), so that
 * an interrupted download of a large bundle resumes where it stopped.
 *
 * @param first the first byte's offset
 * @param last the last byte's offset, inclusive
 */
public record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** Thrown for a range that lies wholly outside the file: answered 416. */
  public static final class Unsatisfiable extends RuntimeException {
    public Unsatisfiable(String header) {
      super("Range not satisfiable: " + header);
    }
  }

  /**
   * The range a header asks for in a file of {@code size} bytes; empty for no header, one this does
   * not serve (several ranges, another unit: the whole file is sent), or one that asks for the
   * whole file.
   *
   * @throws Unsatisfiable when it starts beyond the file's end, or asks for no byte
   */
  public static Optional<ByteRange> of(String header, long size) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long first;
    long last;
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0) {
          throw new Unsatisfiable(header);
        }
        first = Math.max(0, size - suffix);
        last = size - 1;
      } else {
        first = Long.parseLong(m.group(1));
        last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
          return Optional.empty(); // not a valid range: ignored, as RFC 9110 says
        }
      }
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
    if (first >= size) {
      throw new Unsatisfiable(header);
    }
    if (first == 0 && last == size - 1) {
      return Optional.empty();
    }
    return Optional.of(new ByteRange(first, last));
  }

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} of this range of a file of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** Sends {@code length} bytes of {@code file} from byte {@code first} (a bundle, a disk). */
  public static void send(
      java.nio.file.Path file, long first, long length, java.io.OutputStream out)
      throws java.io.IOException {
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
      channel.position(first);
      try (java.io.InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
          int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (read < 0) {
            break;
          }
          out.write(buffer, 0, read);
          left -= read;
        }
      }
    }
  }
}
