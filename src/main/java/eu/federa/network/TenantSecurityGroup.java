package eu.federa.network;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tenant's firewall as a whole: its row guards the rules (locked while they change) and numbers
 * each change, so that each provider's copy can tell whether it is behind.
 */
@Entity
@Table(name = "security_group")
public class TenantSecurityGroup {

  @Id
  @Column(name = "tenant_id")
  private long tenantId;

  @Column(nullable = false)
  private long revision;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected TenantSecurityGroup() {}

  public long getTenantId() {
    return tenantId;
  }

  public long getRevision() {
    return revision;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  /** Numbers a change of the rules. */
  long changed(Instant now) {
    updatedAt = now;
    return ++revision;
  }
}
