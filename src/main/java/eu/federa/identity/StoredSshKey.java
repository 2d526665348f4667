package eu.federa.identity;

import eu.federa.identity.SshKeys.KeyView;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.List;

/**
 * What every kept SSH key holds, whoever it belongs to (a user, a project): its name, the checked
 * key ({@link SshPublicKey}) as one {@code authorized_keys} line, its type, size and fingerprint.
 */
@MappedSuperclass
public abstract class StoredSshKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 60)
  private String name;

  @Column(name = "key_type", nullable = false, updatable = false)
  private String keyType;

  @Column(name = "key_bits", nullable = false, updatable = false)
  private int keyBits;

  @Column(name = "public_key", nullable = false, updatable = false)
  private String publicKey;

  @Column(nullable = false, updatable = false)
  private String fingerprint;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected StoredSshKey() {}

  protected StoredSshKey(String name, SshPublicKey key, Instant now) {
    this.name = name;
    this.keyType = key.type();
    this.keyBits = key.bits();
    this.publicKey = key.line();
    this.fingerprint = key.fingerprint();
    this.createdAt = now;
  }

  /**
   * Refuses a key already among {@code kept} (the same fingerprint: {@code duplicateKey} names the
   * message), a name already taken there (letter case aside), or one key too many.
   *
   * @throws InvalidInputException with the reason
   */
  public static void refuseRepeats(
      List<? extends StoredSshKey> kept,
      String name,
      SshPublicKey key,
      String duplicateKey,
      int max,
      String limitKey) {
    for (StoredSshKey other : kept) {
      if (other.fingerprint.equals(key.fingerprint())) {
        throw new InvalidInputException(FieldError.of("publicKey", duplicateKey, other.name));
      }
      if (other.name.equalsIgnoreCase(name)) {
        throw new InvalidInputException(FieldError.of("name", "sshkey.error.name", name));
      }
    }
    if (kept.size() >= max) {
      throw new InvalidInputException(FieldError.of("publicKey", limitKey, max));
    }
  }

  /** The key as pages and the API show it. */
  public KeyView view() {
    String[] parts = publicKey.split(" ", 3);
    return new KeyView(
        id, name, keyType, keyBits, fingerprint, parts.length == 3 ? parts[2] : "", createdAt);
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public String getFingerprint() {
    return fingerprint;
  }
}
