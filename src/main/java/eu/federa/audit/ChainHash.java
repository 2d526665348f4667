package eu.federa.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit chain's arithmetic. A seal's hash is the SHA-256 of the previous seal's hash, the
 * event's own columns and the digest of its personal part; the digest is the SHA-256 of the
 * personal columns. Each value is written with its length (a null as a marker of its own), so that
 * no two different events give the same bytes: "ab" + "c" never reads as "a" + "bc".
 */
final class ChainHash {

  /** The hash before the first seal. */
  static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  /** The digest of an event's personal part, as sealed. */
  static String personal(
      String actorSubject, String actorName, String target, String clientAddress, String detail) {
    Fields f = new Fields();
    f.text(actorSubject).text(actorName).text(target).text(clientAddress).text(detail);
    return f.sha256();
  }

  /** The hash of a seal: the previous hash, then the event, then its personal digest. */
  static String link(
      String previousHash,
      long eventId,
      Instant occurredAt,
      Long tenantId,
      String action,
      String outcome,
      String personalDigest) {
    Fields f = new Fields();
    f.text(previousHash)
        .number(eventId)
        .number(occurredAt.getEpochSecond())
        .number(occurredAt.getNano())
        .number(tenantId)
        .text(action)
        .text(outcome)
        .text(personalDigest);
    return f.sha256();
  }

  /** Length-prefixed fields, in order. */
  private static final class Fields {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    Fields text(String value) {
      if (value == null) {
        bytes.write(0);
        return this;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      bytes.write(1);
      writeLong(utf8.length);
      bytes.writeBytes(utf8);
      return this;
    }

    Fields number(Long value) {
      if (value == null) {
        bytes.write(0);
        return this;
      }
      bytes.write(2);
      writeLong(value);
      return this;
    }

    Fields number(long value) {
      return number(Long.valueOf(value));
    }

    private void writeLong(long value) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes.write((int) (value >>> shift) & 0xff);
      }
    }

    String sha256() {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java runtime has SHA-256", e);
      }
    }
  }
}
