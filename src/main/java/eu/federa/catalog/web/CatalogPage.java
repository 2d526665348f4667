package eu.federa.catalog.web;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.KeptListing;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.web.Markup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Backs the catalog: images where they are offered, with sovereignty labels, and the sizes.
 *
 * <p>The filters are the page's own query (a plain GET form: {@code ?country=FR&certification=C5&
 * gpu=1}), so a filtered catalog can be bookmarked and shared, and the page keeps nothing between
 * requests: no Faces form, no view state, nothing written to the clustered session. As a form with
 * Ajax filters it saved a view state per visit in the session, which the busiest page of the portal
 * then carried (read, written and kept in memory) on every later request of the user
 * (docs/performance.md, "Pages under load").
 */
@Named
@RequestScoped
public class CatalogPage {

  /** The query parameters of the filters. */
  public static final String COUNTRY = "country";

  public static final String CERTIFICATION = "certification";
  public static final String GPU_ONLY = "gpu";

  @Inject KeptListing listings;
  @Inject ReferenceRevision revisions;

  private long revision;
  private Listing listing;
  private List<Offer> offers;
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
    Map<String, String> query =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    choose(query.get(COUNTRY), query.get(CERTIFICATION), "1".equals(query.get(GPU_ONLY)));
  }

  /**
   * The filters asked for; a country or certification the catalog does not list (an old bookmark, a
   * hand-written query) is taken as "any", as the form then shows it.
   */
  void choose(String country, String certification, boolean gpuOnly) {
    this.country = listed(listing().countries(), country);
    this.certification = listed(listing().certifications(), certification);
    this.gpuOnly = gpuOnly;
    offers = filtered(listing().offers(), this.country, this.certification);
  }

  private static String listed(List<String> values, String value) {
    return value != null && values.contains(value) ? value : null;
  }

  private Listing listing() {
    if (listing == null) {
      // one statement: the listing itself is read again only after a change
      revision = revisions.current();
      Catalog.Listing read = listings.at(revision);
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

  /** The offers in that country (null: any) holding that certification (null: any). */
  static List<Offer> filtered(List<Offer> offers, String country, String certification) {
    return offers.stream()
        .filter(o -> country == null || o.countryCode().equals(country))
        .filter(o -> certification == null || o.certifications().contains(certification))
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

  /** The revision of the reference data this page shows (its price table asks at the same). */
  public long getRevision() {
    listing();
    return revision;
  }

  public List<ProviderCard> getProviders() {
    return listing().read().providers();
  }

  public List<Image> getImages() {
    return listing().images();
  }

  public List<Offer> getOffers() {
    return offers;
  }

  public List<String> getCountries() {
    return listing().countries();
  }

  public List<String> getCertifications() {
    return listing().certifications();
  }

  /** The countries to filter by, as a select's options, the chosen one selected. */
  public List<Markup> getCountryOptions() {
    return options(getCountries(), country);
  }

  /** The certifications to filter by, as a select's options, the chosen one selected. */
  public List<Markup> getCertificationOptions() {
    return options(getCertifications(), certification);
  }

  static List<Markup> options(List<String> values, String chosen) {
    return values.stream().<Markup>map(v -> Markup.option(v, v, v.equals(chosen))).toList();
  }

  /** The country chosen, null for any. */
  public String getCountry() {
    return country;
  }

  /** The certification chosen, null for any. */
  public String getCertification() {
    return certification;
  }

  public boolean isGpuOnly() {
    return gpuOnly;
  }
}
