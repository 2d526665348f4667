package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.persistence.UnionReads;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's projects and who works in each; names are unique in the tenant. A project of another
 * tenant is not found.
 */
@ApplicationScoped
@Transactional
public class TeamProjects {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject UnionReads reads;

  /** The tenant's projects by name, id and name only (a filter's menu). */
  public List<TeamViews.ProjectName> projectNames(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    UnionRead read = new UnionRead();
    ProjectNames names = ProjectNames.readWith(read, tenantId);
    return names.of(reads.run(read));
  }

  /**
   * The tenant's projects {@code first} to {@code first + max} by name, each with its members and
   * admins, and how many there are (any member): four statements whatever the page's size.
   */
  public ResultPage<ProjectInfo> page(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    ResultPage<Project> page =
        ResultPage.read(
            em.createQuery("select count(p) from Project p where p.tenant.id = :t", Long.class)
                .setParameter("t", tenantId),
            em.createQuery(
                    "select p from Project p where p.tenant.id = :t order by p.name, p.id",
                    Project.class)
                .setParameter("t", tenantId),
            first,
            max,
            p -> p);
    if (page.rows().isEmpty()) {
      return new ResultPage<>(List.of(), page.total());
    }
    List<Long> ids = page.rows().stream().map(Project::getId).toList();
    Map<Long, List<Long>> members = byProject(ids, "projects");
    Map<Long, List<Long>> admins = byProject(ids, "adminOf");
    return new ResultPage<>(
        page.rows().stream()
            .map(
                p ->
                    info(
                        p,
                        members.getOrDefault(p.getId(), List.of()),
                        admins.getOrDefault(p.getId(), List.of())))
            .toList(),
        page.total());
  }

  /**
   * The membership ids of the projects {@code projectIds}, through {@code relation}, by project.
   */
  private Map<Long, List<Long>> byProject(List<Long> projectIds, String relation) {
    Map<Long, List<Long>> found = new HashMap<>();
    for (Row row :
        Row.all(
            em.createQuery(
                    "select p.id, m.id from Membership m join m."
                        + relation
                        + " p where p.id in :ids order by m.id")
                .setParameter("ids", projectIds))) {
      found.computeIfAbsent(row.lng(0), k -> new ArrayList<>()).add(row.lng(1));
    }
    return found;
  }

  public ProjectInfo project(long tenantId, long projectId) {
    access.require(tenantId, TenantPermission.VIEW);
    Project project = projectOf(tenantId, projectId);
    return info(
        project,
        byProject(List.of(projectId), "projects").getOrDefault(projectId, List.of()),
        byProject(List.of(projectId), "adminOf").getOrDefault(projectId, List.of()));
  }

