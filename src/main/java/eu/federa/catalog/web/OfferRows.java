package eu.federa.catalog.web;

import eu.federa.catalog.Offer;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The catalog's table of images at providers, as rows written once a request ({@link Markup}): an
 * image at a provider with its country, jurisdiction and sovereignty register, its labels and the
 * link to order it.
 */
@Named
@RequestScoped
public class OfferRows {

  @Inject CatalogPage page;
  @Inject ReaderFormats reader;

  private List<Markup> rows;

  public List<Markup> getRows() {
    if (rows == null) {
      FacesContext faces = FacesContext.getCurrentInstance();
      rows =
          write(
              page.getOffers(),
              FormMessages.bundle(),
              reader.formats(),
              faces.getExternalContext().getRequestContextPath());
    }
    return rows;
  }

  static List<Markup> write(
      List<Offer> offers, ResourceBundle msg, Formats formats, String contextPath) {
    List<Markup> rows = new ArrayList<>(offers.size());
    String legalSeat = msg.getString("register.legalSeat") + ": ";
    String datacentres = msg.getString("register.datacentres") + ": ";
    String register = msg.getString("catalog.register");
    String edge = msg.getString("catalog.edge");
    String order = msg.getString("catalog.order");
    // Each cell names its column (data-label): at a phone's width a row stands as a block, each
    // value under its column's title, instead of a table wider than the screen.
    String image = msg.getString("catalog.image");
    String provider = msg.getString("catalog.provider");
    String country = msg.getString("catalog.country");
    String jurisdiction = msg.getString("catalog.jurisdiction");
    int index = 0;
    for (Offer o : offers) {
      Markup.Element labels = Markup.cell().attr("data-label", msg.getString("catalog.labels"));
      for (String certification : o.certifications()) {
        labels.add(Markup.span("fd-label", certification)).text(" ");
      }
      if (o.edgeSite()) {
        labels.add(Markup.span("fd-label", edge));
      }
      rows.add(
          Markup.row(index++, "offer-row")
              .add(
                  Markup.cell()
                      .attr("data-label", image)
                      .add(Markup.span("offer-image", o.imageName())))
              .add(Markup.cell().attr("data-label", provider).text(o.providerName()))
              .add(
                  Markup.cell()
                      .attr("data-label", country)
                      .add(Markup.span("offer-country", o.countryCode())))
              .add(
                  Markup.cell()
                      .attr("data-label", jurisdiction)
                      .text(formats.countryNamed(o.jurisdiction()))
                      .add(
                          Markup.el("div")
                              .css("fd-muted offer-register")
                              .text(legalSeat + o.register().legalSeatCountry() + " · ")
                              .text(datacentres + o.register().datacentreCountriesText() + " · ")
                              .add(
                                  Markup.el("a")
                                      .attr(
                                          "href",
                                          contextPath
                                              + "/switching.xhtml#register-"
                                              + o.providerId())
                                      .text(register))))
              .add(labels)
              .add(
                  Markup.cell()
                      .add(
                          Markup.el("a")
                              .css("order-image")
                              .attr(
                                  "href",
                                  contextPath
                                      + "/order.xhtml?image="
                                      + URLEncoder.encode(o.imageCode(), StandardCharsets.UTF_8))
                              .text(order))));
    }
    return rows;
  }
}
