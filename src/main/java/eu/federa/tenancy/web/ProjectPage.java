package eu.federa.tenancy.web;

import eu.federa.platform.web.Pages;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;

/** Backs a project's page ({@code project.xhtml?id=}); another tenant's project is not found. */
@Named
@RequestScoped
public class ProjectPage {

  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;
  @Inject CurrentTenant currentTenant;

  private Long id;
  private ProjectInfo project;
  private List<Member> members = List.of();

  public void load() throws IOException {
    if (id == null || currentTenant.getId() == null) {
      Pages.notFound();
      return;
    }
    project = teamProjects.project(currentTenant.getId(), id);
    members =
        teamMembers.members(currentTenant.getId()).stream()
            .filter(m -> project.memberIds().contains(m.id()))
            .toList();
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

  public List<Member> getMembers() {
    return members;
  }
}
