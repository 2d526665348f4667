package eu.federa.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A tenant's limits, copied from a plan when granted (later changes of the plan do not apply). */
@Entity
@Table(name = "tenant_quota")
public class TenantQuota {

  @Id
  @Column(name = "tenant_id")
  private Long tenantId;

  @Column(name = "plan_code", nullable = false, length = 30)
  private String planCode;

  @Embedded private QuotaLimits limits;

  @Column(name = "granted_at", nullable = false)
  private Instant grantedAt;

  @Column(name = "granted_by", nullable = false)
  private String grantedBy;

  @Version
  @Column(nullable = false)
  private long version;

  protected TenantQuota() {}

  TenantQuota(long tenantId, QuotaPlan plan, String grantedBy, Instant now) {
    this.tenantId = tenantId;
    this.planCode = plan.getCode();
    this.limits = plan.limits();
    this.grantedAt = now;
    this.grantedBy = grantedBy;
  }

  /** New limits set by a platform admin (the plan it came from stays as it was). */
  void change(QuotaLimits limits, String by, Instant now) {
    this.limits = limits;
    this.grantedBy = by;
    this.grantedAt = now;
  }

  public String getPlanCode() {
    return planCode;
  }

  public QuotaLimits limits() {
    // Hibernate leaves an embedded value null when all its columns are: everything unlimited.
    return limits != null ? limits : new QuotaLimits(null, null, null, null, null, null, null);
  }
}
