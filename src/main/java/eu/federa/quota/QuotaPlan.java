package eu.federa.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named set of limits to grant a tenant (Starter, Standard, Large). */
@Entity
@Table(name = "quota_plan")
public class QuotaPlan {

  @Id
  @Column(length = 30)
  private String code;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false)
  private int position;

  @Embedded private QuotaLimits limits;

  protected QuotaPlan() {}

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public QuotaLimits limits() {
    // Hibernate leaves an embedded value null when all its columns are: everything unlimited.
    return limits != null ? limits : new QuotaLimits(null, null, null, null, null, null, null);
  }
}