  private static ProjectInfo info(Project p, List<Long> memberIds, List<Long> adminIds) {
    return new ProjectInfo(
        p.getId(),
        p.getName(),
        p.getDescription(),
        List.copyOf(memberIds),
        List.copyOf(adminIds),
        p.getCreatedAt());
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
        m.adminOf().remove(project); // no longer in it: no longer its admin
      }
    }
    audit.success(
        AuditAction.PROJECT_MEMBERS_CHANGED,
        tenantId,
        project.getName(),
        AuditDetail.MEMBERS_COUNT.text(wanted.size()));
  }

  /**
   * Sets a project's admins (tenant admins): members of the project who may ask for its export.
   * Each must work in the project; members not in the tenant are not found.
   *
   * @throws InvalidInputException for one who is not a member of the project; nothing changes
   */
  public void setProjectAdmins(long tenantId, long projectId, Collection<Long> membershipIds) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Project project = projectOf(tenantId, projectId);
    Set<Long> wanted = new HashSet<>(membershipIds);
    if (wanted.size() < membershipIds.size()) {
      throw new InvalidInputException(FieldError.of("memberIds", "api.error.duplicate"));
    }
    List<Membership> all =
        em.createQuery(
                "select distinct m from Membership m left join fetch m.projects"
                    + " left join fetch m.adminOf where m.tenant.id = :t",
                Membership.class)
            .setParameter("t", tenantId)
            .getResultList();
    Map<Long, Membership> byId = new HashMap<>();
    all.forEach(m -> byId.put(m.getId(), m));
    for (Long id : wanted) {
      Membership m = byId.get(id);
      if (m == null) {
        throw new NotFoundException("member", id);
      }
      if (!m.projects().contains(project)) {
        throw new InvalidInputException(
            FieldError.of("memberIds", "team.error.adminNotInProject", project.getName()));
      }
    }
    for (Membership m : all) {
      if (wanted.contains(m.getId())) {
        m.adminOf().add(project);
      } else {
        m.adminOf().remove(project);
      }
    }
    audit.success(
        AuditAction.PROJECT_ADMINS_CHANGED,
        tenantId,
        project.getName(),
        AuditDetail.ADMINS_COUNT.text(wanted.size()));
  }

  /**
   * Adds one member of the organisation to a project (nothing when already in it). A row of its own
   * is written, so two admins adding different people at once both count.
   *
   * @throws NotFoundException for a project or member not of this tenant
   */
  public void addProjectMember(long tenantId, long projectId, long membershipId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Project project = projectOf(tenantId, projectId);
    memberOf(tenantId, membershipId);
    int added =
        em.createNativeQuery(
                "INSERT IGNORE INTO project_member (membership_id, project_id) VALUES (?1, ?2)")
            .setParameter(1, membershipId)
            .setParameter(2, projectId)
            .executeUpdate();
    if (added > 0) {
      audit.success(
          AuditAction.PROJECT_MEMBERS_CHANGED,
          tenantId,
          project.getName(),
          AuditDetail.MEMBER_ADDED.text(membershipId));
    }
  }

  /**
   * Takes one member out of a project, and so off its admins (nothing when not in it).
   *
   * @throws NotFoundException for a project or member not of this tenant
   */
  public void removeProjectMember(long tenantId, long projectId, long membershipId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Project project = projectOf(tenantId, projectId);
    memberOf(tenantId, membershipId);
    em.createNativeQuery("DELETE FROM project_admin WHERE membership_id = ?1 AND project_id = ?2")
        .setParameter(1, membershipId)
        .setParameter(2, projectId)
        .executeUpdate();
    int removed =
        em.createNativeQuery(
                "DELETE FROM project_member WHERE membership_id = ?1 AND project_id = ?2")
            .setParameter(1, membershipId)
            .setParameter(2, projectId)
            .executeUpdate();
    if (removed > 0) {
      audit.success(
          AuditAction.PROJECT_MEMBERS_CHANGED,
          tenantId,
          project.getName(),
          AuditDetail.MEMBER_REMOVED.text(membershipId));
    }
  }

  /**
   * Makes a member of a project one of its admins, or no longer.
   *
   * @throws InvalidInputException when they are not in the project
   * @throws NotFoundException for a project or member not of this tenant
   */
  public void setProjectAdmin(long tenantId, long projectId, long membershipId, boolean admin) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Project project = projectOf(tenantId, projectId);
    memberOf(tenantId, membershipId);
    int changed;
    if (admin) {
      // Only a member of the project, as it is when this statement runs.
      changed =
          em.createNativeQuery(
                  "INSERT IGNORE INTO project_admin (membership_id, project_id)"
                      + " SELECT membership_id, project_id FROM project_member"
                      + " WHERE membership_id = ?1 AND project_id = ?2")
              .setParameter(1, membershipId)
              .setParameter(2, projectId)
              .executeUpdate();
      if (changed == 0 && !inProject(membershipId, projectId)) {
        throw new InvalidInputException(
            FieldError.of("memberIds", "team.error.adminNotInProject", project.getName()));
      }
    } else {
      changed =
          em.createNativeQuery(
                  "DELETE FROM project_admin WHERE membership_id = ?1 AND project_id = ?2")
              .setParameter(1, membershipId)
              .setParameter(2, projectId)
              .executeUpdate();
    }
    if (changed > 0) {
      audit.success(
          AuditAction.PROJECT_ADMINS_CHANGED,
          tenantId,
          project.getName(),
          (admin ? AuditDetail.MEMBER_MADE_ADMIN : AuditDetail.MEMBER_NO_LONGER_ADMIN)
              .text(membershipId));
    }
  }

  private boolean inProject(long membershipId, long projectId) {
    return ((Number)
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM project_member"
                            + " WHERE membership_id = ?1 AND project_id = ?2")
                    .setParameter(1, membershipId)
                    .setParameter(2, projectId)
                    .getSingleResult())
            .longValue()
        > 0;
  }

  private void memberOf(long tenantId, long membershipId) {
    boolean found =
        !em.createQuery(
                "select m.id from Membership m where m.id = :id and m.tenant.id = :t", Long.class)
            .setParameter("id", membershipId)
            .setParameter("t", tenantId)
            .getResultList()
            .isEmpty();
    if (!found) {
      throw new NotFoundException("member", membershipId);
    }
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
  Optional<Project> findProject(long tenantId, long projectId) {
    return em.createQuery(
            "select p from Project p where p.id = :id and p.tenant.id = :t", Project.class)
        .setParameter("id", projectId)
        .setParameter("t", tenantId)
        .getResultStream()
        .findFirst();
  }
}
