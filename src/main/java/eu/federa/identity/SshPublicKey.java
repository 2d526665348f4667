package eu.federa.identity;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OpenSSH public key as one line of {@code authorized_keys} ({@code type base64 [comment]}),
 * checked before it is kept: a known type, key data that decodes and names the same type, RSA of at
 * least 2048 bits, a comment of plain characters. A private key is refused with its own reason:
 * whoever pastes one must know it is now exposed.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param data the key data, base64 as in the line
 * @param comment what follows the data, empty when none
 * @param bits the key's size in bits
 */
public record SshPublicKey(String type, String data, String comment, int bits) {

  /** Why a text is not an acceptable public key; the message key and its arguments. */
  public static final class Refused extends Exception {
    private final String messageKey;
    private final transient Object[] arguments;

    Refused(String messageKey, Object... arguments) {
      super(messageKey);
      this.messageKey = messageKey;
      this.arguments = arguments;
    }

    public String messageKey() {
      return messageKey;
    }

    public Object[] arguments() {
      return arguments.clone();
    }
  }

  /** Longest line accepted (an RSA key of 16,384 bits is about 2,800 characters). */
  public static final int MAX_LENGTH = 4096;

  public static final int MIN_RSA_BITS = 2048;

  private static final Map<String, Integer> FIXED_BITS =
      Map.of(
          "ssh-ed25519", 256,
          "sk-ssh-ed25519@openssh.com", 256,
          "ecdsa-sha2-nistp256", 256,
          "ecdsa-sha2-nistp384", 384,
          "ecdsa-sha2-nistp521", 521,
          "sk-ecdsa-sha2-nistp256@openssh.com", 256);

  private static final Pattern COMMENT = Pattern.compile("[\\p{L}\\p{N} @._+:=,/()-]{0,200}");

  /**
   * Reads one public key.
   *
   * @throws Refused with the reason, for anything else: a private key, several keys, an unknown
   *     type, broken data, a short RSA key, a comment with unusual characters
   */
  public static SshPublicKey parse(String text) throws Refused {
    String line = text == null ? "" : text.strip();
    if (line.isEmpty()) {
      throw new Refused("sshkey.error.empty");
    }
    if (line.contains("PRIVATE KEY") || line.startsWith("PuTTY-User-Key-File")) {
      throw new Refused("sshkey.error.private");
    }
    if (line.length() > MAX_LENGTH) {
      throw new Refused("sshkey.error.long", MAX_LENGTH);
    }
    if (line.contains("\n") || line.contains("\r")) {
      throw new Refused("sshkey.error.several");
    }
    String[] parts = line.split("\\s+", 3);
    String type = parts[0];
    boolean rsa = type.equals("ssh-rsa");
    if (!rsa && !FIXED_BITS.containsKey(type)) {
      throw new Refused("sshkey.error.type", type.length() > 40 ? type.substring(0, 40) : type);
    }
    if (parts.length < 2) {
      throw new Refused("sshkey.error.data");
    }
    String comment = parts.length == 3 ? parts[2].strip() : "";
    if (!COMMENT.matcher(comment).matches()) {
      throw new Refused("sshkey.error.comment");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException notBase64) {
      throw new Refused("sshkey.error.data");
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    int bits;
    try {
      String named = new String(field(in), StandardCharsets.US_ASCII);
      if (!named.equals(type)) {
        throw new Refused("sshkey.error.mismatch", type);
      }
      if (rsa) {
        field(in); // the public exponent
        bits = new BigInteger(1, field(in)).bitLength();
        if (bits < MIN_RSA_BITS) {
          throw new Refused("sshkey.error.short", bits, MIN_RSA_BITS);
        }
      } else {
        bits = FIXED_BITS.get(type);
        byte[] key = type.contains("ed25519") ? field(in) : null;
        if (key != null && key.length != 32) {
          throw new Refused("sshkey.error.data");
        }
        if (key == null) {
          field(in); // the curve's name
          field(in); // the point
        }
      }
    } catch (BufferUnderflowException | IllegalArgumentException truncated) {
      throw new Refused("sshkey.error.data");
    }
    return new SshPublicKey(type, parts[1], comment, bits);
  }

  /** One length-prefixed field of the key data. */
  private static byte[] field(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("field longer than the data");
    }
    byte[] value = new byte[length];
    in.get(value);
    return value;
  }

  /** The key as OpenSSH's {@code ssh-keygen -l} shows it: {@code SHA256:} and base64, unpadded. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(data));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /** The line for {@code authorized_keys}. */
  public String line() {
    return comment.isEmpty() ? type + " " + data : type + " " + data + " " + comment;
  }
}
