package eu.federa.cloud.web;

import eu.federa.cloud.registry.ProviderForm;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.ProviderRejectedException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/** Backs the add/edit form of a provider. Rules live in the registry; this maps its answers. */
@Named
@ViewScoped
public class ProviderEditor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ProviderRegistry registry;

  private Long id;
  private String name;
  private String legalEntity;
  private String countryCode;
  private String city;
  private BigDecimal latitude;
  private BigDecimal longitude;
  private String jurisdiction;
  private String certifications;
  private String endpointUrl;
  private String apiUsername;
  private String apiSecret;
  private boolean enabled = true;
  private boolean edgeSite;
  private String notes;
  private String publicNetwork;
  private String consoleUrl;

  /** f:viewAction: loads the provider to edit, or starts an empty form. */
  public void load() throws IOException {
    if (id == null) {
      return;
    }
    ProviderForm form = registry.formOf(id).orElse(null);
    if (form == null) {
      Pages.notFound();
      return;
    }
    name = form.name();
    legalEntity = form.legalEntity();
    countryCode = form.countryCode();
    city = form.city();
    latitude = form.latitude();
    longitude = form.longitude();
    jurisdiction = form.jurisdiction();
    certifications = String.join(", ", form.certifications());
    endpointUrl = form.endpointUrl();
    apiUsername = form.apiUsername();
    enabled = form.enabled();
    edgeSite = form.edgeSite();
    notes = form.notes();
    publicNetwork = form.publicNetwork();
    consoleUrl = form.consoleUrl();
  }

  public String save() {
    ProviderForm form =
        new ProviderForm(
            name,
            legalEntity,
            countryCode,
            city,
            latitude,
            longitude,
            jurisdiction,
            certifications == null ? null : Arrays.asList(certifications.split(",")),
            endpointUrl,
            apiUsername,
            apiSecret,
            enabled,
            edgeSite,
            notes,
            publicNetwork,
            consoleUrl);
    try {
      long saved;
      if (id == null) {
        saved = registry.register(form);
      } else {
        registry.update(id, form);
        saved = id;
      }
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      FormMessages.info("provider.saved", name);
      return "/admin/provider.xhtml?faces-redirect=true&id=" + saved;
    } catch (ProviderRejectedException e) {
      apiSecret = null;
      FormMessages.show("provider-form", e.errors());
      return null;
    }
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getLegalEntity() {
    return legalEntity;
  }

  public void setLegalEntity(String legalEntity) {
    this.legalEntity = legalEntity;
  }

  public String getCountryCode() {
    return countryCode;
  }

  public void setCountryCode(String countryCode) {
    this.countryCode = countryCode;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String city) {
    this.city = city;
  }

  public BigDecimal getLatitude() {
    return latitude;
  }

  public void setLatitude(BigDecimal latitude) {
    this.latitude = latitude;
  }

  public BigDecimal getLongitude() {
    return longitude;
  }

  public void setLongitude(BigDecimal longitude) {
    this.longitude = longitude;
  }

  public String getJurisdiction() {
    return jurisdiction;
  }

  public void setJurisdiction(String jurisdiction) {
    this.jurisdiction = jurisdiction;
  }

  public String getCertifications() {
    return certifications;
  }

  public void setCertifications(String certifications) {
    this.certifications = certifications;
  }

  public String getEndpointUrl() {
    return endpointUrl;
  }

  public void setEndpointUrl(String endpointUrl) {
    this.endpointUrl = endpointUrl;
  }

  public String getApiUsername() {
    return apiUsername;
  }

  public void setApiUsername(String apiUsername) {
    this.apiUsername = apiUsername;
  }

  public String getApiSecret() {
    return null; // never shown back
  }

  public void setApiSecret(String apiSecret) {
    this.apiSecret = apiSecret;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isEdgeSite() {
    return edgeSite;
  }

  public void setEdgeSite(boolean edgeSite) {
    this.edgeSite = edgeSite;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public String getConsoleUrl() {
    return consoleUrl;
  }

  public void setConsoleUrl(String consoleUrl) {
    this.consoleUrl = consoleUrl;
  }

  public String getPublicNetwork() {
    return publicNetwork;
  }

  public void setPublicNetwork(String publicNetwork) {
    this.publicNetwork = publicNetwork;
  }
}
