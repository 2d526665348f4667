package eu.federa.portability;

import eu.federa.platform.config.Setting;
import eu.federa.platform.validation.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The platform's signature on erasure records: Ed25519, with the key pair of {@link
 * Setting#RECORD_SIGNING_KEY} (never in the database). Anyone can check a record with the public
 * key the switching page publishes.
 */
@ApplicationScoped
public class RecordSigner {

  /** The key pair, read when first used. */
  private record Keys(PrivateKey privateKey, PublicKey publicKey, String keyId) {}

  private volatile Keys keys;

  /** A signature over some bytes. */
  public record Signed(String signatureBase64, String keyId) {}

  /**
   * Signs {@code body}.
   *
   * @throws ConflictException when no signing key is configured (the erasure waits for one)
   */
  public Signed sign(byte[] body) {
    Keys k = keys();
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(k.privateKey());
      s.update(body);
      return new Signed(Base64.getEncoder().encodeToString(s.sign()), k.keyId());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether {@code signatureBase64} is this platform's signature of {@code body}. */
  public boolean verify(byte[] body, String signatureBase64) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(keys().publicKey());
      s.update(body);
      return s.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The public key, X.509 (SubjectPublicKeyInfo) in base64; empty when none is configured. */
  public String publicKeyBase64() {
    try {
      return Base64.getEncoder().encodeToString(keys().publicKey().getEncoded());
    } catch (ConflictException none) {
      return "";
    }
  }

  /** The key's id: the first 16 hex digits of the SHA-256 of the public key. */
  public String keyId() {
    try {
      return keys().keyId();
    } catch (ConflictException none) {
      return "";
    }
  }

  private Keys keys() {
    Keys k = keys;
    if (k == null) {
      k = parse(Setting.RECORD_SIGNING_KEY.value());
      keys = k;
    }
    return k;
  }

  /** A key pair from {@code pkcs8Base64.x509Base64}, checked to belong together. */
  static Keys parse(String value) {
    if (value == null || value.isBlank()) {
      throw new ConflictException("exit.error.noSigningKey");
    }
    String[] parts = value.strip().split("\\.");
    if (parts.length != 2) {
      throw new IllegalStateException(
          "FEDERA_RECORD_SIGNING_KEY must be the PKCS#8 private key and the X.509 public key,"
              + " base64, joined by a dot");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      PrivateKey privateKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
      PublicKey publicKey =
          factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
      byte[] probe = "federa".getBytes(StandardCharsets.UTF_8);
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(probe);
      byte[] signature = s.sign();
      s.initVerify(publicKey);
      s.update(probe);
      if (!s.verify(signature)) {
        throw new IllegalStateException(
            "FEDERA_RECORD_SIGNING_KEY: the public key is not the private key's");
      }
      String id =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
              .substring(0, 16);
      return new Keys(privateKey, publicKey, id);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("FEDERA_RECORD_SIGNING_KEY is not an Ed25519 key pair", e);
    }
  }
}
