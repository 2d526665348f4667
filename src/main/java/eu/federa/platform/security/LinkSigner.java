package eu.federa.platform.security;

import eu.federa.platform.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs short-lived links (a VM's console) so that a node can check one another node made: an
 * HMAC-SHA256 whose key is derived, per purpose, from the portal's secret keys ({@code
 * FEDERA_SECRET_KEYS}, the same on every node). What a link says is the caller's to bind: who it is
 * for, what it opens, until when.
 */
@ApplicationScoped
public class LinkSigner {

  /** The signature of {@code message} for {@code purpose}, URL-safe. */
  public String sign(String purpose, String message) {
    return sign(Setting.SECRET_KEYS.value(), purpose, message);
  }

  /** Whether {@code signature} is the signature of {@code message} (compared in constant time). */
  public boolean verify(String purpose, String message, String signature) {
    return verify(Setting.SECRET_KEYS.value(), purpose, message, signature);
  }

  /** The signature under the key material {@code secretKeys} (the rule itself, for tests). */
  static String sign(String secretKeys, String purpose, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secretKeys, purpose), "HmacSHA256"));
      byte[] signature = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  static boolean verify(String secretKeys, String purpose, String message, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secretKeys, purpose, message).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  /** A key per purpose: a link signed for one purpose is no link for another. */
  private static byte[] key(String secretKeys, String purpose) throws GeneralSecurityException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(("federa-link-" + purpose + "\n").getBytes(StandardCharsets.UTF_8));
    return sha.digest(secretKeys.getBytes(StandardCharsets.UTF_8));
  }
}
