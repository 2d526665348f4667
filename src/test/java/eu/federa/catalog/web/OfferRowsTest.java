package eu.federa.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Offer;
import eu.federa.cloud.registry.SovereigntyRegister;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.web.Markup;
import eu.federa.platform.web.MarkupComponent;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class OfferRowsTest {

  private static final ResourceBundle MSG =
      new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
          return new Object[][] {
            {"register.legalSeat", "Legal seat"},
            {"register.datacentres", "Data centres"},
            {"catalog.register", "Register"},
            {"catalog.edge", "Edge"},
            {"catalog.order", "Order"},
            {"catalog.image", "Image"},
            {"catalog.provider", "Provider"},
            {"catalog.country", "Country"},
            {"catalog.jurisdiction", "Jurisdiction"},
            {"catalog.labels", "Labels"}
          };
        }
      };

  @Test
  void anOfferIsARowWithItsLabelsRegisterAndOrderLink() throws Exception {
    SovereigntyRegister register = register();
    Offer offer =
        new Offer(
            "ubuntu 24&x",
            "Ubuntu <24.04>",
            7,
            "Nordcloud \"Oy\"",
            "FI",
            "EU",
            List.of("ISO 27001", "C5"),
            true,
            3,
            register);
    List<Markup> rows =
        OfferRows.write(List.of(offer, offer), MSG, Formats.of(Locale.ENGLISH, null), "/federa");
    String html = MarkupComponent.html(rows);
    assertThat(html)
        .contains("<span class=\"offer-image\">Ubuntu &lt;24.04&gt;</span>")
        .contains("<td role=\"gridcell\" data-label=\"Provider\">Nordcloud &quot;Oy&quot;</td>")
        .contains("<td role=\"gridcell\" data-label=\"Labels\">")
        .contains("<span class=\"fd-label\">ISO 27001</span> <span class=\"fd-label\">C5</span> ")
        .contains("<span class=\"fd-label\">Edge</span>")
        .contains("href=\"/federa/switching.xhtml#register-7\"")
        .contains(
            "<a class=\"order-image\" href=\"/federa/order.xhtml?image=ubuntu+24%26x\">Order</a>")
        .contains("ui-datatable-even offer-row")
        .contains("ui-datatable-odd offer-row")
        .doesNotContain("[RAW:");
  }

  @Test
  void aJurisdictionTypedAsACountrysEnglishNameReadsInTheReadersLanguage() throws Exception {
    Offer offer =
        new Offer(
            "debian",
            "Debian 12",
            3,
            "Rheinwerk",
            "DE",
            "Germany",
            List.of(),
            false,
            1,
            register());
    assertThat(
            MarkupComponent.html(
                OfferRows.write(List.of(offer), MSG, Formats.of(Locale.FRENCH, null), "/federa")))
        .contains("data-label=\"Jurisdiction\">Allemagne");
    Offer typed =
        new Offer(
            "debian",
            "Debian 12",
            3,
            "Nord",
            "FI",
            "EU and Finland",
            List.of(),
            false,
            1,
            register());
    assertThat(
            MarkupComponent.html(
                OfferRows.write(List.of(typed), MSG, Formats.of(Locale.FRENCH, null), "/federa")))
        .as("any other text as typed")
        .contains("data-label=\"Jurisdiction\">EU and Finland");
  }

  private static SovereigntyRegister register() {
    return new SovereigntyRegister(
        7, "Nordcloud", "Nordcloud Oy", "FI", List.of("FI", "SE"), "EU", List.of(), List.of("C5"));
  }
}
