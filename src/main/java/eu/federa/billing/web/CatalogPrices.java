package eu.federa.billing.web;

import eu.federa.billing.PriceComparison;
import eu.federa.billing.PriceList;
import eu.federa.billing.PriceService;
import eu.federa.catalog.Size;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's price columns: each size at each provider, per hour and per month, the cheapest
 * marked. Read once per request (not kept in the session: the catalog page is the busiest).
 *
 * <p>A size's row is handed to the page as cells whose texts are already written for the reader: a
 * table of every size at every provider drawn with components in each cell cost the catalog most of
 * its time under load (docs/performance.md, "Pages under load").
 */
@Named
@RequestScoped
public class CatalogPrices {

  @Inject PriceService prices;
  @Inject ReaderFormats reader;

  /**
   * A size's price at a provider, as the reader reads it.
   *
   * @param priced whether the provider prices the size at all (if not, the texts are empty)
   * @param gpuPart what of the monthly price its GPUs are, or empty when it has none
   */
  public record Cell(
      long providerId,
      boolean priced,
      String perHour,
      String perMonth,
      String gpuPart,
      boolean cheapest) {}

  private final Map<String, List<Cell>> cells = new HashMap<>();

  private PriceComparison comparison;
  private Map<String, PriceComparison.Row> bySize;

  private PriceComparison comparison() {
    if (comparison == null) {
      comparison = prices.comparison();
      bySize =
          comparison.rows().stream()
              .collect(Collectors.toMap(r -> r.size().code(), Function.identity()));
    }
    return comparison;
  }

  /** The providers compared, as columns. */
  public List<ProviderCard> getProviders() {
    return comparison().providers();
  }

  /** A size's estimate at a provider, or null when it has no price there. */
  public PriceList.Estimate at(String sizeCode, long providerId) {
    comparison();
    PriceComparison.Row row = bySize.get(sizeCode);
    return row == null ? null : row.at(providerId);
  }

  /** The size's cell at each provider, in the order of {@link #getProviders()}. */
  public List<Cell> cells(String sizeCode) {
    return cells.computeIfAbsent(sizeCode, this::write);
  }

  private List<Cell> write(String sizeCode) {
    Formats formats = reader.formats();
    MessageFormat perHour = template("catalog.perHour", formats);
    MessageFormat perMonth = template("catalog.perMonth", formats);
    MessageFormat gpuPart = template("catalog.gpuPart", formats);
    List<Cell> row = new ArrayList<>();
    for (ProviderCard provider : getProviders()) {
      PriceList.Estimate e = at(sizeCode, provider.id());
      if (e == null) {
        row.add(new Cell(provider.id(), false, "", "", "", false));
        continue;
      }
      row.add(
          new Cell(
              provider.id(),
              true,
              perHour.format(new Object[] {formats.rate(e.eurPerHour())}),
              perMonth.format(new Object[] {formats.money(e.eurPerMonth())}),
              e.gpuEurPerMonth().signum() > 0
                  ? gpuPart.format(new Object[] {formats.money(e.gpuEurPerMonth())})
                  : "",
              cheapest(sizeCode, provider.id())));
    }
    return List.copyOf(row);
  }

  private static MessageFormat template(String key, Formats formats) {
    return new MessageFormat(FormMessages.bundle().getString(key), formats.locale());
  }

  /** The price columns' headers: each provider with its country. */
  public List<Markup> getProviderHeaders() {
    List<Markup> headers = new ArrayList<>();
    for (ProviderCard p : getProviders()) {
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
   * per hour and per month, the GPUs' part, the cheapest marked; a dash where unpriced).
   */
  public List<Markup> rows(List<Size> sizes) {
    Formats formats = reader.formats();
    ResourceBundle msg = FormMessages.bundle();
    String cheapestTag = msg.getString("catalog.cheapest");
    String notPriced = msg.getString("catalog.notPriced");
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
      for (Cell c : cells(s.code())) {
        Markup.Element td = Markup.cell().css("fd-price");
        if (c.priced()) {
          Markup.Element price =
              Markup.el("div")
                  .css("price price-" + c.providerId() + (c.cheapest() ? " fd-cheapest" : ""))
                  .add(Markup.span("price-hour", c.perHour()))
                  .add(Markup.span("price-month", c.perMonth()));
          if (!c.gpuPart().isEmpty()) {
            price.add(Markup.span("fd-muted price-gpu", c.gpuPart()));
          }
          if (c.cheapest()) {
            price.add(Markup.span("fd-tag fd-tag-good", cheapestTag));
          }
          td.add(price);
        } else {
          td.add(Markup.span("fd-muted price-none", "\u2014").attr("title", notPriced));
        }
        row.add(td);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Whether the provider is the cheapest for the size (among two or more that price it). */
  public boolean cheapest(String sizeCode, long providerId) {
    comparison();
    PriceComparison.Row row = bySize.get(sizeCode);
    return row != null && row.cheapestAt(providerId);
  }
}
