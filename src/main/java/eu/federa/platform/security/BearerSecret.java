package eu.federa.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret a caller presents as a bearer token (an AI gateway key, a service account's token): a
 * start that says what it is ({@code fed-}, {@code fsa-}) and 43 letters and digits (about 256 bits
 * from a secure random source). It is shown once; only its SHA-256 is kept, which suffices for a
 * secret of this strength (no password hashing needed), and its first characters are kept to be
 * recognised.
 */
public record BearerSecret(String value, String prefix, String sha256) {

  /** The start of the AI gateway's API keys. */
  public static final String API_KEY = "fed-";

  /** The start of a service account's token. */
  public static final String SERVICE_ACCOUNT = "fsa-";

  private static final int LENGTH = 43;
  private static final int PREFIX_CHARS = 8;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String toString() {
    return "BearerSecret[" + prefix + "…]";
  }

  /** A new secret that starts with {@code start} (one of the constants above). */
  public static BearerSecret generate(String start) {
    StringBuilder s = new StringBuilder(start);
    for (int i = 0; i < LENGTH; i++) {
      s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    String value = s.toString();
    return new BearerSecret(
        value, value.substring(0, start.length() + PREFIX_CHARS), sha256Of(value));
  }

  /** Whether a presented value can be a key at all (checked before any lookup). */
  public static boolean wellFormed(String presented, String start) {
    if (presented == null
        || presented.length() != start.length() + LENGTH
        || !presented.startsWith(start)) {
      return false;
    }
    for (int i = start.length(); i < presented.length(); i++) {
      char c = presented.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  public static String sha256Of(String value) {
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
