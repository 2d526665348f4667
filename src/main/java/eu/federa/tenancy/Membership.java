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
import jakarta.persistence.Version;
import java.time.Instant;

/** A user's role in a tenant. */
@Entity
@Table(name = "tenant_membership")
public class Membership {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tenant_id", nullable = false)
  private Tenant tenant;

  @Column(name = "user_subject", nullable = false)
  private String userSubject;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private TenantRole role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version
  @Column(nullable = false)
  private long version;

  protected Membership() {}

  Membership(Tenant tenant, String userSubject, TenantRole role, Instant now) {
    this.tenant = tenant;
    this.userSubject = userSubject;
    this.role = role;
    this.createdAt = now;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getUserSubject() {
    return userSubject;
  }

  public TenantRole getRole() {
    return role;
  }
}
