package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.identity.UserAccountService;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TeamViews.InvitationInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invitations into a tenant: sent by e-mail through the mailer in the same transaction, listed
 * until accepted, revocable. Acceptance is {@link InvitationService}'s (the invitee's side).
 */
@ApplicationScoped
@Transactional
public class TeamInvitations {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject UserAccountService accounts;
  @Inject AuditLog audit;
  @Inject Messages messages;
  @Inject Clock clock;
  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;

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
    List<FieldError> errors = new ArrayList<>(Constraints.check(form));
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
      Project project = teamProjects.findProject(tenantId, projectId).orElse(null);
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
    Invitation invitation =
        send(me.getTenant(), form.email(), role, projects, me.getUserSubject(), linkBase);
    audit.success(
        AuditAction.INVITATION_SENT, tenantId, invitation.getEmail(), AuditDetail.ROLE.text(role));
    return invitation.getId();
  }

  /**
   * Writes an invitation and mails its link (single use, valid {@code
   * FEDERA_INVITATION_VALID_DAYS}), in the caller's transaction: the one way an invitation is made.
   */
  Invitation send(
      Tenant tenant,
      String email,
      TenantRole role,
      Set<Project> projects,
      String invitedBy,
      String linkBase) {
    String token = InvitationToken.generate();
    Instant now = clock.instant();
    Instant expires =
        now.plus(Duration.ofDays(Math.max(1, Setting.INVITATION_VALID_DAYS.intValue())));
    Invitation invitation =
        new Invitation(
            tenant, email, role, projects, InvitationToken.hash(token), invitedBy, now, expires);
    em.persist(invitation);
    em.flush();
    // A path, not a query parameter: it must survive the login redirect (see
    // InvitationLinkServlet).
    String link = linkBase.replaceAll("/+$", "") + "/join/" + token;
    messages.send(
        tenant.getId(),
        invitation.getEmail(),
        MailTemplate.INVITATION,
        Map.of(
            "tenant",
            tenant.getName(),
            "role",
            new Messages.Label("role." + role.name()),
            "link",
            link,
            "expires",
            expires.truncatedTo(ChronoUnit.MINUTES)));
    return invitation;
  }

  /** Whether someone with this address is a member, or has an invitation still open. */
  boolean memberOrInvited(long tenantId, String email) {
    String normalised = Invitation.normalise(email);
    return isMemberByEmail(tenantId, normalised) || hasOpenInvitation(tenantId, normalised);
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

  /**
   * The organisation's pending invitations {@code first} to {@code first + max}, newest first, and
   * how many there are (tenant admins, also while the organisation is suspended).
   */
  public ResultPage<InvitationInfo> page(long tenantId, int first, int max) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    Instant now = clock.instant();
    ResultPage<Invitation> page =
        ResultPage.readByIds(
            em.createQuery(
                    "select count(i) from Invitation i where i.tenant.id = :t and i.status = :s",
                    Long.class)
                .setParameter("t", tenantId)
                .setParameter("s", InvitationStatus.PENDING),
            em.createQuery(
                    "select i.id from Invitation i where i.tenant.id = :t and i.status = :s"
                        + " order by i.createdAt desc, i.id desc",
                    Long.class)
                .setParameter("t", tenantId)
                .setParameter("s", InvitationStatus.PENDING),
            first,
            max,
            ids ->
                em.createQuery(
                        "select distinct i from Invitation i left join fetch i.projects"
                            + " where i.id in :ids",
                        Invitation.class)
                    .setParameter("ids", ids)
                    .getResultList(),
            Invitation::getId);
    return new ResultPage<>(
        page.rows().stream()
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
            .toList(),
        page.total());
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
}
