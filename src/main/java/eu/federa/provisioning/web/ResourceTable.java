package eu.federa.provisioning.web;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.web.Markup;
import eu.federa.provisioning.ResourceRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The resource list as one {@link Markup} (one component for the whole table and its pager): the
 * header, a row per VM (its name linking to its page, its state, size, provider, country, address,
 * cost so far and creation), the empty list's hint, and the pager. Written by a Facelet, the
 * table's header, the empty row and the pager were a dozen components and expressions built and
 * evaluated again on every view (docs/performance.md, "Nineteenth pass").
 */
final class ResourceTable {

  /** The columns' headings (message keys; the address column is "IP" in every language). */
  private static final List<String> HEADINGS =
      List.of(
          "order.name",
          "resource.state",
          "catalog.size",
          "catalog.provider",
          "catalog.country",
          "",
          "resource.costSoFar",
          "resource.created");

  /**
   * Where the pager stands.
   *
   * @param first the first row shown, counted from 0
   * @param previousUrl the previous page's address (null on the first page)
   * @param nextUrl the next page's address (null on the last)
   */
  record Pager(int first, int shown, long total, String previousUrl, String nextUrl) {}

  private ResourceTable() {}

  /**
   * The list: {@code <div id="resource-list">} with the table and, when there are pages, the pager.
   */
  static Markup write(
      List<ResourceRow> orders,
      Map<Long, BigDecimal> costs,
      Pager pager,
      long refreshMillis,
      ResourceBundle msg,
      Formats formats,
      String contextPath) {
    Markup.Element head = Markup.el("tr").attr("role", "row");
    for (String key : HEADINGS) {
      head.add(
          Markup.el("th")
              .css("ui-state-default")
              .attr("scope", "col")
              .attr("role", "columnheader")
              .add(Markup.span("ui-column-title", key.isEmpty() ? "IP" : msg.getString(key))));
    }
    Markup.Element body = Markup.el("tbody").css("ui-datatable-data ui-widget-content");
    rows(orders, costs, msg, formats, contextPath).forEach(body::add);
    if (pager.total() == 0) {
      body.add(
          Markup.el("tr")
              .css("ui-widget-content ui-datatable-empty-message")
              .add(Markup.el("td").attr("colspan", "8").text(msg.getString("resources.empty"))));
    }
    Markup.Element list =
        Markup.el("div")
            .attr("id", "resource-list")
            .css("ui-datatable ui-widget fd-refreshing")
            .attr("data-refresh", Long.toString(refreshMillis))
            .add(
                Markup.el("div")
                    .css("ui-datatable-tablewrapper")
                    .attr("tabindex", "0")
                    .add(
                        Markup.el("table")
                            .attr("role", "grid")
                            .add(Markup.el("thead").add(head))
                            .add(body)));
    if (pager.previousUrl() != null || pager.nextUrl() != null) {
      list.add(pager(pager, msg, formats));
    }
    return list;
  }

  /**
   * "21–40 of 57", then the previous and next pages' links (a disabled button where there is none).
   */
  private static Markup pager(Pager pager, ResourceBundle msg, Formats formats) {
    long from = pager.shown() == 0 ? 0 : pager.first() + 1L;
    String showing =
        formats.message(
            msg.getString("resources.showing"),
            formats.number(from),
            formats.number(pager.first() + (long) pager.shown()),
            formats.number(pager.total()));
    return Markup.el("nav")
        .css("fd-toolbar fd-pager")
        .attr("aria-label", msg.getString("pager.label"))
        .add(Markup.el("span").attr("id", "resources-showing").text(showing))
        .add(pageLink("previous-page", pager.previousUrl(), msg.getString("pager.previous")))
        .add(pageLink("next-page", pager.nextUrl(), msg.getString("pager.next")));
  }

  /** A link to a page, or a disabled button where there is no such page. */
  private static Markup pageLink(String id, String url, String label) {
    return url == null
        ? Markup.el("span")
            .attr("id", id)
            .css("fd-button fd-button-secondary fd-disabled")
            .attr("aria-disabled", "true")
            .text(label)
        : Markup.el("a")
            .attr("id", id)
            .css("fd-button fd-button-secondary")
            .attr("href", url)
            .text(label);
  }

  /** The page's rows. */
  private static List<Markup> rows(
      List<ResourceRow> orders,
      Map<Long, BigDecimal> costs,
      ResourceBundle msg,
      Formats formats,
      String contextPath) {
    List<Markup> rows = new ArrayList<>(orders.size());
    int index = 0;
    for (ResourceRow r : orders) {
      String state = r.state().name();
      BigDecimal cost = costs.get(r.id());
      rows.add(
          Markup.row(index++, "resource-row")
              .add(
                  Markup.cell()
                      .add(
                          Markup.el("a")
                              .css("resource-name")
                              .attr("href", contextPath + "/resource.xhtml?id=" + r.id())
                              .text(r.name())))
              .add(
                  Markup.cell()
                      .add(
                          Markup.span(
                              "fd-state fd-state-" + state + " resource-state",
                              msg.getString("order.state." + state))))
              .add(Markup.cell().text(r.sizeCode()))
              .add(Markup.cell().text(r.providerName()))
              .add(Markup.cell().text(r.countryCode()))
              .add(Markup.cell().add(Markup.span("resource-ip", r.ipAddress())))
              .add(Markup.cell().add(Markup.span("resource-cost", formats.money(cost))))
              .add(Markup.cell().text(formats.dateTime(r.createdAt()))));
    }
    return rows;
  }
}
