package eu.federa.tenancy.web;

import eu.federa.mail.OutboxMessage;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.InvitationForm;
import eu.federa.tenancy.TeamInvitations;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamOverview;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.TeamViews.InvitationInfo;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import eu.federa.tenancy.TenantRole;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the team page: members and roles, projects, invitations and sent messages. The tenant is
 * fixed when the page opens; if the user's membership ends meanwhile, their next action is refused.
 */
@Named
@ViewScoped
public class TeamPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;
  @Inject TeamInvitations teamInvitations;
  @Inject TeamOverview overview;
  @Inject CurrentTenant currentTenant;
  @Inject PublicUrl publicUrl;

  private Long tenantId;
  private boolean admin;
  private LazyDataModel<Member> members;
  private LazyDataModel<ProjectInfo> projects;
  private List<TeamViews.ProjectName> projectChoices;
  private LazyDataModel<InvitationInfo> invitations;
  private List<OutboxMessage> outbox = List.of();
  private final Map<Long, String> roles = new HashMap<>();

  private String inviteEmail;
  private String inviteRole = TenantRole.MEMBER.name();
  private List<Long> inviteProjects = new ArrayList<>();
  private String projectName;
  private String projectDescription;

  @PostConstruct
  void open() {
    tenantId = currentTenant.getId();
    admin = currentTenant.isAdmin();
    if (tenantId != null) {
      load();
    }
  }

  /** Reads what the page shows, in one call (the tables' first pages with it). */
  private void load() {
    long id = tenantId;
    TeamOverview.Shown shown = overview.first(id, ROWS, admin);
    roles.clear();
    shown.members().rows().forEach(m -> roles.put(m.id(), m.role().name()));
    members = members(id, null, true, roles).startingWith(shown.members());
    projects =
        ServerPagedList.of(
                TeamProjects.class,
                (service, first, max) -> service.page(id, first, max),
                ROWS,
                ProjectInfo::id)
            .startingWith(shown.projects());
    projectChoices = shown.projectNames();
    if (admin) {
      invitations =
          ServerPagedList.of(
                  TeamInvitations.class,
                  (service, first, max) -> service.page(id, first, max),
                  ROWS,
                  InvitationInfo::id)
              .startingWith(shown.invitations());
      outbox = shown.outbox();
    }
  }

  public void changeRole(long membershipId) {
    act(
        () -> teamMembers.changeRole(tenantId, membershipId, roles.get(membershipId)),
        "team.roleChanged");
  }

  public void remove(long membershipId) {
    act(() -> teamMembers.removeMember(tenantId, membershipId), "team.removed");
  }

  public void leave() throws IOException {
    try {
      teamMembers.leave(tenantId);
      var external = FacesContext.getCurrentInstance().getExternalContext();
      external.redirect(external.getRequestContextPath() + "/dashboard.xhtml");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey());
    }
  }

  public void createProject() {
    try {
      teamProjects.createProject(tenantId, projectName, projectDescription);
      FormMessages.info("team.projectCreated", projectName.trim());
      projectName = null;
      projectDescription = null;
    } catch (InvalidInputException e) {
      FormMessages.show("project-form", e.errors());
    }
    load();
  }

  public void invite() {
    try {
      teamInvitations.invite(
          tenantId, new InvitationForm(inviteEmail, inviteRole, inviteProjects), publicUrl.base());
      FormMessages.info("team.invited", inviteEmail.trim());
      inviteEmail = null;
      inviteProjects = new ArrayList<>();
    } catch (InvalidInputException e) {
      FormMessages.show("invite-form", e.errors());
    }
    load();
  }

  public void revoke(long invitationId) {
    act(() -> teamInvitations.revokeInvitation(tenantId, invitationId), "team.revoked");
  }

  /** Runs a change, shows its outcome, and reloads what the page shows. */
  private void act(Runnable change, String successKey) {
    try {
      change.run();
      FormMessages.info(successKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey());
    } catch (InvalidInputException e) {
      FormMessages.show(null, e.errors());
    }
    load();
  }

  public boolean isMember() {
    return tenantId != null;
  }

  public boolean isAdmin() {
    return admin;
  }

  /**
   * The team's members (with a project: those in it, or not in it), a page at a time from the
   * database; each row's role goes into {@code roles} (for the role menus) unless already there.
   */
  static ServerPagedList<Member> members(
      long tenantId, Long projectId, boolean inProject, Map<Long, String> roles) {
    return ServerPagedList.of(
        (first, max, field, descending) -> {
          ResultPage<Member> page = service().page(tenantId, projectId, inProject, first, max);
          if (roles != null) {
            page.rows().forEach(m -> roles.putIfAbsent(m.id(), m.role().name()));
          }
          return page;
        },
        ROWS,
        Member::id);
  }

  private static TeamMembers service() {
    return CDI.current().select(TeamMembers.class).get();
  }

  public LazyDataModel<Member> getMembers() {
    return members;
  }

  public LazyDataModel<ProjectInfo> getProjects() {
    return projects;
  }

  /** The projects an invitation may name, for the invitation form's menu. */
  public List<TeamViews.ProjectName> getProjectChoices() {
    return projectChoices;
  }

  public LazyDataModel<InvitationInfo> getInvitations() {
    return invitations;
  }

  public List<OutboxMessage> getOutbox() {
    return outbox;
  }

  public Map<Long, String> getRoles() {
    return roles;
  }

  public String getInviteEmail() {
    return inviteEmail;
  }

  public void setInviteEmail(String inviteEmail) {
    this.inviteEmail = inviteEmail;
  }

  public String getInviteRole() {
    return inviteRole;
  }

  public void setInviteRole(String inviteRole) {
    this.inviteRole = inviteRole;
  }

  public List<Long> getInviteProjects() {
    return inviteProjects;
  }

  public void setInviteProjects(List<Long> inviteProjects) {
    this.inviteProjects = inviteProjects == null ? new ArrayList<>() : inviteProjects;
  }

  public String getProjectName() {
    return projectName;
  }

  public void setProjectName(String projectName) {
    this.projectName = projectName;
  }

  public String getProjectDescription() {
    return projectDescription;
  }

  public void setProjectDescription(String projectDescription) {
    this.projectDescription = projectDescription;
  }

  public int getRows() {
    return ROWS;
  }
}
