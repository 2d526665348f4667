package eu.federa.tenancy;

import eu.federa.platform.validation.ConflictException;
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
import java.util.Locale;
import java.util.Set;

/**
 * An invitation to join a tenant with a role and projects, by e-mail address. The link's token is
 * single-use and expires; only its hash is stored.
 */
@Entity
@Table(name = "invitation")
public class Invitation {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tenant_id", nullable = false)
  private Tenant tenant;

  @Column(nullable = false, length = 320)
  private String email;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private TenantRole role;

  @ManyToMany(fetch = FetchType.LAZY)
  @JoinTable(
      name = "invitation_project",
      joinColumns = @JoinColumn(name = "invitation_id"),
      inverseJoinColumns = @JoinColumn(name = "project_id"))
  private Set<Project> projects = new HashSet<>();

  @Column(name = "token_hash", nullable = false, length = 64, columnDefinition = "char(64)")
  private String tokenHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 20)
  private InvitationStatus status;

  @Column(name = "invited_by", nullable = false)
  private String invitedBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "accepted_by")
  private String acceptedBy;

  @Version
  @Column(nullable = false)
  private long version;

  protected Invitation() {}

  Invitation(
      Tenant tenant,
      String email,
      TenantRole role,
      Set<Project> projects,
      String tokenHash,
      String invitedBy,
      Instant now,
      Instant expiresAt) {
    this.tenant = tenant;
    this.email = normalise(email);
    this.role = role;
    this.projects.addAll(projects);
    this.tokenHash = tokenHash;
    this.invitedBy = invitedBy;
    this.status = InvitationStatus.PENDING;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** Pending and not expired: the link still works. */
  public boolean isOpen(Instant now) {
    return status == InvitationStatus.PENDING && now.isBefore(expiresAt);
  }

  /**
   * Checks that the link may be used now.
   *
   * @throws ConflictException when accepted, revoked or expired
   */
  void requireOpen(Instant now) {
    switch (status) {
      case ACCEPTED -> throw new ConflictException("invitation.error.used");
      case REVOKED -> throw new ConflictException("invitation.error.revoked");
      case PENDING -> {
        if (!now.isBefore(expiresAt)) {
          throw new ConflictException("invitation.error.expired");
        }
      }
    }
  }

  void accept(String subject, Instant now) {
    requireOpen(now);
    status = InvitationStatus.ACCEPTED;
    acceptedBy = subject;
    decidedAt = now;
  }

  void revoke(Instant now) {
    if (status != InvitationStatus.PENDING) {
      throw new ConflictException("invitation.error.notPending");
    }
    status = InvitationStatus.REVOKED;
    decidedAt = now;
  }

  boolean isFor(String otherEmail) {
    return otherEmail != null && email.equals(normalise(otherEmail));
  }

  public Long getId() {
    return id;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public String getEmail() {
    return email;
  }

  public TenantRole getRole() {
    return role;
  }

  public InvitationStatus getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  Set<Project> projects() {
    return projects;
  }

  String getInvitedBy() {
    return invitedBy;
  }

  Instant getDecidedAt() {
    return decidedAt;
  }
}
