package eu.federa.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.KeptListing;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.web.Markup;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog's filters, read from the page's query: which offers and sizes show, and what a value
 * the catalog does not list (an old bookmark, a hand-written query) does.
 */
class CatalogPageTest {

  /** Stands for the container's serializable proxy of the catalog. */
  static final class FixedCatalog extends Catalog {
    int offerReads;

    @Override
    public List<Image> images() {
      return List.of(new Image("debian-12", "Debian GNU/Linux", "12", "x86_64", null, "debian"));
    }

    @Override
    public List<Size> sizes() {
      return List.of(
          new Size("small", "Small", 1, 2048, 20, 0, null, null, 0),
          new Size("gpu-l", "GPU large", 16, 131072, 200, 1, "inference", "L40S", 48));
    }

    @Override
    public Listing listing() {
      return new Listing(images(), sizes(), offers(), List.of());
    }

    @Override
    public List<Offer> offers() {
      offerReads++;
      return List.of(
          offer("Hetzelberg Cloud", "DE", List.of("ISO 27001")),
          offer("Nuage Souverain", "FR", List.of("SecNumCloud")),
          offer("Rheinwolke", "DE", List.of("SecNumCloud", "C5")));
    }

    private static Offer offer(String provider, String country, List<String> certifications) {
      return new Offer(
          "debian-12",
          "Debian GNU/Linux 12",
          provider.length(),
          provider,
          country,
          country,
          certifications,
          false,
          7,
          null);
    }
  }

  /** Stands for the database's revision of the reference data. */
  static final class FixedRevision extends ReferenceRevision {
    long revision = 1;

    @Override
    public long current() {
      return revision;
    }
  }

  private static KeptListing kept(FixedCatalog catalog) {
    return new KeptListing(
        catalog, Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC));
  }

  private static CatalogPage page(FixedCatalog catalog) {
    return page(kept(catalog), new FixedRevision());
  }

  private static CatalogPage page(KeptListing kept, FixedRevision revision) {
    CatalogPage page = new CatalogPage();
    page.listings = kept;
    page.revisions = revision;
    return page;
  }

  @Test
  void theListingIsReadAgainOnlyWhenTheReferenceDataChanged() {
    FixedCatalog catalog = new FixedCatalog();
    KeptListing kept = kept(catalog);
    FixedRevision revision = new FixedRevision();
    page(kept, revision).choose(null, null, false);
    CatalogPage second = page(kept, revision);
    second.choose("FR", null, false);
    assertThat(second.getOffers())
        .extracting(Offer::providerName)
        .containsExactly("Nuage Souverain");
    assertThat(second.getRevision()).isEqualTo(1);
    assertThat(catalog.offerReads).as("two pages at one revision: one reading").isEqualTo(1);

    revision.revision = 2;
    CatalogPage third = page(kept, revision);
    third.choose(null, null, false);
    assertThat(third.getRevision()).isEqualTo(2);
    assertThat(catalog.offerReads).as("read again after a change").isEqualTo(2);
  }

  @Test
  void aCountryAndGpusShowTheirOffersAndSizesReadingTheCatalogOnce() {
    FixedCatalog catalog = new FixedCatalog();
    CatalogPage page = page(catalog);
    page.choose("DE", null, true);

    assertThat(page.getOffers())
        .extracting(Offer::providerName)
        .containsExactly("Hetzelberg Cloud", "Rheinwolke");
    assertThat(page.getShownSizes()).extracting(Size::code).containsExactly("gpu-l");
    assertThat(page.getAllSizes()).hasSize(2);
    assertThat(page.getCountries()).containsExactly("DE", "FR");
    assertThat(page.getCertifications()).containsExactly("C5", "ISO 27001", "SecNumCloud");
    assertThat(catalog.offerReads).as("one reading a request").isEqualTo(1);
  }

  @Test
  void aCountryAndACertificationBothApply() {
    CatalogPage page = page(new FixedCatalog());
    page.choose("DE", "SecNumCloud", false);
    assertThat(page.getOffers()).extracting(Offer::providerName).containsExactly("Rheinwolke");
    assertThat(page.getShownSizes()).hasSize(2);
  }

  @Test
  void noFilterShowsEverything() {
    CatalogPage page = page(new FixedCatalog());
    page.choose(null, "", false);
    assertThat(page.getOffers()).hasSize(3);
    assertThat(page.getCountry()).isNull();
    assertThat(page.getCertification()).isNull();
  }

  @Test
  void aValueTheCatalogDoesNotListIsTakenAsAny() {
    CatalogPage page = page(new FixedCatalog());
    page.choose("XX", "<script>", false);
    assertThat(page.getCountry()).isNull();
    assertThat(page.getCertification()).isNull();
    assertThat(page.getOffers()).hasSize(3);
  }

  @Test
  void theChosenValueIsTheSelectedOption() {
    CatalogPage page = page(new FixedCatalog());
    page.choose("FR", null, false);
    List<Markup> options = page.getCountryOptions();
    assertThat(options).hasSize(2);
    Markup.Element de = (Markup.Element) options.get(0);
    Markup.Element fr = (Markup.Element) options.get(1);
    assertThat(de.attributes()).containsExactly("value", "DE");
    assertThat(fr.attributes()).containsExactly("value", "FR", "selected", "selected");
    assertThat(page.getCertificationOptions())
        .allSatisfy(o -> assertThat(((Markup.Element) o).attributes()).doesNotContain("selected"));
  }
}
