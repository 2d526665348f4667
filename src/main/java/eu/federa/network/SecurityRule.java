package eu.federa.network;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A kept inbound rule of a tenant's firewall. */
@Entity
@Table(name = "security_rule")
public class SecurityRule {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private FirewallRule.Protocol protocol;

  @Column(name = "port_from", updatable = false)
  private Integer portFrom;

  @Column(name = "port_to", updatable = false)
  private Integer portTo;

  @Column(name = "source_cidr", nullable = false, updatable = false)
  private String sourceCidr;

  @Column(name = "added_by", nullable = false, updatable = false)
  private String addedBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected SecurityRule() {}

  SecurityRule(long tenantId, FirewallRule rule, String addedBy, Instant now) {
    this.tenantId = tenantId;
    this.protocol = rule.protocol();
    this.portFrom = rule.portFrom();
    this.portTo = rule.portTo();
    this.sourceCidr = rule.source().toString();
    this.addedBy = addedBy;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getTenantId() {
    return tenantId;
  }

  public String getAddedBy() {
    return addedBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** The rule it keeps. */
  public FirewallRule rule() {
    return new FirewallRule(protocol, portFrom, portTo, SourceRange.parse(sourceCidr));
  }
}
