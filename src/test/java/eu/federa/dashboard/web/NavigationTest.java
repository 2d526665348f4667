package eu.federa.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.web.MarkupComponent;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class NavigationTest {

  private static final List<String> EVERYONE =
      List.of("dashboard", "catalog", "ai", "usage", "resources", "firewall", "volumes", "backups");

  @Test
  void eachRoleSeesItsLinks() {
    // A member without billing: no billing, exports, audit or exit.
    assertThat(Navigation.visible(new Navigation.Viewer(true, false, false, false, false)))
        .containsExactlyElementsOf(concat(EVERYONE, List.of("team")));
    // A tenant admin who is also a platform admin.
    assertThat(Navigation.visible(new Navigation.Viewer(true, true, true, true, true)))
        .containsExactlyElementsOf(
            concat(EVERYONE, List.of("billing", "team", "exports", "audit", "exit", "admin")));
    // Someone in no organisation: billing (to see there is none) and the exit records.
    assertThat(Navigation.visible(new Navigation.Viewer(false, false, false, false, false)))
        .containsExactlyElementsOf(concat(EVERYONE, List.of("billing", "team", "exit-records")));
  }

  @Test
  void theCurrentPageIsMarkedAndTextsAreEscaped() throws Exception {
    ResourceBundle msg =
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {
              {"nav.catalog", "Catalogue <new>"},
              {"nav.admin", "Admin"},
              {"nav.exitRecords", "Exits"}
            };
          }
        };
    assertThat(
            MarkupComponent.html(
                Navigation.write(List.of("catalog", "exit-records", "admin"), "admin", msg, "/f")))
        .isEqualTo(
            "<a id=\"nav-catalog\" href=\"/f/catalog.xhtml\">Catalogue &lt;new&gt;</a>"
                + "<a id=\"nav-exit-records\" href=\"/f/exit-records.xhtml\">Exits</a>"
                + "<a id=\"nav-admin\" href=\"/f/admin/index.xhtml\" class=\"fd-active\""
                + " aria-current=\"page\">Admin</a>");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
