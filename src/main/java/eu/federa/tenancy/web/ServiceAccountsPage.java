package eu.federa.tenancy.web;

import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.ServiceAccountForm;
import eu.federa.tenancy.ServiceAccounts;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.ProjectName;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the service accounts page (tenant admins): the form of a new account (its token shown once,
 * with the call a script makes), the accounts with their role, projects, expiry and last use, and
 * revoking one.
 */
@Named
@ViewScoped
public class ServiceAccountsPage implements Serializable {

  /** Rows a page of the accounts' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject ServiceAccounts accounts;
  @Inject TeamProjects projects;
  @Inject CurrentTenant tenant;
  @Inject PublicUrl publicUrl;
  @Inject Clock clock;

  private LazyDataModel<ServiceAccounts.View> list;
  private List<ProjectName> projectChoices = List.of();
  private String name;
  private String role = "MEMBER";
  private List<Long> projectIds = new ArrayList<>();
  private LocalDate expiresOn;
  private String newToken;

  @PostConstruct
  void open() {
    if (tenant.getId() == null) {
      return;
    }
    accounts.page(tenant.getId(), 0, 0); // tenant admins only: 403 before anything renders
    list();
    projectChoices = projects.projectNames(tenant.getId());
    expiresOn = LocalDate.now(clock).plusDays(90);
  }

  public void create() {
    newToken = null;
    try {
      ServiceAccounts.Created created =
          accounts.create(
              tenant.getId(),
              new ServiceAccountForm(
                  name,
                  role,
                  new HashSet<>(projectIds),
                  expiresOn == null ? null : expiresOn.atStartOfDay().toInstant(ZoneOffset.UTC)));
      newToken = created.token();
      FormMessages.info("serviceAccount.created", name.strip());
      name = null;
      projectIds = new ArrayList<>();
    } catch (InvalidInputException e) {
      FormMessages.show("account", e.errors());
    } catch (NotFoundException gone) {
      FormMessages.error("serviceAccount.error.gone");
    }
    list();
  }

  public void revoke(long accountId) {
    try {
      accounts.revoke(tenant.getId(), accountId);
      FormMessages.info("serviceAccount.revoked");
    } catch (NotFoundException gone) {
      FormMessages.error("serviceAccount.error.gone");
    }
    list();
  }

  private void list() {
    long tenantId = tenant.getId();
    list =
        ServerPagedList.of(
            ServiceAccounts.class,
            (service, first, max) -> service.page(tenantId, first, max),
            ROWS,
            ServiceAccounts.View::id);
  }

  /** Where scripts call the API: the portal's address and the gate's path. */
  public String getApiUrl() {
    return publicUrl.base() + ScriptApiGate.PATH + "/v1";
  }

  public boolean isMember() {
    return tenant.getId() != null;
  }

  public Long getTenantId() {
    return tenant.getId();
  }

  public LazyDataModel<ServiceAccounts.View> getList() {
    return list;
  }

  public List<ProjectName> getProjects() {
    return projectChoices;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public List<Long> getProjectIds() {
    return projectIds;
  }

  public void setProjectIds(List<Long> projectIds) {
    this.projectIds = projectIds == null ? new ArrayList<>() : projectIds;
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  public String getNewToken() {
    return newToken;
  }

  public int getRows() {
    return ROWS;
  }
}
