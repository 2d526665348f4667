package eu.federa.dashboard.web;

import eu.federa.billing.BudgetService;
import eu.federa.dashboard.DashboardCards;
import eu.federa.platform.i18n.Formats;
import eu.federa.platform.web.Markup;
import eu.federa.provisioning.ResourceSummary;
import eu.federa.quota.QuotaLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * The dashboard's greeting and cards (organisation, resources, quota, spend) as one piece of
 * markup: built from Faces components (some sixty, most of them conditional texts) they cost the
 * page more than the whole layout around them under load (docs/performance.md, "Sixth pass").
 * Element ids and classes are the ones the page always had; every text is escaped where {@link
 * Markup} is written.
 */
final class DashboardMarkup {

  private DashboardMarkup() {}

  /**
   * Who reads the dashboard.
   *
   * @param previousSignIn their previous sign-in as written for them, null for the first
   * @param tenantName their organisation, null for a user without one
   * @param role their role's name in it (a {@code TenantRole})
   * @param requestPending whether their onboarding request waits for a decision
   */
  record Reader(
      String givenName,
      String previousSignIn,
      String tenantName,
      String role,
      boolean requestPending) {

    boolean member() {
      return tenantName != null;
    }
  }

  /**
   * @param cards the organisation's cards, null for a user without one
   */
  static List<Markup> write(
      Reader reader,
      DashboardCards.Cards cards,
      ResourceBundle msg,
      Formats formats,
      String contextPath) {
    List<Markup> page = new ArrayList<>(3);
    page.add(
        Markup.el("p")
            .css("fd-welcome")
            .attr("id", "welcome")
            .text(format(msg, formats, "dashboard.welcome", reader.givenName())));
    page.add(
        Markup.el("p")
            .css("fd-muted")
            .attr("id", "sign-in-info")
            .text(
                reader.previousSignIn() == null
                    ? msg.getString("dashboard.firstSignIn")
                    : format(msg, formats, "dashboard.previousSignIn", reader.previousSignIn())));
    Markup.Element all =
        Markup.el("div").css("fd-cards").add(organisation(reader, msg, contextPath));
    ResourceSummary resources = cards == null ? null : cards.resources();
    all.add(resources(resources, msg, formats, contextPath));
    if (cards != null && cards.plan() != null) {
      all.add(quota(cards.plan(), cards.limits(), msg, formats));
    }
    if (cards != null && cards.spend() != null) {
      all.add(spend(cards.spend(), msg, formats, contextPath));
    }
    page.add(all);
    return page;
  }

  private static Markup.Element card(String id, String title) {
    return Markup.el("section").css("fd-card").attr("id", id).add(Markup.el("h2").text(title));
  }

  private static Markup.Element link(String id, String href, String text) {
    return Markup.el("p").add(Markup.el("a").attr("id", id).attr("href", href).text(text));
  }

  private static Markup organisation(Reader reader, ResourceBundle msg, String contextPath) {
    Markup.Element card = card("card-organisation", msg.getString("dashboard.organisation.title"));
    if (reader.member()) {
      return card.add(
              Markup.el("p")
                  .attr("id", "organisation-name")
                  .add(Markup.el("strong").text(reader.tenantName()))
                  .text(" · " + text(msg, "role." + reader.role(), reader.role())))
          .add(
              link(
                  "open-team",
                  contextPath + "/team.xhtml",
                  msg.getString("dashboard.organisation.team")));
    }
    return card.add(Markup.el("p").text(msg.getString("dashboard.organisation.none")))
        .add(
            link(
                "request-onboarding",
                contextPath + "/onboarding.xhtml",
                msg.getString(
                    reader.requestPending()
                        ? "dashboard.organisation.pending"
                        : "dashboard.organisation.request")));
  }

