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
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A user's role in a tenant, and the tenant's projects they work in. */
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

  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(
      name = "project_member",
      joinColumns = @JoinColumn(name = "membership_id"),
      inverseJoinColumns = @JoinColumn(name = "project_id"))
  private Set<Project> projects = new HashSet<>();

  /** The projects the member is an admin of (each one of their projects). */
  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(
      name = "project_admin",
      joinColumns = @JoinColumn(name = "membership_id"),
      inverseJoinColumns = @JoinColumn(name = "project_id"))
  private Set<Project> adminOf = new HashSet<>();

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** The name shown for the member (a person's display name, a service account's), for sorting. */
  @Column(name = "member_name")
  private String memberName;

  @Enumerated(EnumType.STRING)
  @Column(name = "granted_by", nullable = false, length = 20)
  private MembershipOrigin grantedBy;

  @Version
  @Column(nullable = false)
  private long version;

  protected Membership() {}

  /**
   * @param memberName the name shown for the member (null when not known: their next sign-in writes
   *     it)
   */
  Membership(
      Tenant tenant,
      String userSubject,
      String memberName,
      TenantRole role,
      MembershipOrigin grantedBy,
      Instant now) {
    this.tenant = tenant;
    this.userSubject = userSubject;
    this.memberName = memberName;
    this.role = role;
    this.grantedBy = grantedBy;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
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

  public Instant getCreatedAt() {
    return createdAt;
  }

  /**
   * Whether the member works with the VMs of {@code projectId}: a member of that project, or a
   * tenant admin (who manages every project); anyone of the tenant for VMs of no project.
   */
  public boolean worksIn(Long projectId) {
    return projectId == null
        || role == TenantRole.TENANT_ADMIN
        || projects.stream().anyMatch(p -> projectId.equals(p.getId()));
  }

  Set<Project> projects() {
    return projects;
  }

  Set<Project> adminOf() {
    return adminOf;
  }

  /** The ids of the projects this member is an admin of, in order (none for most). */
  public Set<Long> administeredProjectIds() {
    Set<Long> ids = new java.util.TreeSet<>();
    adminOf.forEach(p -> ids.add(p.getId()));
    return ids;
  }

  /**
   * Whether the member may act for the whole of {@code projectId} (ask for its export): a tenant
   * admin, or an admin of that project.
   */
  public boolean administers(long projectId) {
    return role == TenantRole.TENANT_ADMIN
        || adminOf.stream().anyMatch(p -> projectId == p.getId());
  }

  public MembershipOrigin getGrantedBy() {
    return grantedBy;
  }

  /**
   * An invitation accepted by someone a rule had let in: the membership is now the tenant's own
   * decision and no longer ends with the rule.
   */
  void confirmByInvitation() {
    this.grantedBy = MembershipOrigin.INVITATION;
  }

  void changeRole(TenantRole role) {
    this.role = role;
  }
}
