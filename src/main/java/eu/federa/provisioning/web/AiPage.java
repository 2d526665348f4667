package eu.federa.provisioning.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Model;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.placement.ShortfallMessage;
import eu.federa.placement.web.PlacementChoicesInput;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.AiKind;
import eu.federa.provisioning.AiServiceForm;
import eu.federa.provisioning.AiServiceView;
import eu.federa.provisioning.AiServices;
import eu.federa.provisioning.NoPlacementException;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the AI services page: the model catalog, the organisation's services (refreshed while
 * open), and the order form of an inference endpoint, notebook or training job.
 */
@Named
@ViewScoped
public class AiPage implements Serializable {

  /** Rows a page of the services' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject AiServices ai;
  @Inject Catalog catalog;
  @Inject CurrentTenant tenant;
  @Inject TeamProjects teamProjects;
  @Inject ProviderDirectory providers;

  private final String idempotencyKey = UUID.randomUUID().toString();
  private List<Model> models = List.of();
  private List<Size> sizes = List.of();
  private LazyDataModel<AiServiceView> services;
  private AiKind kind = AiKind.INFERENCE;
  private String name;
  private Long project;
  private List<TeamViews.ProjectName> projects = List.of();
  private String model;
  private String size;
  private int replicas = 1;
  private String dataset;
  private Integer duration = 60;
  private List<String> countries = new ArrayList<>();
  private final PlacementChoicesInput choices = new PlacementChoicesInput();
  private AiServices.Quote quote;
  private String shortfall;

  @PostConstruct
  void open() {
    models = catalog.models();
    sizes = catalog.sizes();
    choices.offer(providers.enabled());
    if (tenant.getId() != null) {
      projects = teamProjects.projectNames(tenant.getId());
    }
    refresh();
  }

  public void refresh() {
    if (tenant.getId() != null) {
      long tenantId = tenant.getId();
      services =
          ServerPagedList.of(
              AiServices.class,
              (service, first, max) -> service.page(tenantId, first, max),
              ROWS,
              AiServiceView::id);
    }
  }

  private AiServiceForm form() {
    return new AiServiceForm(
        kind,
        name,
        model,
        size,
        replicas,
        dataset,
        duration,
        countries,
        idempotencyKey,
        project,
        choices.toChoices());
  }

  /** Where its VMs should run beyond the countries. */
  public PlacementChoicesInput getChoices() {
    return choices;
  }

  public Long getProject() {
    return project;
  }

  public void setProject(Long project) {
    this.project = project;
  }

  public List<TeamViews.ProjectName> getProjects() {
    return projects;
  }

  public void preview() {
    quote = null;
    shortfall = null;
    try {
      quote = ai.quote(tenant.getId(), form());
      if (!quote.decision().placed()) {
        shortfall =
            ShortfallMessage.describe(
                quote.decision().shortfall(), quote.request(), FormMessages.bundle());
      }
    } catch (InvalidInputException e) {
      FormMessages.show("ai", e.errors());
    }
  }

  public String place() {
    try {
      long id = ai.order(tenant.getId(), form());
      return "/ai-service.xhtml?faces-redirect=true&id=" + id;
    } catch (InvalidInputException e) {
      FormMessages.show("ai", e.errors());
    } catch (NoPlacementException e) {
      quote = null;
      shortfall = ShortfallMessage.describe(e.shortfall(), e.request(), FormMessages.bundle());
      FormMessages.error("order.error.noPlacement");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    return null;
  }

  public AiKind[] getKinds() {
    return AiKind.values();
  }

  public List<String> getCountryChoices() {
    return EuropeanCountries.codes();
  }

  public List<Model> getModels() {
    return models;
  }

  /** GPU sizes for inference and training; every size for a notebook. */
  public List<Size> getSizes() {
    return kind != null && kind.needsGpu()
        ? sizes.stream().filter(s -> s.gpus() > 0).toList()
        : sizes;
  }

  public LazyDataModel<AiServiceView> getServices() {
    return services;
  }

  public AiKind getKind() {
    return kind;
  }

  public void setKind(AiKind kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public String getDataset() {
    return dataset;
  }

  public void setDataset(String dataset) {
    this.dataset = dataset;
  }

  public Integer getDuration() {
    return duration;
  }

  public void setDuration(Integer duration) {
    this.duration = duration;
  }

  public List<String> getCountries() {
    return countries;
  }

  public void setCountries(List<String> countries) {
    this.countries = countries == null ? new ArrayList<>() : new ArrayList<>(countries);
  }

  public AiServices.Quote getQuote() {
    return quote;
  }

  public String getShortfall() {
    return shortfall;
  }

  public int getRows() {
    return ROWS;
  }
}
