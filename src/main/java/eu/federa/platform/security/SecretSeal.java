package eu.federa.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that Federa must keep (providers' API passwords, tenants' agent passwords) before
 * they reach the database, with AES-256-GCM under keys kept outside it ({@code
 * FEDERA_SECRET_KEYS}). A sealed value names its key, so keys rotate: the first key of the ring
 * seals, every key of the ring opens, and {@link #isCurrent} tells what to seal again. A value
 * without the prefix is a plain one from before sealing, read as it is until it is sealed again.
 *
 * <p>The ring is written {@code id:base64key[,id:base64key...]}, each key 32 bytes, the current one
 * first; ids are letters, digits, dots, dashes.
 */
public final class SecretSeal {

  private static final String PREFIX = "sealed:v1:";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKeySpec> keys;
  private final String currentId;

  private SecretSeal(Map<String, SecretKeySpec> keys, String currentId) {
    this.keys = keys;
    this.currentId = currentId;
  }

  /**
   * The ring as configured.
   *
   * @throws IllegalArgumentException for a ring that is empty or malformed, naming what is wrong
   *     but never a key
   */
  public static SecretSeal of(String ring) {
    if (ring == null || ring.isBlank()) {
      throw new IllegalArgumentException(
          "FEDERA_SECRET_KEYS is not set: secrets cannot be sealed (see README, Configuration)");
    }
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    for (String entry : ring.split(",")) {
      int colon = entry.indexOf(':');
      String id = colon < 0 ? "" : entry.substring(0, colon).trim();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("FEDERA_SECRET_KEYS: a key needs an id before ':'");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("FEDERA_SECRET_KEYS: key " + id + " is not base64");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("FEDERA_SECRET_KEYS: key " + id + " is not 32 bytes");
      }
      if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
        throw new IllegalArgumentException("FEDERA_SECRET_KEYS: key id " + id + " twice");
      }
    }
    return new SecretSeal(keys, keys.keySet().iterator().next());
  }

  /** A new random key in the ring's notation, for set-up scripts and the demo. */
  public static String newKey(String id) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return id + ":" + Base64.getEncoder().encodeToString(key);
  }

  /** The secret sealed with the current key; a new random IV every time. */
  public String seal(String plain) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(currentId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plain secret. A value from before sealing is returned as it is.
   *
   * @throws IllegalStateException when its key is not in the ring or the value was altered
   */
  public String open(String stored) {
    if (!isSealed(stored)) {
      return stored;
    }
    String rest = stored.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String id = colon < 0 ? "" : rest.substring(0, colon);
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new IllegalStateException(
          "A secret is sealed with key " + id + ", which FEDERA_SECRET_KEYS does not hold");
    }
    try {
      byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("A sealed secret (key " + id + ") cannot be opened", e);
    }
  }

  /** Whether the value is sealed with the current key (else it is to be sealed again). */
  public boolean isCurrent(String stored) {
    return isSealed(stored) && stored.startsWith(PREFIX + currentId + ":");
  }

  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  @Override
  public String toString() {
    return "SecretSeal[current=" + currentId + ", keys=" + keys.keySet() + "]";
  }
}
