package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.platform.persistence.CurrentReads;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TeamViews.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A tenant's members and their roles: who is in the team, role changes, removal and leaving. The
 * tenant never loses its last admin: changes of admins are serialised by a lock on the tenant.
 * Every method takes the tenant id and starts with {@link TenantAccess#require}; a membership of
 * another tenant is not found.
 */
@ApplicationScoped
@Transactional
public class TeamMembers {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject Event<MemberDeparted> departed;
  @Inject UserAccountService accounts;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject ServiceAccounts serviceAccounts;

  /** The caller's tenants and roles. */
  public List<TeamViews.TenantSummary> myTenants() {
    return access.mine().stream()
        .map(m -> new TeamViews.TenantSummary(m.tenantId(), m.tenantName(), m.role()))
        .toList();
  }

  /** All the tenant's members, by name (the API's list). */
  public List<Member> members(long tenantId) {
    return page(tenantId, null, true, 0, Integer.MAX_VALUE).rows();
  }

  /**
   * One page of the tenant's members by name (then by when they joined), paged in the database:
   * with {@code projectId}, only those in that project ({@code inProject}) or not in it. A project
   * of another tenant has none of this tenant's members. With {@code max} 0 only the total is read.
   */
  public ResultPage<Member> page(
      long tenantId, Long projectId, boolean inProject, int first, int max) {
    return page(tenantId, projectId, inProject, null, first, max);
  }

  /**
   * The same, only members whose name holds {@code nameHolds} (null or blank: all), as a reader
   * writes it: without regard to case or accents, its {@code %} and {@code _} plain characters.
   * What a search for a colleague suggests.
   */
  public ResultPage<Member> page(
      long tenantId, Long projectId, boolean inProject, String nameHolds, int first, int max) {
    Membership me = access.require(tenantId, TenantPermission.VIEW);
    MemberOrder order = new MemberOrder(em, tenantId, projectId, inProject, nameHolds);
    long total = order.count();
    return new ResultPage<>(rows(order.memberships(order.ids(first, max)), me), total);
  }

  /** The members as the team's pages show them. */
  private List<Member> rows(List<Membership> memberships, Membership me) {
    List<String> subjects = memberships.stream().map(Membership::getUserSubject).toList();
    Map<String, UserAccount> people = accounts.bySubject(subjects);
    Map<String, String> scripts = serviceAccounts.namesOf(subjects);
    return memberships.stream()
        .map(
            m -> {
              UserAccount person = people.get(m.getUserSubject());
              String script = scripts.get(m.getUserSubject());
              return new Member(
                  m.getId(),
                  script != null
                      ? script
                      : person == null ? m.getUserSubject() : person.displayName(),
                  person == null ? null : person.email(),
                  m.getRole(),
                  m.projects().stream().map(Project::getName).sorted().toList(),
                  m.getCreatedAt(),
                  m.getId().equals(me.getId()),
                  m.getGrantedBy() == MembershipOrigin.SERVICE_ACCOUNT);
            })
        .toList();
  }

  /**
   * @throws ConflictException when the tenant would be left without a tenant admin
   */
  public void changeRole(long tenantId, long membershipId, String roleName) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    TenantRole role =
        TenantRole.parse(roleName)
            .orElseThrow(() -> new InvalidInputException(FieldError.of("role", "team.error.role")));
    // Serialises changes of one tenant's admins: two admins demoting each other cannot both win.
    access.lockTenant(tenantId);
    Membership target = membership(tenantId, membershipId);
    TenantRole before = target.getRole();
    if (before == role) {
      return;
    }
    if (!role.isForServiceAccounts() && target.getGrantedBy() == MembershipOrigin.SERVICE_ACCOUNT) {
      throw new InvalidInputException(FieldError.of("role", "serviceAccount.error.role"));
    }
    if (before == TenantRole.TENANT_ADMIN) {
      requireAnotherAdmin(tenantId, AuditAction.ROLE_CHANGED, target);
    }
    target.changeRole(role);
    audit.success(
        AuditAction.ROLE_CHANGED,
        tenantId,
        name(target),
        AuditDetail.ROLE_CHANGED.text(before, role));
  }

  /** Removes a member; their next request in this tenant is refused. */
  public void removeMember(long tenantId, long membershipId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    // Serialises changes of one tenant's admins: two admins demoting each other cannot both win.
    access.lockTenant(tenantId);
    Membership target = membership(tenantId, membershipId);
    if (target.getRole() == TenantRole.TENANT_ADMIN) {
      requireAnotherAdmin(tenantId, AuditAction.MEMBER_REMOVED, target);
    }
    String who = name(target);
    depart(target);
    audit.success(AuditAction.MEMBER_REMOVED, tenantId, who, null);
  }

  /** The caller leaves the tenant (not its last admin). */
  public void leave(long tenantId) {
    Membership me = access.require(tenantId, TenantPermission.VIEW);
    // Serialises changes of one tenant's admins: two admins demoting each other cannot both win.
    access.lockTenant(tenantId);
    if (me.getRole() == TenantRole.TENANT_ADMIN) {
      requireAnotherAdmin(tenantId, AuditAction.MEMBER_LEFT, me);
    }
    depart(me);
    audit.success(AuditAction.MEMBER_LEFT, tenantId, null, null);
  }

  /**
   * Takes a member out of the tenant: their next request there is refused, and what depends on them
   * hears of it. A service account leaving the team is revoked.
   */
  void depart(Membership membership) {
    em.createNativeQuery(
            "INSERT INTO tenant_departure (tenant_id, user_subject, departed_at) VALUES (?1, ?2, ?3)"
                + " ON DUPLICATE KEY UPDATE departed_at = VALUES(departed_at)")
        .setParameter(1, membership.getTenant().getId())
        .setParameter(2, membership.getUserSubject())
        .setParameter(3, clock.instant())
        .executeUpdate();
    em.remove(membership);
    serviceAccounts.revokedBySubject(membership.getUserSubject());
    departed.fire(new MemberDeparted(membership.getTenant().getId(), membership.getUserSubject()));
  }

  private void requireAnotherAdmin(long tenantId, AuditAction action, Membership target) {
    long admins =
        ((Number)
                em.createNativeQuery(
                        CurrentReads.of(
                            "SELECT COUNT(*) FROM tenant_membership"
                                + " WHERE tenant_id = ?1 AND role = ?2"))
                    .setParameter(1, tenantId)
                    .setParameter(2, TenantRole.TENANT_ADMIN.name())
                    .getSingleResult())
            .longValue();
    if (admins <= 1) {
      audit.refused(
          action, tenantId, name(target), AuditOutcome.REJECTED, AuditDetail.LAST_ADMIN.text());
      throw new ConflictException("team.error.lastAdmin");
    }
  }

  private Membership membership(long tenantId, long membershipId) {
    return em.createQuery(
            "select m from Membership m where m.id = :id and m.tenant.id = :t", Membership.class)
        .setParameter("id", membershipId)
        .setParameter("t", tenantId)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("member", membershipId));
  }

  /** The member's display name (their subject when no account is known). */
  String name(Membership membership) {
    UserAccount person =
        accounts.bySubject(List.of(membership.getUserSubject())).get(membership.getUserSubject());
    return person == null ? membership.getUserSubject() : person.displayName();
  }
}
