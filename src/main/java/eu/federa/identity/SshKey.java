package eu.federa.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An SSH public key a user keeps in their profile, for the VMs they order. */
@Entity
@Table(name = "ssh_key")
public class SshKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_subject", nullable = false, updatable = false)
  private String userSubject;

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

  protected SshKey() {}

  SshKey(String userSubject, String name, SshPublicKey key, Instant now) {
    this.userSubject = userSubject;
    this.name = name;
    this.keyType = key.type();
    this.keyBits = key.bits();
    this.publicKey = key.line();
    this.fingerprint = key.fingerprint();
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getUserSubject() {
    return userSubject;
  }

  public String getName() {
    return name;
  }

  public String getKeyType() {
    return keyType;
  }

  public int getKeyBits() {
    return keyBits;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
