package eu.federa.tenancy;

import eu.federa.identity.SshKeys.KeyView;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What a project's page shows of the team when it opens, in one call and one read-only transaction:
 * the project with who administers it, the first page of its members, its SSH keys and, for the
 * organisation's admins, how many members are not in it yet (whom they could add). Each service
 * asked checks the caller as when asked alone; within the one transaction the membership is the
 * request's read. (The project's quota belongs to the quota capability, which reads it in its own
 * call.)
 */
@ApplicationScoped
public class ProjectOverview {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TeamProjects projects;
  @Inject TeamMembers members;
  @Inject ProjectSshKeys keys;

  /**
   * @param members the first page of the project's members
   * @param outside how many of the organisation's members are not in the project (admins; otherwise
   *     0, not counted)
   */
  public record Shown(
      ProjectInfo project, ResultPage<Member> members, long outside, List<KeyView> keys) {}

  /**
   * @param rows the members' page size
   * @param admin whether the caller manages the team (checked again by each service)
   * @throws eu.federa.platform.security.NotFoundException for a project of another tenant, or none
   */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Shown first(long tenantId, long projectId, int rows, boolean admin) {
    ReadOnlyCalls.mark(em);
    ProjectInfo project = projects.project(tenantId, projectId);
    return new Shown(
        project,
        members.page(tenantId, projectId, true, 0, rows),
        admin ? members.page(tenantId, projectId, false, 0, 0).total() : 0,
        keys.list(tenantId, projectId));
  }
}
