package eu.federa.tenancy.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.tenancy.ProjectOverview;
import eu.federa.tenancy.TeamMembers;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.Member;
import eu.federa.tenancy.TeamViews.ProjectInfo;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/**
 * Backs a project's page ({@code project.xhtml?id=}); another tenant's project is not found. Its
 * members, who among them are its admins, and, for a tenant admin, adding and taking out one member
 * at a time (the organisation's team page lists projects, not everyone in each). The member to add
 * is found by name as the admin types, a few suggestions at a time from the database: a menu of
 * every colleague not yet in the project was most of the page (200 of them at the size,
 * docs/performance.md, "Twelfth pass").
 */
@Named
@ViewScoped
public class ProjectPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject TeamMembers teamMembers;
  @Inject TeamProjects teamProjects;
  @Inject ProjectOverview overview;
  @Inject ProjectKeysPage keysPage;
  @Inject CurrentTenant currentTenant;

  private Long id;
  private Long tenantId;
  private ProjectInfo project;
  private LazyDataModel<Member> members;

  /** Suggestions a search for a colleague offers at most. */
  static final int SUGGESTIONS = 10;

  private long candidatesLeft;
  private final Candidates suggested = new Candidates();
  private Member candidate;

  public void load() throws IOException {
    tenantId = currentTenant.getId();
    if (id == null || tenantId == null) {
      Pages.notFound();
      return;
    }
    reload();
  }

  /** Reads what the page shows of the team, in one call (the members' first page, the keys). */
  private void reload() {
    // only a tenant admin adds members: nobody else's view counts who is left to add
    ProjectOverview.Shown shown = overview.first(tenantId, id, TeamPage.ROWS, isManager());
    project = shown.project();
    members = TeamPage.members(tenantId, id, true, null).startingWith(shown.members());
    candidatesLeft = shown.outside();
    keysPage.show(id, shown.keys());
  }

  /** The organisation's members not in the project whose name holds {@code query}, a few. */
  public List<Member> complete(String query) {
    List<Member> found = teamMembers.page(tenantId, id, false, query, 0, SUGGESTIONS).rows();
    suggested.offered(found);
    return found;
  }

  /** Adds the chosen member of the organisation to the project. */
  public void add() {
    if (candidate == null) {
      FormMessages.error("project.chooseMemberFirst");
      return;
    }
    long chosen = candidate.id();
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

  /** Whether some member of the organisation is not in the project yet. */
  public boolean isCandidatesLeft() {
    return candidatesLeft > 0;
  }

  public Member getCandidate() {
    return candidate;
  }

  public void setCandidate(Member candidate) {
    this.candidate = candidate;
  }

  /** The search's converter: a suggestion by its membership's id. */
  public Converter<Member> getCandidateConverter() {
    return suggested;
  }

  /**
   * The suggestions this view offered, by id: a chosen one comes back as its id and is taken only
   * when it was offered (anything else chooses nobody). Adding checks the member again.
   */
  static final class Candidates implements Converter<Member>, Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Member> offered = new HashMap<>();

    void offered(List<Member> members) {
      offered.clear();
      members.forEach(m -> offered.put(Long.toString(m.id()), m));
    }

    @Override
    public Member getAsObject(FacesContext context, UIComponent component, String value) {
      return value == null ? null : offered.get(value);
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Member value) {
      return value == null ? "" : Long.toString(value.id());
    }
  }

  /** Rows a page of the members' table shows. */
  public int getRows() {
    return TeamPage.ROWS;
  }
}
