package eu.federa.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's service account: the identity a script acts as when it calls the REST API with the
 * account's token. What it may do is its membership's (role and projects, under {@link #subject}).
 * Only the SHA-256 of its token is kept; it works until it expires or is revoked.
 */
@Entity
@Table(name = "service_account")
public class ServiceAccount {

  /** The start of every service account's subject, so that no person's can be mistaken for one. */
  public static final String SUBJECT_START = "service:";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(nullable = false, updatable = false, length = 64)
  private String subject;

  @Column(nullable = false, updatable = false, length = 80)
  private String name;

  @Column(
      name = "secret_sha256",
      nullable = false,
      updatable = false,
      length = 64,
      columnDefinition = "char(64)")
  private String secretSha256;

  @Column(name = "secret_prefix", nullable = false, updatable = false, length = 16)
  private String secretPrefix;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "last_refused_at")
  private Instant lastRefusedAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected ServiceAccount() {}

  ServiceAccount(
      long tenantId,
      String name,
      String secretSha256,
      String secretPrefix,
      String createdBy,
      Instant now,
      Instant expiresAt) {
    this.tenantId = tenantId;
    this.subject = SUBJECT_START + UUID.randomUUID();
    this.name = name;
    this.secretSha256 = secretSha256;
    this.secretPrefix = secretPrefix;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public String getSubject() {
    return subject;
  }

  public String getName() {
    return name;
  }

  public String getSecretPrefix() {
    return secretPrefix;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Whether its token is accepted now. */
  public boolean works(Instant now) {
    return !revoked() && !expired(now);
  }

  void revoke(String by, Instant now) {
    this.revokedAt = now;
    this.revokedBy = by;
  }
}
