package eu.federa.tenancy.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Backs a project's page ({@code project.xhtml?id=}); another tenant's project is not found. Its
 * members, who among them are its admins, and, for a tenant admin, adding and taking out one member
 * at a time (the organisation's team page lists projects, not everyone in each).
 */
@Named
@ViewScoped
public class ProjectPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;
  @Inject CurrentTenant currentTenant;

  private Long id;
  private Long tenantId;
  private ProjectInfo project;
  private LazyDataModel<Member> members;
  private List<Member> candidates = List.of();
  private Long candidate;

  public void load() throws IOException {
    tenantId = currentTenant.getId();
    if (id == null || tenantId == null) {
      Pages.notFound();
      return;
    }
    reload();
  }

  private void reload() {
    project = teamProjects.project(tenantId, id);
    members = TeamPage.members(tenantId, id, true, null);
    candidates = teamMembers.page(tenantId, id, false, 0, Integer.MAX_VALUE).rows();
  }

  /** Adds the chosen member of the organisation to the project. */
  public void add() {
    if (candidate == null) {
      FormMessages.error("project.chooseMemberFirst");
      return;
    }
    Long chosen = candidate;
    act(() -> teamProjects.addProjectMember(tenantId, id, chosen), "project.memberAdded");
    candidate = null;
  }

  public void remove(long membershipId) {
    act(
        () -> teamProjects.removeProjectMember(tenantId, id, membershipId),
        "project.memberRemoved");
  }

  public void makeAdmin(long membershipId, boolean admin) {
    act(
        () -> teamProjects.setProjectAdmin(tenantId, id, membershipId, admin),
        "project.adminChanged");
  }

  private void act(Runnable change, String successKey) {
    try {
      change.run();
      FormMessages.info(successKey);
    } catch (InvalidInputException e) {
      FormMessages.show(null, e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("project.memberGone");
    }
    reload();
  }

  /** Whether the member is one of the project's admins. */
  public boolean admin(long membershipId) {
    return project.adminIds().contains(membershipId);
  }

  /** Whether the reader manages the organisation's team (adds and takes out members). */
  public boolean isManager() {
    return currentTenant.isAdmin();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public ProjectInfo getProject() {
    return project;
  }

  public LazyDataModel<Member> getMembers() {
    return members;
  }

  public List<Member> getCandidates() {
    return candidates;
  }

  public Long getCandidate() {
    return candidate;
  }

  public void setCandidate(Long candidate) {
    this.candidate = candidate;
  }

  /** Rows a page of the members' table shows. */
  public int getRows() {
    return TeamPage.ROWS;
  }
}
