package eu.federa.tenancy;

import eu.federa.platform.security.AuthenticatedUser;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  @Column(name = "trusted_idps", nullable = false, length = 500)
  private String trustedProviders;

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
      RuleKind kind,
      String matchValue,
      List<String> trustedProviders,
      Tenant tenant,
      TenantRole role,
      String by,
      Instant now) {
    this.kind = kind;
    this.matchValue = normalise(kind, matchValue);
    this.trustedProviders = String.join(",", trustedProviders);
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

  /** The identity providers (aliases, or "local") whose word the rule takes for its claim. */
  public Set<String> getTrustedProviders() {
    return trustedProviders == null || trustedProviders.isBlank()
        ? Set.of()
        : Set.of(trustedProviders.split(","));
  }

  /** The trusted parties for a page, in alphabetical order. */
  public String getTrustedLabel() {
    return String.join(", ", getTrustedProviders().stream().sorted().toList());
  }

  /** Whether this user's token satisfies the rule, from a party it trusts. */
  boolean matches(AuthenticatedUser user) {
    return kind.matches(matchValue, getTrustedProviders(), user);
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

  String getCreatedBy() {
    return createdBy;
  }
}
