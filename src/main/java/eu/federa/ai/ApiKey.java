package eu.federa.ai;

import eu.federa.platform.security.BearerSecret;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * An API key of a tenant for the AI gateway. Only the SHA-256 of its secret is kept; it works until
 * it expires, is revoked, or its creator leaves the tenant (unless a tenant admin kept it).
 */
@Entity
@Table(name = "ai_key")
public class ApiKey {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(name = "project_id", updatable = false)
  private Long projectId;

  @Column(nullable = false, updatable = false, length = 80)
  private String name;

  @Column(name = "key_prefix", nullable = false, updatable = false, length = 16)
  private String keyPrefix;

  @Column(
      name = "secret_sha256",
      nullable = false,
      updatable = false,
      length = 64,
      columnDefinition = "char(64)")
  private String secretSha256;

  @Column(name = "all_endpoints", nullable = false, updatable = false)
  private boolean allEndpoints;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "ai_key_endpoint", joinColumns = @JoinColumn(name = "key_id"))
  @Column(name = "service_id")
  private Set<Long> serviceIds = new HashSet<>();

  @Column(name = "requests_per_minute", updatable = false)
  private Integer requestsPerMinute;

  @Column(name = "tokens_per_minute", updatable = false)
  private Integer tokensPerMinute;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_by_name", nullable = false, updatable = false)
  private String createdByName;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", updatable = false)
  private Instant expiresAt;

  /**
   * When it, or what it depends on, last changed (revoked, kept, its project's limits, its
   * creator's membership): every node's gateway forgets what it read of it.
   */
  @Column(name = "changed_at")
  private Instant changedAt;

  @Column(name = "kept_by_project_at")
  private Instant keptByProjectAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ApiKey() {}

  ApiKey(
      long tenantId,
      KeyForm form,
      BearerSecret secret,
      String createdBy,
      String createdByName,
      Instant now) {
    this.tenantId = tenantId;
    this.projectId = form.projectId();
    this.name = form.name().strip();
    this.keyPrefix = secret.prefix();
    this.secretSha256 = secret.sha256();
    this.allEndpoints = form.allEndpoints();
    if (!form.allEndpoints()) {
      this.serviceIds.addAll(form.serviceIds());
    }
    this.requestsPerMinute = form.requestsPerMinute();
    this.tokensPerMinute = form.tokensPerMinute();
    this.createdBy = createdBy;
    this.createdByName = createdByName;
    this.createdAt = now;
    this.expiresAt = form.expiresAt();
  }

  void revoke(String by, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedBy = by;
      changedAt = now;
    }
  }

  void keepForProject(Instant now) {
    if (keptByProjectAt == null) {
      keptByProjectAt = now;
      changedAt = now;
    }
  }

  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public boolean keptByProject() {
    return keptByProjectAt != null;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public Long getProjectId() {
    return projectId;
  }

  public String getName() {
    return name;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public boolean isAllEndpoints() {
    return allEndpoints;
  }

  public Set<Long> getServiceIds() {
    return Set.copyOf(serviceIds);
  }

  public Integer getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public Integer getTokensPerMinute() {
    return tokensPerMinute;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public String getCreatedByName() {
    return createdByName;
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

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }
}
