package eu.federa.cloud.registry;

import java.io.IOException;

/**
 * Why a disk's bytes could not be copied, as a reader is told it: the transfer was cut time after
 * time, the disk's server answered with something other than the disk, the bytes did not match the
 * checksum their source states, or the server could not be reached at all. The exception's own
 * text, a library's English, is for the log; a reason is written from {@link #kind()} and {@link
 * #number()} in the bundles' words.
 *
 * @param kind what happened
 * @param number how many times it was cut ({@link Kind#CUT}), the HTTP status ({@link
 *     Kind#ANSWERED}); 0 otherwise
 */
public record CopyFailure(Kind kind, int number) {

  /** What happened to a copy. */
  public enum Kind {
    CUT,
    ANSWERED,
    MISMATCH,
    UNREACHABLE
  }

  /**
   * What {@code failure} says happened. A server's answer counts before the cuts: a transfer given
   * up after the server answered 404 on its last try was refused, not cut.
   */
  public static CopyFailure of(IOException failure) {
    IOException last =
        failure instanceof ResumableCopy.Cut && failure.getCause() instanceof IOException cause
            ? cause
            : failure;
    if (last instanceof DiskExports.Refused refused) {
      return new CopyFailure(Kind.ANSWERED, refused.status());
    }
    if (failure instanceof ResumableCopy.Cut cut) {
      return new CopyFailure(Kind.CUT, cut.times());
    }
    if (failure instanceof DiskTransfer.Mismatch) {
      return new CopyFailure(Kind.MISMATCH, 0);
    }
    return new CopyFailure(Kind.UNREACHABLE, 0);
  }
}
