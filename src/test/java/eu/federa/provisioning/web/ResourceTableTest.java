package eu.federa.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.web.MarkupComponent;
import eu.federa.provisioning.OrderState;
import eu.federa.provisioning.ResourceRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ResourceTableTest {

  private static final ResourceBundle MSG =
      new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
          return new Object[][] {
            {"order.name", "Name"},
            {"resource.state", "État"},
            {"catalog.size", "Taille"},
            {"catalog.provider", "Fournisseur"},
            {"catalog.country", "Pays"},
            {"resource.costSoFar", "Coût"},
            {"resource.created", "Créée"},
            {"resources.empty", "Rien <encore>"},
            {"resources.showing", "{0}\u2013{1} sur {2}"},
            {"pager.label", "Pages de la liste"},
            {"pager.previous", "Page précédente"},
            {"pager.next", "Page suivante"},
            {"order.state.RUNNING", "En marche"},
            {"order.state.DEPLOYING", "Déploiement"}
          };
        }
      };

  private static final Formats FRENCH = Formats.of(Locale.FRENCH, ZoneOffset.UTC);

  private static final ResourceRow WEB =
      new ResourceRow(
          7,
          "web <b>\"1\"</b>",
          OrderState.RUNNING,
          "m1.small",
          "Nordcloud",
          "FI",
          "10.0.0.7",
          Instant.parse("2026-12-06T10:15:00Z"));

  @Test
  void aPageInTheMiddleHasItsRowsHeadingsAndBothPageLinks() {
    ResourceRow deploying =
        new ResourceRow(8, "db", OrderState.DEPLOYING, "m1.large", "Nordcloud", "FI", null, null);
    String html =
        MarkupComponent.html(
            ResourceTable.write(
                List.of(WEB, deploying),
                Map.of(7L, new BigDecimal("12.50")),
                new ResourceTable.Pager(
                    1200,
                    2,
                    1234,
                    "/f/resources.xhtml?first=1180",
                    "/f/resources.xhtml?first=1220"),
                3000,
                MSG,
                FRENCH,
                "/f"));
    assertThat(html)
        .startsWith(
            "<div id=\"resource-list\" class=\"ui-datatable ui-widget fd-refreshing\""
                + " data-refresh=\"3000\"><div class=\"ui-datatable-tablewrapper\" tabindex=\"0\">"
                + "<table role=\"grid\"><thead><tr role=\"row\"><th class=\"ui-state-default\""
                + " scope=\"col\" role=\"columnheader\"><span class=\"ui-column-title\">Name</span>")
        .contains("<span class=\"ui-column-title\">IP</span>")
        .contains("<span class=\"ui-column-title\">Créée</span></th></tr></thead>")
        .as("a name is text, never markup")
        .contains(
            "<a class=\"resource-name\" href=\"/f/resource.xhtml?id=7\">web &lt;b&gt;&quot;1&quot;"
                + "&lt;/b&gt;</a>")
        .contains("fd-state-RUNNING resource-state\">En marche</span>")
        .as("money as the reader writes it")
        .contains("<span class=\"resource-cost\">12,50\u00a0\u20ac</span>")
        .contains("ui-datatable-odd resource-row")
        .doesNotContain("ui-datatable-empty-message")
        .as("the pager's figures in the reader's format")
        .contains(
            "<nav class=\"fd-toolbar fd-pager\" aria-label=\"Pages de la liste\">"
                + "<span id=\"resources-showing\">1\u202f201\u20131\u202f202 sur 1\u202f234</span>")
        .contains(
            "<a id=\"previous-page\" class=\"fd-button fd-button-secondary\""
                + " href=\"/f/resources.xhtml?first=1180\">Page précédente</a>")
        .contains(
            "<a id=\"next-page\" class=\"fd-button fd-button-secondary\""
                + " href=\"/f/resources.xhtml?first=1220\">Page suivante</a></nav></div>");
  }

  @Test
  void theFirstPageHasNoLinkBackAndOnePageNoPagerAtAll() {
    String first =
        MarkupComponent.html(
            ResourceTable.write(
                List.of(WEB),
                Map.of(),
                new ResourceTable.Pager(0, 1, 21, null, "/f/resources.xhtml?first=20"),
                15000,
                MSG,
                FRENCH,
                "/f"));
    assertThat(first)
        .contains(
            "<span id=\"previous-page\" class=\"fd-button fd-button-secondary fd-disabled\""
                + " aria-disabled=\"true\">Page précédente</span>")
        .contains("<span id=\"resources-showing\">1\u20131 sur 21</span>")
        .as("no cost known yet: an empty cell")
        .contains("<span class=\"resource-cost\"></span>");
    String only =
        MarkupComponent.html(
            ResourceTable.write(
                List.of(WEB),
                Map.of(),
                new ResourceTable.Pager(0, 1, 1, null, null),
                15000,
                MSG,
                FRENCH,
                "/f"));
    assertThat(only).doesNotContain("fd-pager").doesNotContain("resources-showing");
  }

  @Test
  void anEmptyListSaysWhatToDoNext() {
    String html =
        MarkupComponent.html(
            ResourceTable.write(
                List.of(),
                Map.of(),
                new ResourceTable.Pager(0, 0, 0, null, null),
                15000,
                MSG,
                FRENCH,
                "/f"));
    assertThat(html)
        .contains(
            "<tbody class=\"ui-datatable-data ui-widget-content\"><tr class=\"ui-widget-content"
                + " ui-datatable-empty-message\"><td colspan=\"8\">Rien &lt;encore&gt;</td></tr>"
                + "</tbody>")
        .doesNotContain("fd-pager");
  }
}