  /** The resources card; {@code summary} null for a user without an organisation. */
  private static Markup resources(
      ResourceSummary summary, ResourceBundle msg, Formats formats, String contextPath) {
    Markup.Element card = card("card-resources", msg.getString("dashboard.resources.title"));
    if (summary == null || summary.none()) {
      card.add(
          Markup.el("p")
              .attr("id", "resources-none")
              .text(msg.getString("dashboard.resources.none")));
      if (summary != null) {
        card.add(
            link(
                "order-first",
                contextPath + "/catalog.xhtml",
                msg.getString("dashboard.resources.first")));
      }
      return card;
    }
    Markup.Element facts = Markup.el("dl").css("fd-facts");
    fact(
        facts,
        msg.getString("dashboard.resources.running"),
        "resources-running",
        formats.number(summary.running()));
    fact(
        facts,
        msg.getString("dashboard.resources.stopped"),
        "resources-stopped",
        formats.number(summary.stopped()));
    if (summary.underWay() > 0) {
      fact(
          facts,
          msg.getString("dashboard.resources.underWay"),
          "resources-under-way",
          formats.number(summary.underWay()));
    }
    if (summary.awaitingApproval() > 0) {
      fact(
          facts,
          msg.getString("dashboard.resources.awaiting"),
          "resources-awaiting",
          formats.number(summary.awaitingApproval()));
    }
    fact(
        facts,
        msg.getString("dashboard.resources.ai"),
        "resources-ai",
        formats.number(summary.aiServices()));
    return card.add(facts)
        .add(
            link(
                "open-resources",
                contextPath + "/resources.xhtml",
                msg.getString("dashboard.resources.open")));
  }

  private static Markup quota(
      String plan, QuotaLimits limits, ResourceBundle msg, Formats formats) {
    String unlimited = msg.getString("quota.unlimited");
    Markup.Element facts = Markup.el("dl").css("fd-facts");
    fact(
        facts,
        msg.getString("quota.resource.VCPU"),
        "quota-vcpu",
        limit(limits.vcpu(), formats::number, unlimited));
    fact(
        facts,
        msg.getString("dashboard.quota.memory"),
        "quota-memory",
        limit(limits.memoryMib(), formats::mibAsGib, unlimited));
    fact(
        facts,
        msg.getString("quota.resource.GPUS"),
        "quota-gpus",
        limit(limits.gpus(), formats::number, unlimited));
    fact(
        facts,
        msg.getString("quota.vms"),
        "quota-vms",
        limit(limits.vms(), formats::number, unlimited));
    fact(
        facts,
        msg.getString("dashboard.quota.disk"),
        "quota-disk",
        limit(limits.diskGib(), formats::gib, unlimited));
    fact(
        facts,
        msg.getString("quota.ai"),
        "quota-ai",
        limit(limits.aiEndpoints(), formats::number, unlimited));
    fact(
        facts,
        msg.getString("dashboard.quota.budget"),
        "quota-budget",
        limit(limits.monthlyBudgetEur(), formats::money, unlimited));
    return card("card-quota", msg.getString("dashboard.quota.title"))
        .add(Markup.el("p").attr("id", "quota-plan").text(text(msg, "quota.plan." + plan, plan)))
        .add(facts);
  }

  private static Markup spend(
      BudgetService.Status spend, ResourceBundle msg, Formats formats, String contextPath) {
    Markup.Element card =
        card("card-spend", msg.getString("billing.spentTitle"))
            .add(
                Markup.el("p")
                    .css("fd-amount")
                    .attr("id", "spend-amount")
                    .text(formats.money(spend.spentEur())));
    if (spend.budgetEur() != null) {
      card.add(
          Markup.el("p")
              .text(
                  format(
                      msg,
                      formats,
                      "budget.status",
                      formats.money(spend.spentEur()),
                      formats.money(spend.budgetEur()),
                      formats.percent(spend.percentSpent()))));
    }
    if (spend.alertsRaised().contains(100)) {
      card.add(
          Markup.el("div")
              .css("fd-warning fd-budget-alert")
              .attr("id", "dashboard-budget-100")
              .text(msg.getString(spend.blocking() ? "budget.blocked" : "budget.reached")));
    } else if (spend.alertsRaised().contains(75)) {
      card.add(
          Markup.el("div")
              .css("fd-warning fd-budget-alert")
              .attr("id", "dashboard-budget-75")
              .text(msg.getString("budget.nearly")));
    }
    return card.add(
        link(
            "open-billing", contextPath + "/billing.xhtml", msg.getString("dashboard.spend.open")));
  }

  private static void fact(Markup.Element list, String term, String id, String value) {
    list.add(Markup.el("dt").text(term)).add(Markup.el("dd").attr("id", id).text(value));
  }

  private static <T> String limit(T value, Function<T, String> written, String unlimited) {
    return value == null ? unlimited : written.apply(value);
  }

  /** A message with arguments, in the reader's language. */
  private static String format(
      ResourceBundle msg, Formats formats, String key, Object... arguments) {
    return formats.message(msg.getString(key), arguments);
  }

  /** A message, or {@code otherwise} for a key the bundles lack (a plan a platform admin added). */
  private static String text(ResourceBundle msg, String key, String otherwise) {
    return msg.containsKey(key) ? msg.getString(key) : otherwise;
  }
}
