package eu.federa.tenancy;

import eu.federa.mail.OutboxMessage;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.tenancy.TeamViews.InvitationInfo;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import eu.federa.tenancy.TeamViews.ProjectName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What the team page shows when it opens, in one call and one read-only transaction: the first page
 * of members and of projects and, for the organisation's admins, the projects to invite into, the
 * first page of pending invitations and the mail sent lately. Each service asked checks the caller
 * as when asked alone; within the one transaction the membership is the request's read.
 */
@ApplicationScoped
public class TeamOverview {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TeamMembers members;
  @Inject TeamProjects projects;
  @Inject TeamInvitations invitations;
  @Inject TenantActivity activity;

  /**
   * @param projectNames every project by name, to invite into (admins; otherwise empty)
   * @param invitations the first page of pending invitations (admins; otherwise null)
   * @param outbox the mail sent lately (admins; otherwise empty)
   */
  public record Shown(
      ResultPage<Member> members,
      ResultPage<ProjectInfo> projects,
      List<ProjectName> projectNames,
      ResultPage<InvitationInfo> invitations,
      List<OutboxMessage> outbox) {}

  /**
   * @param rows each list's page size
   * @param admin whether the caller manages the team (checked again by each service)
   */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Shown first(long tenantId, int rows, boolean admin) {
    ReadOnlyCalls.mark(em);
    return new Shown(
        members.page(tenantId, null, true, 0, rows),
        projects.page(tenantId, 0, rows),
        admin ? projects.projectNames(tenantId) : List.of(),
        admin ? invitations.page(tenantId, 0, rows) : null,
        admin ? activity.outbox(tenantId) : List.of());
  }
}
