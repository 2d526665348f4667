package eu.federa.catalog.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.TreeSet;

/** Backs the catalog: images where they are offered, with sovereignty labels, and the sizes. */
@Named
@ViewScoped
public class CatalogPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Catalog catalog;

  /**
   * What the catalog holds, read when found empty: a clustered session is written to its other node
   * at every request with all it keeps, and these lists of records were its heaviest part
   * (docs/performance.md, "Balancer"); after a move to another node they are read again there.
   */
  private transient Listing listing;

  private transient List<Offer> offers;
  private String country;
  private String certification;
  private boolean gpuOnly;

  private record Listing(
      Catalog.Listing read, List<String> countries, List<String> certifications) {
    List<Image> images() {
      return read.images();
    }

    List<Size> sizes() {
      return read.sizes();
    }

    List<Offer> offers() {
      return read.offers();
    }
  }

  @PostConstruct
  void load() {
    filter();
  }

  private Listing listing() {
    if (listing == null) {
      Catalog.Listing read = catalog.listing();
      List<Offer> all = read.offers();
      listing =
          new Listing(
              read,
              List.copyOf(new TreeSet<>(all.stream().map(Offer::countryCode).toList())),
              List.copyOf(
                  new TreeSet<>(all.stream().flatMap(o -> o.certifications().stream()).toList())));
    }
    return listing;
  }

  /** Applies the country and certification filters (the lists are small: filtered here). */
  public void filter() {
    offers =
        listing().offers().stream()
            .filter(o -> country == null || country.isEmpty() || o.countryCode().equals(country))
            .filter(
                o ->
                    certification == null
                        || certification.isEmpty()
                        || o.certifications().contains(certification))
            .toList();
  }

  public List<Size> getShownSizes() {
    List<Size> sizes = listing().sizes();
    return gpuOnly ? sizes.stream().filter(s -> s.gpus() > 0).toList() : sizes;
  }

  /**
   * Every size and the enabled providers, as this page read them: the price table beside the offers
   * (billing's) compares them without reading them again.
   */
  public List<Size> getAllSizes() {
    return listing().sizes();
  }

  public List<ProviderCard> getProviders() {
    return listing().read().providers();
  }

  public List<Image> getImages() {
    return listing().images();
  }

  public List<Offer> getOffers() {
    if (offers == null) {
      filter();
    }
    return offers;
  }

  public List<String> getCountries() {
    return listing().countries();
  }

  public List<String> getCertifications() {
    return listing().certifications();
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String country) {
    this.country = country;
  }

  public String getCertification() {
    return certification;
  }

  public void setCertification(String certification) {
    this.certification = certification;
  }

  public boolean isGpuOnly() {
    return gpuOnly;
  }

  public void setGpuOnly(boolean gpuOnly) {
    this.gpuOnly = gpuOnly;
  }
}
