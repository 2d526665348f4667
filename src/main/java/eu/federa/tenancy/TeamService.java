package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditEntry;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.identity.UserAccount;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.Mailer;
import eu.federa.mail.Outbox;
import eu.federa.mail.OutboxMessage;
import eu.federa.mail.OutgoingMail;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.CurrentReads;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.tenancy.TeamViews.InvitationInfo;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's team: members and their roles, projects, invitations, the audit log and the outbox.
 * Every method takes the tenant id and starts with {@link TenantAccess#require}; every other id is
 * looked up inside that tenant, so an id of another tenant is not found.
 */
@ApplicationScoped
@Transactional
public class TeamService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject UserAccountService accounts;
  @Inject AuditLog audit;
  @Inject Mailer mailer;
  @Inject Outbox outbox;
  @Inject Clock clock;

  // ---- members ----

  /** The caller's tenants and roles. */
  public List<TeamViews.TenantSummary> myTenants() {
    return access.mine().stream()
        .map(
            m ->
                new TeamViews.TenantSummary(
                    m.getTenant().getId(), m.getTenant().getName(), m.getRole()))
        .toList();
  }

  public List<Member> members(long tenantId) {
    Membership me = access.require(tenantId, TenantPermission.VIEW);
    List<Membership> memberships =
        em.createQuery(
                "select distinct m from Membership m left join fetch m.projects"
                    + " where m.tenant.id = :t",
                Membership.class)
            .setParameter("t", tenantId)
            .getResultList();
    Map<String, UserAccount> people =
        accounts.bySubject(memberships.stream().map(Membership::getUserSubject).toList());
    return memberships.stream()
        .map(
            m -> {
              UserAccount person = people.get(m.getUserSubject());
              return new Member(
                  m.getId(),
                  person == null ? m.getUserSubject() : person.displayName(),
                  person == null ? null : person.email(),
                  m.getRole(),
                  m.projects().stream().map(Project::getName).sorted().toList(),
                  m.getCreatedAt(),
                  m.getId().equals(me.getId()));
            })
        .sorted(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER))
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
    lockTenant(tenantId);
    Membership target = membership(tenantId, membershipId);
    TenantRole before = target.getRole();
    if (before == role) {
      return;
    }
    if (before == TenantRole.TENANT_ADMIN) {
      requireAnotherAdmin(tenantId, AuditAction.ROLE_CHANGED, target);
    }
    target.changeRole(role);
    audit.success(AuditAction.ROLE_CHANGED, tenantId, name(target), before + " \u2192 " + role);
  }

  /** Removes a member; their next request in this tenant is refused. */
  public void removeMember(long tenantId, long membershipId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    lockTenant(tenantId);
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
    lockTenant(tenantId);
    if (me.getRole() == TenantRole.TENANT_ADMIN) {
      requireAnotherAdmin(tenantId, AuditAction.MEMBER_LEFT, me);
    }
    depart(me);
    audit.success(AuditAction.MEMBER_LEFT, tenantId, null, null);
  }

  private void depart(Membership membership) {
    em.createNativeQuery(
            "INSERT INTO tenant_departure (tenant_id, user_subject, departed_at) VALUES (?1, ?2, ?3)"
                + " ON DUPLICATE KEY UPDATE departed_at = VALUES(departed_at)")
        .setParameter(1, membership.getTenant().getId())
        .setParameter(2, membership.getUserSubject())
        .setParameter(3, clock.instant())
        .executeUpdate();
    em.remove(membership);
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
      audit.refused(action, tenantId, name(target), AuditOutcome.REJECTED, "last tenant admin");
      throw new ConflictException("team.error.lastAdmin");
    }
  }

  /** Serialises changes of one tenant's admins: two admins demoting each other cannot both win. */
  private void lockTenant(long tenantId) {
    em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
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

  private String name(Membership membership) {
    UserAccount person =
        accounts.bySubject(List.of(membership.getUserSubject())).get(membership.getUserSubject());
    return person == null ? membership.getUserSubject() : person.displayName();
  }

  // ---- projects ----

  public List<ProjectInfo> projects(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    List<Project> projects =
        em.createQuery(
                "select p from Project p where p.tenant.id = :t order by p.name", Project.class)
            .setParameter("t", tenantId)
            .getResultList();
    Map<Long, List<Long>> members = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select p.id, m.id from Membership m join m.projects p where m.tenant.id = :t",
                Object[].class)
            .setParameter("t", tenantId)
            .getResultList()) {
      members.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]);
    }
    return projects.stream().map(p -> info(p, members.getOrDefault(p.getId(), List.of()))).toList();
  }

  public ProjectInfo project(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    Project project = projectOf(tenantId, projectId);
    List<Long> memberIds =
        em.createQuery(
                "select m.id from Membership m join m.projects p where p.id = :p", Long.class)
            .setParameter("p", project.getId())
            .getResultList();
    return info(project, memberIds);
  }

  private static ProjectInfo info(Project p, List<Long> memberIds) {
    return new ProjectInfo(
        p.getId(), p.getName(), p.getDescription(), List.copyOf(memberIds), p.getCreatedAt());
  }

  /**
   * @throws InvalidInputException for a bad or taken name; nothing is saved
   */
  public long createProject(long tenantId, String name, String description) {
    Membership me = access.require(tenantId, TenantPermission.MANAGE_TEAM);
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "name", name, 2, 100);
    TextRules.paragraph(errors, "description", description, 0, 500);
    if (errors.isEmpty() && projectNamed(tenantId, name.trim())) {
      errors.add(FieldError.of("name", "team.error.projectExists", name.trim()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Project project = new Project(me.getTenant(), name, description, clock.instant());
    try {
      em.persist(project);
      em.flush();
    } catch (PersistenceException e) { // a concurrent request took the name
      throw new InvalidInputException(
          FieldError.of("name", "team.error.projectExists", name.trim()));
    }
    audit.success(AuditAction.PROJECT_CREATED, tenantId, project.getName(), null);
    return project.getId();
  }

  /** Sets who works in a project; members not in the tenant are not found. */
  public void setProjectMembers(long tenantId, long projectId, Collection<Long> membershipIds) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Project project = projectOf(tenantId, projectId);
    Set<Long> wanted = new HashSet<>(membershipIds);
    if (wanted.size() < membershipIds.size()) {
      throw new InvalidInputException(FieldError.of("memberIds", "api.error.duplicate"));
    }
    List<Membership> all =
        em.createQuery(
                "select distinct m from Membership m left join fetch m.projects where m.tenant.id = :t",
                Membership.class)
            .setParameter("t", tenantId)
            .getResultList();
    Set<Long> known = new HashSet<>();
    all.forEach(m -> known.add(m.getId()));
    for (Long id : wanted) {
      if (!known.contains(id)) {
        throw new NotFoundException("member", id);
      }
    }
    for (Membership m : all) {
      if (wanted.contains(m.getId())) {
        m.projects().add(project);
      } else {
        m.projects().remove(project);
      }
    }
    audit.success(
        AuditAction.PROJECT_MEMBERS_CHANGED,
        tenantId,
        project.getName(),
        wanted.size() + " member(s)");
  }

  private boolean projectNamed(long tenantId, String name) {
    return em.createQuery(
                "select count(p) from Project p where p.tenant.id = :t and lower(p.name) = lower(:n)",
                Long.class)
            .setParameter("t", tenantId)
            .setParameter("n", name)
            .getSingleResult()
        > 0;
  }

  private Project projectOf(long tenantId, long projectId) {
    return findProject(tenantId, projectId)
        .orElseThrow(() -> new NotFoundException("project", projectId));
  }

  /** A project of this tenant; another tenant's id finds nothing. */
  private Optional<Project> findProject(long tenantId, long projectId) {
    return em.createQuery(
            "select p from Project p where p.id = :id and p.tenant.id = :t", Project.class)
        .setParameter("id", projectId)
        .setParameter("t", tenantId)
        .getResultStream()
        .findFirst();
  }

  // ---- invitations ----

  /**
   * Invites someone by e-mail: the link (single use, valid {@code FEDERA_INVITATION_VALID_DAYS})
   * goes out through the mailer, in this transaction.
   *
   * @param linkBase the portal's address, e.g. {@code https://portal.example.eu/federa}
   * @throws InvalidInputException for a bad address, role or project, or a person who is already a
   *     member or invited; nothing is saved or sent
   */
  public long invite(long tenantId, InvitationForm form, String linkBase) {
    Membership me = access.require(tenantId, TenantPermission.MANAGE_TEAM);
    List<FieldError> errors = new ArrayList<>();
    TextRules.email(errors, "email", form.email());
    TenantRole role = TenantRole.parse(form.role()).orElse(null);
    if (role == null) {
      errors.add(FieldError.of("role", "team.error.role"));
    }
    Set<Project> projects = new HashSet<>();
    boolean duplicates = new HashSet<>(form.projectIds()).size() < form.projectIds().size();
    if (duplicates) {
      errors.add(FieldError.of("projects", "api.error.duplicate"));
    }
    for (Long projectId : duplicates ? List.<Long>of() : form.projectIds()) {
      Project project = findProject(tenantId, projectId).orElse(null);
      if (project == null) {
        errors.add(FieldError.of("projects", "team.error.project"));
        break;
      }
      projects.add(project);
    }
    if (errors.isEmpty()) {
      String email = Invitation.normalise(form.email());
      if (isMemberByEmail(tenantId, email)) {
        errors.add(FieldError.of("email", "team.error.alreadyMember", email));
      } else if (hasOpenInvitation(tenantId, email)) {
        errors.add(FieldError.of("email", "team.error.alreadyInvited", email));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String token = InvitationToken.generate();
    Instant now = clock.instant();
    Instant expires =
        now.plus(Duration.ofDays(Math.max(1, Setting.INVITATION_VALID_DAYS.intValue())));
    Invitation invitation =
        new Invitation(
            me.getTenant(),
            form.email(),
            role,
            projects,
            InvitationToken.hash(token),
            me.getUserSubject(),
            now,
            expires);
    em.persist(invitation);
    em.flush();
    // A path, not a query parameter: it must survive the login redirect (see
    // InvitationLinkServlet).
    String link = linkBase.replaceAll("/+$", "") + "/join/" + token;
    mailer.send(
        new OutgoingMail(
            tenantId,
            invitation.getEmail(),
            "You are invited to join " + me.getTenant().getName() + " on Federa",
            "You are invited to join "
                + me.getTenant().getName()
                + " as "
                + role.name().toLowerCase().replace('_', ' ')
                + ".\n\nOpen this link and sign in with this e-mail address to accept:\n"
                + link
                + "\n\nThe link works once and until "
                + expires
                + " (UTC)."));
    audit.success(AuditAction.INVITATION_SENT, tenantId, invitation.getEmail(), role.name());
    return invitation.getId();
  }

  private boolean isMemberByEmail(long tenantId, String email) {
    List<String> subjects = accounts.subjectsWithEmail(email);
    return !subjects.isEmpty()
        && em.createQuery(
                    "select count(m) from Membership m where m.tenant.id = :t and m.userSubject in :s",
                    Long.class)
                .setParameter("t", tenantId)
                .setParameter("s", subjects)
                .getSingleResult()
            > 0;
  }

  private boolean hasOpenInvitation(long tenantId, String email) {
    return em.createQuery(
                "select count(i) from Invitation i where i.tenant.id = :t and i.email = :e"
                    + " and i.status = :s and i.expiresAt > :now",
                Long.class)
            .setParameter("t", tenantId)
            .setParameter("e", email)
            .setParameter("s", InvitationStatus.PENDING)
            .setParameter("now", clock.instant())
            .getSingleResult()
        > 0;
  }

  /** Invitations not accepted yet (open and expired), newest first. */
  public List<InvitationInfo> invitations(long tenantId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Instant now = clock.instant();
    return em
        .createQuery(
            "select distinct i from Invitation i left join fetch i.projects"
                + " where i.tenant.id = :t and i.status = :s order by i.createdAt desc",
            Invitation.class)
        .setParameter("t", tenantId)
        .setParameter("s", InvitationStatus.PENDING)
        .getResultList()
        .stream()
        .map(
            i ->
                new InvitationInfo(
                    i.getId(),
                    i.getEmail(),
                    i.getRole(),
                    i.projects().stream().map(Project::getName).sorted().toList(),
                    i.getStatus(),
                    !i.isOpen(now),
                    i.getCreatedAt(),
                    i.getExpiresAt()))
        .toList();
  }

  /** Revokes a pending invitation; its link stops working at once. */
  public void revokeInvitation(long tenantId, long invitationId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Invitation invitation =
        em.createQuery(
                "select i from Invitation i where i.id = :id and i.tenant.id = :t",
                Invitation.class)
            .setParameter("id", invitationId)
            .setParameter("t", tenantId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException("invitation", invitationId));
    invitation.revoke(clock.instant());
    audit.success(AuditAction.INVITATION_REVOKED, tenantId, invitation.getEmail(), null);
  }

  // ---- audit and outbox ----

  public List<AuditEntry> auditLog(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.READ_AUDIT);
    return audit.ofTenant(tenantId, first, max);
  }

  public long auditCount(long tenantId) {
    access.require(tenantId, TenantPermission.READ_AUDIT);
    return audit.countOfTenant(tenantId);
  }

  /** Messages sent about this tenant (invitations, decisions), newest first. */
  public List<OutboxMessage> outbox(long tenantId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    return outbox.ofTenant(tenantId, 50);
  }
}
