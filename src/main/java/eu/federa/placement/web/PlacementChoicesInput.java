package eu.federa.placement.web;

import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.placement.PlacementChoices;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The placement choices' fields of a form (order, AI service, what-if), drawn by {@code
 * WEB-INF/includes/placement-choices.xhtml}: view state only; the choices are checked by the
 * service ({@link PlacementChoices#check}).
 */
public class PlacementChoicesInput implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A provider to include or exclude. */
  public record ProviderOption(long id, String label) implements Serializable {}

  private List<String> certifications = new ArrayList<>();
  private String siteKind = "";
  private String siteName;
  private Double siteLatitude;
  private Double siteLongitude;
  private Integer latencyBudgetMs;
  private List<Long> includeProviders = new ArrayList<>();
  private List<Long> excludeProviders = new ArrayList<>();
  private String strategy = "CHEAPEST";
  private List<String> certificationChoices = List.of();
  private List<ProviderOption> providerChoices = List.of();

  /** Offers the providers of the federation and the certifications they hold. */
  public void offer(List<ProviderCard> providers) {
    certificationChoices =
        List.copyOf(
            new TreeSet<>(providers.stream().flatMap(p -> p.certifications().stream()).toList()));
    providerChoices =
        providers.stream()
            .sorted(Comparator.comparing(ProviderCard::name))
            .map(p -> new ProviderOption(p.id(), p.name() + " (" + p.countryCode() + ")"))
            .toList();
  }

  /** The choices as the service takes them. */
  public PlacementChoices toChoices() {
    return new PlacementChoices(
        certifications,
        siteKind == null || siteKind.isEmpty() ? null : "edge".equals(siteKind),
        siteName,
        siteLatitude,
        siteLongitude,
        latencyBudgetMs,
        includeProviders,
        excludeProviders,
        strategy);
  }

  public List<String> getCertificationChoices() {
    return certificationChoices;
  }

  public List<ProviderOption> getProviderChoices() {
    return providerChoices;
  }

  public List<String> getCertifications() {
    return certifications;
  }

  public void setCertifications(List<String> certifications) {
    this.certifications =
        certifications == null ? new ArrayList<>() : new ArrayList<>(certifications);
  }

  public String getSiteKind() {
    return siteKind;
  }

  public void setSiteKind(String siteKind) {
    this.siteKind = siteKind;
  }

  public String getSiteName() {
    return siteName;
  }

  public void setSiteName(String siteName) {
    this.siteName = siteName;
  }

  public Double getSiteLatitude() {
    return siteLatitude;
  }

  public void setSiteLatitude(Double siteLatitude) {
    this.siteLatitude = siteLatitude;
  }

  public Double getSiteLongitude() {
    return siteLongitude;
  }

  public void setSiteLongitude(Double siteLongitude) {
    this.siteLongitude = siteLongitude;
  }

  public Integer getLatencyBudgetMs() {
    return latencyBudgetMs;
  }

  public void setLatencyBudgetMs(Integer latencyBudgetMs) {
    this.latencyBudgetMs = latencyBudgetMs;
  }

  public List<Long> getIncludeProviders() {
    return includeProviders;
  }

  public void setIncludeProviders(List<Long> ids) {
    this.includeProviders = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
  }

  public List<Long> getExcludeProviders() {
    return excludeProviders;
  }

  public void setExcludeProviders(List<Long> ids) {
    this.excludeProviders = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
  }

  public String getStrategy() {
    return strategy;
  }

  public void setStrategy(String strategy) {
    this.strategy = strategy;
  }
}
