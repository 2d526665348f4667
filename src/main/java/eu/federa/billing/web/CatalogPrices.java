package eu.federa.billing.web;

import eu.federa.billing.KeptPriceComparison;
import eu.federa.billing.PriceComparison;
import eu.federa.billing.PriceList;
import eu.federa.catalog.Size;
import eu.federa.catalog.web.CatalogPage;
import eu.federa.cloud.registry.ProviderDirectory.ProviderCard;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.ReaderFormats;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Markup;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's price columns: each size at each provider, per hour and per month, the cheapest
 * marked. Asked once per request of the node's kept comparison ({@link KeptPriceComparison}, read
 * again when the price lists change), never kept in the session: the catalog page is the busiest.
 *
 * <p>The price table's rows are written here as {@link Markup} with their texts already in the
 * reader's language: a table of every size at every provider drawn with components in each cell
 * cost the catalog most of its time under load (docs/performance.md, "Pages under load").
 */
@Named
@RequestScoped
public class CatalogPrices {

  @Inject KeptPriceComparison prices;
  @Inject CatalogPage catalogPage;
  @Inject ReaderFormats reader;

  private PriceComparison comparison;
  private Map<String, PriceComparison.Row> bySize;

  private PriceComparison comparison() {
    if (comparison == null) {
      comparison =
          prices.at(
              catalogPage.getRevision(), catalogPage.getAllSizes(), catalogPage.getProviders());
      bySize =
          comparison.rows().stream()
              .collect(Collectors.toMap(r -> r.size().code(), Function.identity()));
    }
    return comparison;
  }

  private static MessageFormat template(ResourceBundle msg, String key, Formats formats) {
    return new MessageFormat(msg.getString(key), formats.locale());
  }

  /** The price columns' headers: each provider with its country. */
  public List<Markup> getProviderHeaders() {
    List<Markup> headers = new ArrayList<>();
    for (ProviderCard p : comparison().providers()) {
      headers.add(
          Markup.el("th")
              .css("ui-state-default fd-price")
              .attr("scope", "col")
              .attr("role", "columnheader")
              .add(Markup.span("ui-column-title", p.name() + " (" + p.countryCode() + ")")));
    }
    return headers;
  }

  /**
   * The sizes' rows of the price table: a size's figures, then its cell at each provider (the price
   * per hour and per month, the GPUs' part, the cheapest marked among two or more that price it; a
   * dash where unpriced).
   */
  public List<Markup> rows(List<Size> sizes) {
    Formats formats = reader.formats();
    ResourceBundle msg = FormMessages.bundle();
    MessageFormat perHour = template(msg, "catalog.perHour", formats);
    MessageFormat perMonth = template(msg, "catalog.perMonth", formats);
    MessageFormat gpuPart = template(msg, "catalog.gpuPart", formats);
    String cheapestTag = msg.getString("catalog.cheapest");
    String notPriced = msg.getString("catalog.notPriced");
    List<ProviderCard> providers = comparison().providers();
    List<Markup> rows = new ArrayList<>(sizes.size());
    int index = 0;
    for (Size s : sizes) {
      Markup.Element row =
          Markup.row(index++, "size-row")
              .add(Markup.cell().add(Markup.span("size-name", s.name())))
              .add(Markup.cell().text(formats.number(s.vcpu())))
              .add(Markup.cell().text(formats.mibAsGib(s.memoryMib())))
              .add(Markup.cell().text(formats.gib(s.diskGib())))
              .add(Markup.cell().text(s.gpuLabel()));
      PriceComparison.Row prices = bySize.get(s.code());
      for (ProviderCard provider : providers) {
        PriceList.Estimate e = prices == null ? null : prices.at(provider.id());
        Markup.Element td = Markup.cell().css("fd-price");
        if (e == null) {
          td.add(Markup.span("fd-muted price-none", "\u2014").attr("title", notPriced));
        } else {
          boolean cheapest = prices.cheapestAt(provider.id());
          Markup.Element price =
              Markup.el("div")
                  .css("price price-" + provider.id() + (cheapest ? " fd-cheapest" : ""))
                  .add(
                      Markup.span(
                          "price-hour",
                          perHour.format(new Object[] {formats.rate(e.eurPerHour())})))
                  .add(
                      Markup.span(
                          "price-month",
                          perMonth.format(new Object[] {formats.money(e.eurPerMonth())})));
          if (e.gpuEurPerMonth().signum() > 0) {
            price.add(
                Markup.span(
                    "fd-muted price-gpu",
                    gpuPart.format(new Object[] {formats.money(e.gpuEurPerMonth())})));
          }
          if (cheapest) {
            price.add(Markup.span("fd-tag fd-tag-good", cheapestTag));
          }
          td.add(price);
        }
        row.add(td);
      }
      rows.add(row);
    }
    return rows;
  }
}
