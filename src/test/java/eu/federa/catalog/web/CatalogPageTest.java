package eu.federa.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Catalog;
import eu.federa.catalog.Image;
import eu.federa.catalog.Offer;
import eu.federa.catalog.Size;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog page is kept in a clustered session, written to the other node at every request: it
 * carries the user's filters there, not the catalog's lists, which it reads again where it lands.
 */
class CatalogPageTest {

  /** Stands for the container's serializable proxy of the catalog. */
  static final class FixedCatalog extends Catalog implements Serializable {
    private static final long serialVersionUID = 1L;
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

  @Test
  void aMoveToAnotherNodeCarriesTheFiltersAndReadsTheCatalogAgain() throws Exception {
    CatalogPage page = new CatalogPage();
    FixedCatalog catalog = new FixedCatalog();
    page.catalog = catalog;
    page.load();
    page.setCountry("DE");
    page.setGpuOnly(true);
    page.filter();
    assertThat(page.getOffers()).extracting(Offer::providerName).hasSize(2);
    page.getCountries();
    page.getShownSizes();
    assertThat(catalog.offerReads).as("read once on its node").isEqualTo(1);

    byte[] session = write(page);
    assertThat(new String(session, StandardCharsets.ISO_8859_1))
        .as("what the session carries to the other node")
        .doesNotContain("Rheinwolke")
        .doesNotContain("SecNumCloud")
        .doesNotContain("GPU large");

    CatalogPage moved = (CatalogPage) read(session);
    assertThat(moved.getCountry()).isEqualTo("DE");
    assertThat(moved.isGpuOnly()).isTrue();
    assertThat(moved.getOffers())
        .extracting(Offer::providerName)
        .containsExactly("Hetzelberg Cloud", "Rheinwolke");
    assertThat(moved.getCountries()).containsExactly("DE", "FR");
    assertThat(moved.getCertifications()).containsExactly("C5", "ISO 27001", "SecNumCloud");
    assertThat(moved.getShownSizes()).extracting(Size::code).containsExactly("gpu-l");
  }

  private static byte[] write(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object read(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
