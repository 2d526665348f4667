package eu.federa.catalog.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
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

  private List<Image> images = List.of();
  private List<Size> sizes = List.of();
  private List<Offer> allOffers = List.of();
  private List<Offer> offers = List.of();
  private List<String> countries = List.of();
  private List<String> certifications = List.of();
  private String country;
  private String certification;
  private boolean gpuOnly;

  @PostConstruct
  void load() {
    images = catalog.images();
    sizes = catalog.sizes();
    allOffers = catalog.offers();
    countries = List.copyOf(new TreeSet<>(allOffers.stream().map(Offer::countryCode).toList()));
    certifications =
        List.copyOf(
            new TreeSet<>(allOffers.stream().flatMap(o -> o.certifications().stream()).toList()));
    filter();
  }

  /** Applies the country and certification filters (the lists are small: filtered here). */
  public void filter() {
    offers =
        allOffers.stream()
            .filter(o -> country == null || country.isEmpty() || o.countryCode().equals(country))
            .filter(
                o ->
                    certification == null
                        || certification.isEmpty()
                        || o.certifications().contains(certification))
            .toList();
  }

  public List<Size> getShownSizes() {
    return gpuOnly ? sizes.stream().filter(s -> s.gpus() > 0).toList() : sizes;
  }

  public List<Image> getImages() {
    return images;
  }

  public List<Offer> getOffers() {
    return offers;
  }

  public List<String> getCountries() {
    return countries;
  }

  public List<String> getCertifications() {
    return certifications;
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
