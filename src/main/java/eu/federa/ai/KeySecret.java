package eu.federa.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of an API key: {@code fed-} and 43 letters and digits (about 256 bits from a secure
 * random source). It is shown once; only its SHA-256 is kept, which suffices for a secret of this
 * strength (no password hashing needed), and its first characters are kept to be recognised.
 */
public record KeySecret(String value, String prefix, String sha256) {

  static final String START = "fed-";
  private static final int LENGTH = 43;
  private static final int PREFIX_LENGTH = START.length() + 8;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String toString() {
    return "KeySecret[" + prefix + "…]";
  }

  static KeySecret generate() {
    StringBuilder s = new StringBuilder(START);
    for (int i = 0; i < LENGTH; i++) {
      s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    String value = s.toString();
    return new KeySecret(value, value.substring(0, PREFIX_LENGTH), sha256Of(value));
  }

  /** Whether a presented value can be a key at all (checked before any lookup). */
  static boolean wellFormed(String presented) {
    if (presented == null
        || presented.length() != START.length() + LENGTH
        || !presented.startsWith(START)) {
      return false;
    }
    for (int i = START.length(); i < presented.length(); i++) {
      char c = presented.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  static String sha256Of(String value) {
    MessageDigest sha;
    try {
      sha = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      sha = newSha256();
    }
    return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Every gateway call hashes its key; looking the algorithm up walks the server's security
   * providers, so a fresh digest is cloned from this one instead (never used itself).
   */
  private static final MessageDigest SHA256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
