package eu.federa.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.billing.BudgetService;
import eu.federa.dashboard.DashboardCards;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.web.MarkupComponent;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.quota.QuotaLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class DashboardMarkupTest {

  private static final ResourceBundle EN =
      ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.ENGLISH);
  private static final Formats EN_FORMATS = Formats.of(Locale.ENGLISH, null);

  private static String html(DashboardMarkup.Reader reader, DashboardCards.Cards cards) {
    return html(reader, cards, EN, EN_FORMATS);
  }

  private static String html(
      DashboardMarkup.Reader reader,
      DashboardCards.Cards cards,
      ResourceBundle msg,
      Formats formats) {
    return MarkupComponent.html(DashboardMarkup.write(reader, cards, msg, formats, "/federa"));
  }

  private static final DashboardMarkup.Reader THEO =
      new DashboardMarkup.Reader("Theo", "2 Dec 2026, 10:00 UTC", "Acme", "TENANT_ADMIN", false);

  @Test
  void aMembersCardsShowTheirFiguresWithTheIdsThePageAlwaysHad() {
    DashboardCards.Cards cards =
        new DashboardCards.Cards(
            new ResourceSummary(3, 1, 0, 2, 1),
            "standard",
            new QuotaLimits(16, 32768L, null, 10, 500, 2, new BigDecimal("10000.00")),
            new BudgetService.Status(
                new BigDecimal("100.00"),
                BudgetService.ALERT,
                new BigDecimal("80.50"),
                new BigDecimal("120.00"),
                80,
                List.of(75)));
    String html = html(THEO, cards);

    assertThat(html)
        .startsWith(
            "<p class=\"fd-welcome\" id=\"welcome\">Welcome, Theo</p>"
                + "<p class=\"fd-muted\" id=\"sign-in-info\">Your previous sign-in: 2 Dec 2026,"
                + " 10:00 UTC</p><div class=\"fd-cards\">")
        .contains(
            "<section class=\"fd-card\" id=\"card-organisation\"><h2>Your organisation</h2>"
                + "<p id=\"organisation-name\"><strong>Acme</strong> · Administrator</p>"
                + "<p><a id=\"open-team\" href=\"/federa/team.xhtml\">Your team</a></p></section>")
        .contains("<dd id=\"resources-running\">3</dd>")
        .contains("<dd id=\"resources-stopped\">1</dd>")
        .doesNotContain("resources-under-way")
        .contains("<dt>Awaiting approval</dt><dd id=\"resources-awaiting\">2</dd>")
        .contains("<dd id=\"resources-ai\">1</dd>")
        .contains("<a id=\"open-resources\" href=\"/federa/resources.xhtml\">")
        .contains("<p id=\"quota-plan\">Plan: Standard</p>")
        .contains("<dt>vCPU</dt><dd id=\"quota-vcpu\">16</dd>")
        .contains("<dd id=\"quota-gpus\">unlimited</dd>")
        .contains("<dd id=\"quota-budget\">€10,000.00</dd>")
        .contains("<p class=\"fd-amount\" id=\"spend-amount\">€80.50</p>")
        .contains("<p>€80.50 of €100.00 spent (80%).</p>")
        .contains(
            "<div class=\"fd-warning fd-budget-alert\" id=\"dashboard-budget-75\">75 % of the"
                + " budget is spent.</div>")
        .doesNotContain("dashboard-budget-100")
        .endsWith(
            "<p><a id=\"open-billing\" href=\"/federa/billing.xhtml\">Costs, budget and"
                + " invoices</a></p></section></div>");
  }

  @Test
  void aSpentBudgetThatBlocksSaysSoAndNotTheNearlyWarning() {
    DashboardCards.Cards cards =
        new DashboardCards.Cards(
            new ResourceSummary(1, 0, 1, 0, 0),
            "starter",
            new QuotaLimits(null, null, null, null, null, null, null),
            new BudgetService.Status(
                new BigDecimal("50.00"),
                BudgetService.BLOCK,
                new BigDecimal("50.00"),
                null,
                100,
                List.of(75, 100)));
    String html = html(THEO, cards);
    assertThat(html)
        .contains("<dd id=\"resources-under-way\">1</dd>")
        .contains("<dd id=\"quota-budget\">unlimited</dd>")
        .contains(
            "<div class=\"fd-warning fd-budget-alert\" id=\"dashboard-budget-100\">The budget is"
                + " spent. New orders are blocked until the month ends.</div>")
        .doesNotContain("dashboard-budget-75");
  }

  @Test
  void aMemberWithoutBillingOrQuotaSeesNeitherCardAndIsPointedToTheCatalog() {
    String html =
        html(
            new DashboardMarkup.Reader("Mia", null, "Acme", "MEMBER", false),
            new DashboardCards.Cards(new ResourceSummary(0, 0, 0, 0, 0), null, null, null));
    assertThat(html)
        .contains(
            "<p class=\"fd-muted\" id=\"sign-in-info\">This is your first sign-in to Federa.</p>")
        .contains("· Member</p>")
        .contains("<p id=\"resources-none\">You have no virtual machines or AI services yet.</p>")
        .contains("<a id=\"order-first\" href=\"/federa/catalog.xhtml\">")
        .doesNotContain("card-quota")
        .doesNotContain("card-spend");
  }

  @Test
  void someoneWithoutOrganisationIsOfferedOnboardingOrToldItWaits() {
    String asked = html(new DashboardMarkup.Reader("Lena", null, null, null, false), null);
    assertThat(asked)
        .contains("<p>You do not belong to an organisation yet.</p>")
        .contains(
            "<a id=\"request-onboarding\" href=\"/federa/onboarding.xhtml\">Request onboarding of"
                + " your organisation</a>")
        .contains("<p id=\"resources-none\">")
        .doesNotContain("order-first")
        .doesNotContain("organisation-name");
    assertThat(html(new DashboardMarkup.Reader("Lena", null, null, null, true), null))
        .contains("Your onboarding request is waiting for a decision");
  }

  @Test
  void namesAreEscapedAndAPlanWithoutTranslationShowsItsCode() {
    String html =
        html(
            new DashboardMarkup.Reader("<b>Eve</b>", null, "A&B <script>", "MEMBER", false),
            new DashboardCards.Cards(
                new ResourceSummary(0, 0, 0, 0, 0),
                "gold-2027",
                new QuotaLimits(1, 1024L, 0, 1, 10, 0, null),
                null));
    assertThat(html)
        .contains("Welcome, &lt;b&gt;Eve&lt;/b&gt;")
        .contains("<strong>A&amp;B &lt;script&gt;</strong>")
        .contains("<p id=\"quota-plan\">gold-2027</p>")
        .doesNotContain("<script>")
        .doesNotContain("<b>");
  }

  @Test
  void textsAndFiguresFollowTheReadersLanguage() {
    ResourceBundle fr = ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH);
    String html =
        html(
            new DashboardMarkup.Reader("Théo", null, "Acme", "TENANT_ADMIN", false),
            new DashboardCards.Cards(
                new ResourceSummary(1234, 0, 0, 0, 0),
                "standard",
                new QuotaLimits(null, null, null, null, null, null, new BigDecimal("1234.5")),
                null),
            fr,
            Formats.of(Locale.FRENCH, null));
    assertThat(html)
        .contains("Bienvenue, Théo")
        .contains("<p id=\"quota-plan\">Plan\u00a0: Standard</p>")
        .contains("<dd id=\"quota-budget\">1\u202f234,50\u00a0€</dd>")
        .contains("<dd id=\"resources-running\">1\u202f234</dd>");
  }
}
