package eu.federa.cloud.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a disk exported to the simulator's marketplace: made up, but the same every time for
 * the same app (so that a download resumed with a range fits the part before it), and its MD5 as
 * OpenNebula's marketplace records it.
 */
final class SimDisks {

  private SimDisks() {}

  /** The byte at {@code position} of app {@code appId}'s disk. */
  static byte at(int appId, long position) {
    long x = position * 0x9E3779B97F4A7C15L + appId * 0xBF58476D1CE4E5B9L;
    x ^= x >>> 31;
    return (byte) x;
  }

  /** Fills {@code buffer} with the disk's bytes from {@code from}. */
  static void fill(int appId, long from, byte[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      buffer[i] = at(appId, from + i);
    }
  }

  /** The MD5 of the first {@code length} bytes, hex. */
  static String md5(int appId, long length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (long done = 0; done < length; ) {
        int n = (int) Math.min(buffer.length, length - done);
        fill(appId, done, buffer, n);
        md5.update(buffer, 0, n);
        done += n;
      }
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
