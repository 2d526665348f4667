package eu.federa.provisioning.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.identity.SshKeys;
import eu.federa.placement.ShortfallMessage;
import eu.federa.placement.web.PlacementChoicesInput;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.EuropeanCountries;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.provisioning.NoPlacementException;
import eu.federa.provisioning.OrderForm;
import eu.federa.provisioning.OrderPlacement;
import eu.federa.tenancy.ProjectSshKeys;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Backs the order form: choose image and size, see where it would run and why, then confirm. The
 * idempotency key is made when the form opens, so that sending it twice orders once.
 */
@Named
@ViewScoped
public class OrderPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OrderPlacement orders;
  @Inject Catalog catalog;
  @Inject CurrentTenant tenant;
  @Inject TeamProjects teamProjects;
  @Inject SshKeys sshKeys;
  @Inject ProjectSshKeys projectKeys;
  @Inject ProviderDirectory providers;

  private final String idempotencyKey = UUID.randomUUID().toString();
  private List<Image> images = List.of();
  private List<Size> sizes = List.of();
  private String image;
  private String size;
  private String name;
  private List<String> countries = new ArrayList<>();
  private Long project;
  private boolean allowOtherProvider = true;
  private boolean publicAddress;
  private Integer volumeGib;
  private List<TeamViews.ProjectName> projects = List.of();
  private List<SshKeys.KeyView> keyChoices = List.of();
  private List<Long> sshKeyIds = new ArrayList<>();
  private List<SshKeys.KeyView> projectKeyChoices = List.of();
  private List<Long> projectSshKeyIds = new ArrayList<>();
  private final PlacementChoicesInput choices = new PlacementChoicesInput();
  private OrderPlacement.Quote quote;
  private String shortfall;

  @PostConstruct
  void open() {
    images = catalog.images();
    sizes = catalog.sizes();
    String wanted =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("image");
    image = images.stream().anyMatch(i -> i.code().equals(wanted)) ? wanted : null;
    choices.offer(providers.enabled());
    if (tenant.getId() != null) {
      projects = teamProjects.projectNames(tenant.getId());
    }
    // The orderer's keys, all chosen at first: a VM nobody can sign in to is rarely wanted.
    keyChoices = sshKeys.mine();
    sshKeyIds = new ArrayList<>(keyChoices.stream().map(SshKeys.KeyView::id).toList());
  }

  private OrderForm form() {
    return new OrderForm(
        name,
        image,
        size,
        countries,
        project,
        idempotencyKey,
        allowOtherProvider,
        sshKeyIds,
        project == null ? List.of() : projectSshKeyIds,
        publicAddress,
        volumeGib,
        choices.toChoices());
  }

  /** Where it should run beyond the countries. */
  public PlacementChoicesInput getChoices() {
    return choices;
  }

  /** The chosen project's keys are offered (all chosen at first) when the project changes. */
  public void projectChanged() {
    projectKeyChoices =
        project == null || tenant.getId() == null
            ? List.of()
            : projectKeys.list(tenant.getId(), project);
    projectSshKeyIds =
        new ArrayList<>(projectKeyChoices.stream().map(SshKeys.KeyView::id).toList());
  }

  /** Shows where the order would run now, and why. */
  public void preview() {
    quote = null;
    shortfall = null;
    try {
      quote = orders.quote(tenant.getId(), form());
      if (!quote.decision().placed()) {
        shortfall =
            ShortfallMessage.describe(
                quote.decision().shortfall(), quote.request(), FormMessages.bundle());
      }
    } catch (InvalidInputException e) {
      FormMessages.show("order", e.errors());
    }
  }

  /** Places the order and opens its page, where its progress shows. */
  public String place() {
    try {
      long id = orders.placeOrder(tenant.getId(), form());
      return "/resource.xhtml?faces-redirect=true&id=" + id;
    } catch (InvalidInputException e) {
      FormMessages.show("order", e.errors());
    } catch (NoPlacementException e) {
      quote = null;
      shortfall = ShortfallMessage.describe(e.shortfall(), e.request(), FormMessages.bundle());
      FormMessages.error("order.error.noPlacement");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    return null;
  }

  public List<SshKeys.KeyView> getKeyChoices() {
    return keyChoices;
  }

  public List<SshKeys.KeyView> getProjectKeyChoices() {
    return projectKeyChoices;
  }

  public List<Long> getProjectSshKeyIds() {
    return projectSshKeyIds;
  }

  public void setProjectSshKeyIds(List<Long> ids) {
    this.projectSshKeyIds = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
  }

  public List<Long> getSshKeyIds() {
    return sshKeyIds;
  }

  public void setSshKeyIds(List<Long> sshKeyIds) {
    this.sshKeyIds = sshKeyIds == null ? new ArrayList<>() : new ArrayList<>(sshKeyIds);
  }

  public List<TeamViews.ProjectName> getProjects() {
    return projects;
  }

  public boolean isAllowOtherProvider() {
    return allowOtherProvider;
  }

  public void setAllowOtherProvider(boolean allowOtherProvider) {
    this.allowOtherProvider = allowOtherProvider;
  }

  public Integer getVolumeGib() {
    return volumeGib;
  }

  public void setVolumeGib(Integer volumeGib) {
    this.volumeGib = volumeGib;
  }

  public boolean isPublicAddress() {
    return publicAddress;
  }

  public void setPublicAddress(boolean publicAddress) {
    this.publicAddress = publicAddress;
  }

  public Long getProject() {
    return project;
  }

  public void setProject(Long project) {
    this.project = project;
  }

  public List<String> getCountryChoices() {
    return EuropeanCountries.codes();
  }

  public List<Image> getImages() {
    return images;
  }

  public List<Size> getSizes() {
    return sizes;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getCountries() {
    return countries;
  }

  public void setCountries(List<String> countries) {
    this.countries = countries == null ? new ArrayList<>() : new ArrayList<>(countries);
  }

  public OrderPlacement.Quote getQuote() {
    return quote;
  }

  public String getShortfall() {
    return shortfall;
  }
}
