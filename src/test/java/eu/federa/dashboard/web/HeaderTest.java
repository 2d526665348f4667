package eu.federa.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.web.MarkupComponent;
import eu.federa.tenancy.MyMembership;
import eu.federa.tenancy.TenantRole;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderTest {

  private static final ResourceBundle EN =
      ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.ENGLISH);

  private static MyMembership in(long id, String name) {
    return new MyMembership(id, name, TenantRole.MEMBER, false, null, Set.of());
  }

  private static String html(Header.Reader reader) {
    return MarkupComponent.html(Header.write(reader, EN, "/federa"));
  }

  @Test
  void aMemberOfOneOrganisationSeesItsNameTheMenuAndSignOutWithTheSessionsToken() {
    String html =
        html(
            new Header.Reader(
                7L,
                "Acme",
                List.of(in(7, "Acme")),
                "Mia Member",
                "en",
                "/catalog.xhtml?gpu=1",
                "tok123"));
    assertThat(html)
        .startsWith(
            "<span class=\"fd-tenant\" title=\"Organisation\" id=\"tenant-name\">Acme</span>"
                + "<a class=\"fd-user\" id=\"user-name\" href=\"/federa/profile.xhtml\""
                + " title=\"Your profile\">Mia Member</a>")
        .doesNotContain("tenant-switch")
        .contains(
            "<details class=\"fd-language\" id=\"language-menu\"><summary id=\"language-current\""
                + " title=\"Language\"><span class=\"fd-sr-only\">Language: </span>EN</summary>"
                + "<form method=\"post\" action=\"/federa/language\" id=\"language-form\""
                + " class=\"fd-language-choices\"><input type=\"hidden\" name=\"_csrf\""
                + " value=\"tok123\"><input type=\"hidden\" name=\"back\""
                + " value=\"/catalog.xhtml?gpu=1\">")
        .contains(
            "<button type=\"submit\" name=\"lang\" value=\"en\" id=\"lang-en\" lang=\"en\""
                + " class=\"fd-link-button fd-active\">English</button>")
        .contains(
            "<button type=\"submit\" name=\"lang\" value=\"sl\" id=\"lang-sl\" lang=\"sl\""
                + " class=\"fd-link-button\">Slovenščina</button>")
        .endsWith(
            "<form method=\"post\" action=\"/federa/logout\" class=\"fd-logout\"><input"
                + " type=\"hidden\" name=\"_csrf\" value=\"tok123\"><button type=\"submit\""
                + " id=\"logout\">Sign out</button></form>");
  }

  @Test
  void everyLanguageIsOfferedByItsOwnNameAndTheCurrentOneMarked() {
    String html =
        html(new Header.Reader(null, null, List.of(), "Lena", "pl", "/dashboard.xhtml", "t"));
    for (Locale locale : SupportedLanguages.ALL) {
      assertThat(Header.LANGUAGE_NAMES).containsKey(locale.getLanguage());
      assertThat(html).contains("id=\"lang-" + locale.getLanguage() + "\"");
    }
    assertThat(html)
        .contains("id=\"tenant-name\">No organisation yet</span>")
        .contains("</span>PL</summary>")
        .contains("id=\"lang-pl\" lang=\"pl\" class=\"fd-link-button fd-active\">Polski</button>")
        .containsOnlyOnce("fd-active");
  }

  @Test
  void theSwitchOffersTheOtherOrganisationsAndEscapesNames() {
    String html =
        html(
            new Header.Reader(
                2L,
                "Beta",
                List.of(in(1, "A&B <Labs>"), in(2, "Beta"), in(3, "Gamma\"")),
                "<Theo>",
                "de",
                "/resources.xhtml?project=2&first=20",
                "tok"));
    assertThat(html)
        .contains(
            "<form method=\"post\" action=\"/federa/organisation\" id=\"tenant-switch\""
                + " class=\"fd-tenant-switch\"><input type=\"hidden\" name=\"_csrf\" value=\"tok\">"
                + "<span class=\"fd-sr-only\">Switch organisation</span>"
                + "<button type=\"submit\" name=\"tenant\" value=\"1\" class=\"fd-link-button"
                + " fd-tenant-choice\">A&amp;B &lt;Labs&gt;</button>"
                + "<button type=\"submit\" name=\"tenant\" value=\"3\" class=\"fd-link-button"
                + " fd-tenant-choice\">Gamma&quot;</button></form>")
        .doesNotContain("value=\"2\"")
        .contains(">&lt;Theo&gt;</a>")
        .contains("name=\"back\" value=\"/resources.xhtml?project=2&amp;first=20\"");
  }
}
