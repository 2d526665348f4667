package eu.federa.ai.web;

import eu.federa.ai.AiUsage;
import eu.federa.ai.ApiKeys;
import eu.federa.ai.KeyForm;
import eu.federa.ai.KeyView;
import eu.federa.ai.ProjectLimits;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.AiServices;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.ProjectName;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the API keys page: the form of a new key (its secret shown once, after creation), the keys
 * with their state and last use, revoking, keeping a departed member's key, and this month's token
 * usage by key and model.
 */
@Named
@ViewScoped
public class AiKeysPage implements Serializable {

  /** Rows a page of the keys' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject eu.federa.platform.http.PublicUrl publicUrl;
  @Inject ApiKeys keys;
  @Inject AiUsage usage;
  @Inject AiServices services;
  @Inject TeamProjects projects;
  @Inject CurrentTenant tenant;
  @Inject Clock clock;
  @Inject ProjectLimits limits;

  private LazyDataModel<KeyView> list;
  private List<AiUsage.Line> usageLines = List.of();
  private List<AiServices.Endpoint> endpoints = List.of();
  private List<ProjectName> projectChoices = List.of();
  private String name;
  private Long projectId;
  private boolean allEndpoints = true;
  private List<Long> endpointIds = new ArrayList<>();
  private LocalDate expiresOn;
  private Integer requestsPerMinute;
  private Integer tokensPerMinute;
  private String newSecret;
  private List<ProjectLimits.View> projectLimits = List.of();
  private Long limitProjectId;
  private Integer limitRequestsPerMinute;
  private Integer limitTokensPerMinute;

  @PostConstruct
  void open() {
    if (tenant.getId() == null) {
      return;
    }
    endpoints = services.liveEndpoints(tenant.getId());
    projectChoices = projects.projectNames(tenant.getId());
    refresh();
  }

  private void refresh() {
    long tenantId = tenant.getId();
    list =
        ServerPagedList.of(
            ApiKeys.class,
            (service, first, max) -> service.page(tenantId, first, max),
            ROWS,
            KeyView::id);
    usageLines = usage.ofMonth(tenant.getId(), YearMonth.now(clock));
    projectLimits = limits.list(tenant.getId());
  }

  /** Sets the chosen project's limits (tenant admins); both empty removes them. */
  public void saveProjectLimits() {
    if (limitProjectId == null) {
      return;
    }
    try {
      limits.set(
          tenant.getId(),
          limitProjectId,
          new ProjectLimits.Form(limitRequestsPerMinute, limitTokensPerMinute));
      FormMessages.info("aikey.projectLimits.saved");
      limitRequestsPerMinute = null;
      limitTokensPerMinute = null;
    } catch (InvalidInputException e) {
      FormMessages.show("limits", e.errors());
    } catch (NotFoundException gone) {
      FormMessages.error("aikey.error.gone");
    }
    refresh();
  }

  public List<ProjectLimits.View> getProjectLimits() {
    return projectLimits;
  }

  public Long getLimitProjectId() {
    return limitProjectId;
  }

  public void setLimitProjectId(Long limitProjectId) {
    this.limitProjectId = limitProjectId;
  }

  public Integer getLimitRequestsPerMinute() {
    return limitRequestsPerMinute;
  }

  public void setLimitRequestsPerMinute(Integer value) {
    this.limitRequestsPerMinute = value;
  }

  public Integer getLimitTokensPerMinute() {
    return limitTokensPerMinute;
  }

  public void setLimitTokensPerMinute(Integer value) {
    this.limitTokensPerMinute = value;
  }

  public void create() {
    newSecret = null;
    try {
      ApiKeys.Created created =
          keys.create(
              tenant.getId(),
              new KeyForm(
                  name,
                  projectId,
                  allEndpoints,
                  allEndpoints ? null : new HashSet<>(endpointIds),
                  expiresOn == null ? null : expiresOn.atStartOfDay().toInstant(ZoneOffset.UTC),
                  requestsPerMinute,
                  tokensPerMinute));
      newSecret = created.secret();
      FormMessages.info("aikey.created", name.strip());
      name = null;
      expiresOn = null;
      requestsPerMinute = null;
      tokensPerMinute = null;
    } catch (InvalidInputException e) {
      FormMessages.show("key", e.errors());
    }
    refresh();
  }

  public void revoke(long keyId) {
    try {
      keys.revoke(tenant.getId(), keyId);
      FormMessages.info("aikey.revoked");
    } catch (NotFoundException gone) {
      FormMessages.error("aikey.error.gone");
    }
    refresh();
  }

  public void keep(long keyId) {
    try {
      keys.keepForProject(tenant.getId(), keyId);
      FormMessages.info("aikey.kept");
    } catch (NotFoundException gone) {
      FormMessages.error("aikey.error.gone");
    }
    refresh();
  }

  /** Where programs call the gateway: the portal's address as users reach it (PublicUrl). */
  public String getGatewayUrl() {
    return publicUrl.base() + AiServices.GATEWAY_PATH;
  }

  public LazyDataModel<KeyView> getList() {
    return list;
  }

  public List<AiUsage.Line> getUsage() {
    return usageLines;
  }

  public List<AiServices.Endpoint> getEndpoints() {
    return endpoints;
  }

  public List<ProjectName> getProjects() {
    return projectChoices;
  }

  public String getNewSecret() {
    return newSecret;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getProjectId() {
    return projectId;
  }

  public void setProjectId(Long projectId) {
    this.projectId = projectId;
  }

  public boolean isAllEndpoints() {
    return allEndpoints;
  }

  public void setAllEndpoints(boolean allEndpoints) {
    this.allEndpoints = allEndpoints;
  }

  public List<Long> getEndpointIds() {
    return endpointIds;
  }

  public void setEndpointIds(List<Long> endpointIds) {
    this.endpointIds = endpointIds == null ? new ArrayList<>() : new ArrayList<>(endpointIds);
  }

  public LocalDate getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(LocalDate expiresOn) {
    this.expiresOn = expiresOn;
  }

  public Integer getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public void setRequestsPerMinute(Integer requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
  }

  public Integer getTokensPerMinute() {
    return tokensPerMinute;
  }

  public void setTokensPerMinute(Integer tokensPerMinute) {
    this.tokensPerMinute = tokensPerMinute;
  }

  public int getRows() {
    return ROWS;
  }
}
