package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkupTest {

  private static String html(Object markup) throws Exception {
    return MarkupComponent.html(markup);
  }

  @Test
  void rowsAreWrittenWithTheirStripesCellsAndEscapedData() throws Exception {
    List<Markup> rows =
        List.of(
            Markup.row(0, "offer-row")
                .add(Markup.cell().add(Markup.span("offer-image", "<script>alert(1)</script>")))
                .add(
                    Markup.cell().add(Markup.el("a").attr("href", "/x?a=1&b=\"2\"").text("Order"))),
            Markup.row(1, null).add(Markup.cell().text("Tom & Jerry")));
    assertThat(html(rows))
        .isEqualTo(
            "<tr class=\"ui-widget-content ui-datatable-even offer-row\" role=\"row\">"
                + "<td role=\"gridcell\"><span class=\"offer-image\">"
                + "&lt;script&gt;alert(1)&lt;/script&gt;</span></td>"
                + "<td role=\"gridcell\"><a href=\"/x?a=1&amp;b=&quot;2&quot;\">Order</a></td></tr>"
                + "<tr class=\"ui-widget-content ui-datatable-odd\" role=\"row\">"
                + "<td role=\"gridcell\">Tom &amp; Jerry</td></tr>");
  }

  @Test
  void onlyTheTablesElementsAndPlainAttributesCanBeMade() throws Exception {
    assertThatThrownBy(() -> Markup.el("script")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Markup.el("td").attr("onclick", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Markup.el("td").attr("a\" b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad : new String[] {"", "-x", "Title", "data_x", "x1", "title ", "on"}) {
      assertThatThrownBy(() -> Markup.el("td").attr(bad, "x"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(html(Markup.el("td").attr("aria-label", "a").attr("scope", "col")))
        .isEqualTo("<td aria-label=\"a\" scope=\"col\"></td>");
    assertThatThrownBy(() -> html(List.of("<b>raw</b>")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotesAndControlCharactersCannotLeaveATextOrAnAttribute() throws Exception {
    assertThat(
            html(
                Markup.el("a")
                    .attr("title", "it's \"x\" <b>")
                    .text("a\u0000b\u0007c\td\ne \"q\" 'o'")))
        .isEqualTo(
            "<a title=\"it&#39;s &quot;x&quot; &lt;b&gt;\">a b c\td\ne &quot;q&quot; 'o'</a>");
    assertThat(html(Markup.el("br"))).isEqualTo("<br>");
  }

  @Test
  void nullValuesEmptyTextsAndBlankClassesAreLeftOut() throws Exception {
    assertThat(html(Markup.el("span").css(" ").attr("title", null).text("").text(null)))
        .isEqualTo("<span></span>");
    assertThat(html(null)).isEmpty();
  }
}
