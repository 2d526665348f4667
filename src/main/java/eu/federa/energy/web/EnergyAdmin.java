package eu.federa.energy.web;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.energy.GridIntensities;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * Backs the platform admins' energy page: the grid carbon intensities behind estimates and the
 * greenest placement, and each provider's PUE and host power.
 */
@Named
@ViewScoped
public class EnergyAdmin implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject GridIntensities intensities;
  @Inject ProviderRegistry registry;
  @Inject ProviderDirectory providers;

  private List<GridIntensities.Intensity> table = List.of();
  private List<ProviderCard> providerChoices = List.of();
  private String country;
  private BigDecimal grams;
  private Integer year;
  private String source;
  private Long provider;
  private BigDecimal pue;
  private Integer idleWatts;
  private Integer fullWatts;

  @PostConstruct
  void open() {
    table = intensities.all();
    providerChoices = providers.enabled();
  }

  /** Sets a country's intensity (or the EU average); every problem beside its field. */
  public void saveIntensity() {
    try {
      intensities.set(country, new GridIntensities.IntensityForm(grams, year, source));
      table = intensities.all();
      FormMessages.info("energyAdmin.saved");
    } catch (InvalidInputException e) {
      FormMessages.show("intensity", e.errors());
    }
  }

  /** Sets a provider's PUE and host power (empty: Federa's defaults). */
  public void saveProvider() {
    if (provider == null) {
      FormMessages.error("energyAdmin.chooseProvider");
      return;
    }
    try {
      registry.setEnergy(provider, new ProviderRegistry.EnergyForm(pue, idleWatts, fullWatts));
      FormMessages.info("energyAdmin.saved");
    } catch (InvalidInputException e) {
      FormMessages.show("provider-energy", e.errors());
    }
  }

  public List<GridIntensities.Intensity> getTable() {
    return table;
  }

  public List<ProviderCard> getProviderChoices() {
    return providerChoices;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public BigDecimal getGrams() {
    return grams;
  }

  public void setGrams(BigDecimal grams) {
    this.grams = grams;
  }

  public Integer getYear() {
    return year;
  }

  public void setYear(Integer year) {
    this.year = year;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public Long getProvider() {
    return provider;
  }

  public void setProvider(Long provider) {
    this.provider = provider;
  }

  public BigDecimal getPue() {
    return pue;
  }

  public void setPue(BigDecimal pue) {
    this.pue = pue;
  }

  public Integer getIdleWatts() {
    return idleWatts;
  }

  public void setIdleWatts(Integer idleWatts) {
    this.idleWatts = idleWatts;
  }

  public Integer getFullWatts() {
    return fullWatts;
  }

  public void setFullWatts(Integer fullWatts) {
    this.fullWatts = fullWatts;
  }
}
