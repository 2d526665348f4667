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
 * The resource list's rows ({@link Markup}, one component for the page of rows): a VM's name
 * linking to its page, its state, size, provider, country, address, cost so far and creation.
 */
final class ResourceRows {

  private ResourceRows() {}

  static List<Markup> write(
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
              .add(
                  Markup.cell()
                      .add(Markup.span("resource-cost", cost == null ? "" : cost.toPlainString())))
              .add(Markup.cell().text(formats.dateTime(r.createdAt()))));
    }
    return rows;
  }
}
