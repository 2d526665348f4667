package eu.federa.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * "Users whose token says X belong to tenant T with role R": how users of partner identity
 * providers land in their organisation at sign-in, without an invitation.
 */
@Entity
@Table(name = "membership_rule")
public class MembershipRule {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private RuleKind kind;

  @Column(name = "match_value", nullable = false)
  private String matchValue;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tenant_id", nullable = false)
  private Tenant tenant;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private TenantRole role;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected MembershipRule() {}

  MembershipRule(
      RuleKind kind, String matchValue, Tenant tenant, TenantRole role, String by, Instant now) {
    this.kind = kind;
    this.matchValue = normalise(kind, matchValue);
    this.tenant = tenant;
    this.role = role;
    this.createdBy = by;
    this.createdAt = now;
  }

  /** Domains compare without case; aliases and groups as Keycloak spells them. */
  static String normalise(RuleKind kind, String value) {
    String trimmed = value.trim();
    return kind == RuleKind.EMAIL_DOMAIN ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  public Long getId() {
    return id;
  }

  public RuleKind getKind() {
    return kind;
  }

  public String getMatchValue() {
    return matchValue;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public TenantRole getRole() {
    return role;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
