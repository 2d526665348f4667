package eu.federa.cloud.web;

import eu.federa.cloud.registry.AccessMeasure;
import eu.federa.cloud.registry.HostForecasts;
import eu.federa.cloud.registry.HostLine;
import eu.federa.cloud.registry.HostPowers;
import eu.federa.cloud.registry.InventorySync;
import eu.federa.cloud.registry.ProviderDetail;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.registry.ProviderRejectedException;
import eu.federa.cloud.registry.SovereigntyRegister;
import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.platform.web.ServerPagedList;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.primefaces.model.LazyDataModel;

/**
 * Backs a provider's page: health, clusters, hosts and GPUs from the last sync, and its public
 * sovereignty register, which platform admins change here.
 */
@Named
@ViewScoped
public class ProviderPage implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 50;

  private static final long serialVersionUID = 1L;

  @Inject ProviderRegistry registry;
  @Inject InventorySync sync;
  @Inject HostForecasts forecasts;
  @Inject ReaderFormats reader;
  @Inject HostPowers powers;

  private Long id;
  private transient ProviderDetail detail;
  private LazyDataModel<HostLine> hosts;
  private String legalSeatCountry;
  private String datacentreCountries;
  private List<String> measures = List.of();
  private List<HostForecasts.HourForecast> forecast = List.of();
  private Long powerHostId;
  private String powerHostName;
  private Integer idleWatts;
  private Integer fullWatts;

  /** f:viewAction: an unknown id is a 404, like any missing page. */
  public void load() throws IOException {
    detail = id == null ? null : registry.detail(id).orElse(null);
    if (detail == null) {
      Pages.notFound();
      return;
    }
    long providerId = id;
    hosts =
        ServerPagedList.of(
            ProviderRegistry.class,
            (service, first, max) -> service.hosts(providerId, first, max),
            ROWS,
            HostLine::id);
    if (legalSeatCountry == null) {
      show(registry.registerOf(id));
    }
    forecast = forecasts.ofProvider(id);
  }

  private void show(SovereigntyRegister register) {
    legalSeatCountry = register.legalSeatCountry();
    datacentreCountries = String.join(", ", register.datacentreCountries());
    measures = new ArrayList<>(register.accessMeasures().stream().map(Enum::name).toList());
  }

  /** Saves the register as the form states it; every problem is shown beside its field. */
  public void saveRegister() {
    List<String> countries =
        datacentreCountries == null || datacentreCountries.isBlank()
            ? List.of()
            : Arrays.stream(datacentreCountries.split("[,;\\s]+"))
                .filter(c -> !c.isEmpty())
                .map(c -> c.toUpperCase(Locale.ROOT))
                .toList();
    try {
      show(
          registry.changeRegister(
              id,
              new SovereigntyRegister.Change(
                  legalSeatCountry == null ? null : legalSeatCountry.toUpperCase(Locale.ROOT),
                  countries,
                  measures.stream()
                      .filter(
                          m ->
                              Arrays.stream(AccessMeasure.values())
                                  .anyMatch(a -> a.name().equals(m)))
                      .map(AccessMeasure::valueOf)
                      .collect(java.util.stream.Collectors.toSet()))));
      FormMessages.info("register.saved");
    } catch (ProviderRejectedException e) {
      FormMessages.show("provider", e.errors());
    }
  }

  /** Fills the power form with a host of the table (its own model, or empty when it has none). */
  public void editPower(HostLine host) {
    powerHostId = host.id();
    powerHostName = host.name();
    idleWatts = host.idleWatts();
    fullWatts = host.fullWatts();
  }

  /** Saves the chosen host's own power model; both fields empty: its provider's again. */
  public void savePower() {
    if (powerHostId == null) {
      FormMessages.error("provider.power.choose");
      return;
    }
    try {
      HostPowers.Power now = powers.set(id, powerHostId, idleWatts, fullWatts);
      FormMessages.info(now == null ? "provider.power.cleared" : "provider.power.saved");
    } catch (InvalidInputException e) {
      FormMessages.show("provider", e.errors());
    }
  }

  public String getPowerHostName() {
    return powerHostName;
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

  /** Every measure a provider may state, for the form's choices. */
  public AccessMeasure[] getAllMeasures() {
    return AccessMeasure.values();
  }

  public String getLegalSeatCountry() {
    return legalSeatCountry;
  }

  public void setLegalSeatCountry(String legalSeatCountry) {
    this.legalSeatCountry = legalSeatCountry;
  }

  public String getDatacentreCountries() {
    return datacentreCountries;
  }

  public void setDatacentreCountries(String datacentreCountries) {
    this.datacentreCountries = datacentreCountries;
  }

  /** The names of the measures ticked. */
  public List<String> getMeasures() {
    return measures;
  }

  public void setMeasures(List<String> measures) {
    this.measures = measures == null ? List.of() : measures;
  }

  /** The provider's hosts, a page at a time from the database. */
  public LazyDataModel<HostLine> getHosts() {
    return hosts;
  }

  public void refresh() throws IOException {
    load();
  }

  public void syncNow() throws IOException {
    sync.syncNow(id);
    load();
  }

  public void toggleEnabled() throws IOException {
    registry.setEnabled(id, !getDetail().provider().isEnabled());
    load();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public ProviderDetail getDetail() {
    if (detail == null && id != null) { // not kept in the session: read again where it is served
      detail = registry.detail(id).orElse(null);
    }
    return detail;
  }

  /** Whether the provider has a forecast (its hosts two days of history). */
  public boolean isForecast() {
    return !forecast.isEmpty();
  }

  /** The provider's CPU use forecast for the next 24 hours, with its bounds, by hour. */
  public String getForecastChart() {
    java.util.ResourceBundle msg = eu.federa.platform.web.FormMessages.bundle();
    java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
    series.put(
        msg.getString("provider.forecast.high"),
        forecast.stream().mapToDouble(HostForecasts.HourForecast::high).toArray());
    series.put(
        msg.getString("provider.forecast.point"),
        forecast.stream().mapToDouble(HostForecasts.HourForecast::cpuPercent).toArray());
    series.put(
        msg.getString("provider.forecast.low"),
        forecast.stream().mapToDouble(HostForecasts.HourForecast::low).toArray());
    java.time.format.DateTimeFormatter hour =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(reader.formats().zone());
    return eu.federa.platform.web.Charts.percentLines(
        forecast.stream().map(f -> hour.format(f.hour())).toList(),
        series,
        eu.federa.platform.web.FormMessages.locale());
  }

  public int getRows() {
    return ROWS;
  }
}
