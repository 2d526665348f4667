package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.TeamViews.InvitationPreview;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * The invitee's side of an invitation: see what the link offers, then accept it as the person it
 * was sent to (a verified e-mail address that matches). A link works once.
 */
@ApplicationScoped
@Transactional
public class InvitationService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * @throws NotFoundException when no invitation has this token
   */
  public InvitationPreview preview(String token) {
    AuthenticatedUser user = access.signedIn();
    Invitation invitation = byToken(token, false);
    Instant now = clock.instant();
    String problem = null;
    try {
      invitation.requireOpen(now);
      if (!matches(invitation, user)) {
        problem =
            user.emailVerified() ? "invitation.error.otherUser" : "invitation.error.unverified";
      }
    } catch (ConflictException e) {
      problem = e.messageKey();
    }
    return new InvitationPreview(
        invitation.getTenant().getName(),
        invitation.getRole(),
        invitation.getEmail(),
        invitation.projects().stream().map(Project::getName).sorted().toList(),
        invitation.isOpen(now),
        problem,
        matches(invitation, user));
  }

  /**
   * Makes the caller a member with the invitation's role and projects.
   *
   * @return the tenant's id
   * @throws NotFoundException for an unknown token
   * @throws ConflictException when the link was used, revoked or has expired, or the caller is not
   *     the invited person; nothing changes
   */
  public long accept(String token) {
    AuthenticatedUser user = access.signedIn();
    Invitation invitation = byToken(token, true);
    long tenantId = invitation.getTenant().getId();
    try {
      invitation.requireOpen(clock.instant());
      if (!matches(invitation, user)) {
        throw new ConflictException(
            user.emailVerified() ? "invitation.error.otherUser" : "invitation.error.unverified");
      }
    } catch (ConflictException e) {
      audit.refused(
          AuditAction.INVITATION_REFUSED,
          tenantId,
          invitation.getEmail(),
          AuditOutcome.REJECTED,
          AuditDetail.INVITATION_REFUSED.text(e.messageKey()));
      throw e;
    }
    invitation.accept(user.subject(), clock.instant());
    Membership membership =
        em.createQuery(
                "select m from Membership m where m.tenant.id = :t and m.userSubject = :s",
                Membership.class)
            .setParameter("t", tenantId)
            .setParameter("s", user.subject())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (membership == null) {
      membership =
          new Membership(
              invitation.getTenant(),
              user.subject(),
              user.displayName(),
              invitation.getRole(),
              MembershipOrigin.INVITATION,
              clock.instant());
      em.persist(membership);
    } else {
      membership.confirmByInvitation();
    }
    membership.projects().addAll(invitation.projects());
    em.createNativeQuery("DELETE FROM tenant_departure WHERE tenant_id = ?1 AND user_subject = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, user.subject())
        .executeUpdate();
    audit.success(
        AuditAction.INVITATION_ACCEPTED,
        tenantId,
        invitation.getEmail(),
        AuditDetail.ROLE.text(invitation.getRole()));
    return tenantId;
  }

  private static boolean matches(Invitation invitation, AuthenticatedUser user) {
    return user.emailVerified() && invitation.isFor(user.email());
  }

  private Invitation byToken(String token, boolean lock) {
    if (!InvitationToken.wellFormed(token)) {
      throw new NotFoundException("invitation", "(token)");
    }
    var query =
        em.createQuery(
                "select i from Invitation i join fetch i.tenant where i.tokenHash = :h",
                Invitation.class)
            .setParameter("h", InvitationToken.hash(token));
    if (lock) {
      query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
    }
    return query
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("invitation", "(token)"));
  }
}
