package eu.federa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.DemoAcme;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #19: no page asks the database once a row. Theo, Acme's admin, opens each page whose lists
 * grow with an organisation (projects, members, orders); the SQL statements each page view cost are
 * read from {@code federa_http_request_queries_total}, once Acme has 30 more projects, 30 more
 * members in a project and 30 more orders waiting for approval, and again with 60 of each: every
 * page must cost the same number of statements; the rows are removed again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueryCountBrowserIT extends BrowserSupport {

  private static final int MORE = 30;
  private static final String MARK = "qc-";

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  @Test
  void everyPageCostsTheSameQueriesWithMoreRows() throws Exception {
    DemoAcme demo = DemoAcme.read();
    long acme = demo.tenantId();
    long project = demo.projectId();
    List<String> pages =
        List.of(
            "dashboard.xhtml",
            "resources.xhtml",
            "team.xhtml",
            "project.xhtml?id=" + project,
            "usage.xhtml",
            "billing.xhtml",
            "catalog.xhtml",
            "ai.xhtml",
            "ai-keys.xhtml",
            "service-accounts.xhtml",
            "volumes.xhtml",
            "backups.xhtml",
            "firewall.xhtml",
            "audit.xhtml");
    newBrowser();
    signIn(portal.toString(), "theo");
    try {
      // Every list has rows first (a list's first row may cost its one look-up of names), then
      // twice as many.
      addRows(acme, project, 1, MORE);
      Map<String, Double> before = queriesOf(pages);
      addRows(acme, project, MORE + 1, 2 * MORE);
      Map<String, Double> after = queriesOf(pages);
      // The added rows are on the pages that list them (the team's members 25 a page).
      browser.get(portal + "team.xhtml");
      waitForPortal();
      assertThat(browser.findElements(org.openqa.selenium.By.cssSelector(".member-row")))
          .hasSize(25);
      assertThat(
              byId("team:members")
                  .findElements(org.openqa.selenium.By.cssSelector(".ui-paginator-page")))
          .as("pages of 25 of at least 60 members")
          .hasSizeGreaterThanOrEqualTo(3);
      // The team's projects 25 a page by name.
      assertThat(
              byId("team:projects")
                  .findElements(org.openqa.selenium.By.cssSelector(".project-link")))
          .hasSize(25);
      assertThat(
              byId("team:projects")
                  .findElements(org.openqa.selenium.By.cssSelector(".ui-paginator-page")))
          .as("pages of 25 of at least 60 projects")
          .hasSizeGreaterThanOrEqualTo(3);
      browser.get(portal + "project.xhtml?id=" + project);
      waitForPortal();
      assertThat(browser.findElements(org.openqa.selenium.By.cssSelector(".project-member-row")))
          .as("a project's members 25 a page")
          .hasSize(25);
      assertThat(
              byId("project-team:project-members")
                  .findElements(org.openqa.selenium.By.cssSelector(".ui-paginator-page")))
          .as("pages of 25 of at least 60 members of the project")
          .hasSizeGreaterThanOrEqualTo(3);
      browser.get(portal + "resources.xhtml");
      waitForPortal();
      assertThat(browser.getPageSource()).contains(MARK + "vm-");
      // Resources 20 a page, newest first, the next page read from the database on demand.
      assertThat(browser.findElements(org.openqa.selenium.By.cssSelector(".resource-row")))
          .hasSize(20);
      assertThat(text("resources-showing")).startsWith("1\u201320 of ");
      // The pager is links (the page is the address's): the next page is a page of its own.
      assertThat(byId("next-page").getAttribute("href")).endsWith("resources.xhtml?first=20");
      byId("next-page").click();
      wait.until(
          org.openqa.selenium.support.ui.ExpectedConditions.textMatches(
              org.openqa.selenium.By.id("resources-showing"),
              java.util.regex.Pattern.compile("^21\u201340 of ")));
      assertThat(browser.findElements(org.openqa.selenium.By.cssSelector(".resource-row")))
          .hasSize(20);
      System.out.println(
          "Statements per page view, with " + MORE + " and with " + 2 * MORE + " rows added:");
      before.forEach(
          (page, q) -> System.out.println("  " + page + ": " + q + " / " + after.get(page)));
      List<String> grew = new ArrayList<>();
      before.forEach(
          (page, queries) -> {
            if (after.get(page) > queries) {
              grew.add(
                  page + ": " + queries + " statements, " + after.get(page) + " with more rows");
            }
          });
      assertThat(before.values()).allSatisfy(q -> assertThat(q).isPositive());
      // The catalog asks what the bare page asks: the request's first statement (the account, the
      // memberships and the reference data's revision); its listing and prices are kept per node.
      assertThat(before.get("catalog.xhtml")).as("statements of the catalog").isEqualTo(1.0);
      assertThat(grew).as("pages whose queries grow with the rows they show").isEmpty();
    } finally {
      removeRows(acme);
    }
  }

  /** Each page opened twice (the first view may fill caches); the statements of the second. */
  private Map<String, Double> queriesOf(List<String> pages) throws Exception {
    Map<String, Double> queries = new LinkedHashMap<>();
    for (String page : pages) {
      browser.get(portal + page);
      waitForPortal();
      String route = "/" + page.replaceAll("\\?.*", "");
      Map<String, String> labels = Map.of("route", route, "method", "GET");
      String before = MetricsBrowserIT.scrape();
      browser.get(portal + page);
      waitForPortal();
      String after = MetricsBrowserIT.scrape();
      double views =
          MetricsBrowserIT.value(after, "federa_http_requests_seconds_count", labels)
              - MetricsBrowserIT.value(before, "federa_http_requests_seconds_count", labels);
      double statements =
          MetricsBrowserIT.value(after, "federa_http_request_queries_total", labels)
              - MetricsBrowserIT.value(before, "federa_http_request_queries_total", labels);
      assertThat(views).as(page + " viewed once").isEqualTo(1);
      queries.put(page, statements);
    }
    return queries;
  }

  /** Projects, members (in {@code project}) and orders numbered {@code from} to {@code to}. */
  private static void addRows(long acme, long project, int from, int to) throws Exception {
    String seq = "seq_" + from + "_to_" + to;
    try (Connection db = TestStack.database();
        Statement s = db.createStatement()) {
      s.executeUpdate(
          "INSERT INTO project (tenant_id, name, description, created_at) SELECT "
              + acme
              + ", CONCAT('"
              + MARK
              + "project-', seq), 'more', UTC_TIMESTAMP(6) FROM "
              + seq);
      s.executeUpdate(
          "INSERT INTO portal_user (subject, username, email, display_name, first_sign_in_at,"
              + " last_sign_in_at) SELECT CONCAT('"
              + MARK
              + "', seq), CONCAT('"
              + MARK
              + "user-', seq), CONCAT('"
              + MARK
              + "user-', seq, '@acme-analytics.example'), CONCAT('Member ', seq),"
              + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM "
              + seq);
      s.executeUpdate(
          "INSERT INTO tenant_membership (tenant_id, user_subject, role, created_at) SELECT "
              + acme
              + ", CONCAT('"
              + MARK
              + "', seq), 'MEMBER', UTC_TIMESTAMP(6) FROM "
              + seq);
      s.executeUpdate(
          "INSERT INTO project_member (membership_id, project_id) SELECT id, "
              + project
              + " FROM tenant_membership WHERE user_subject LIKE '"
              + MARK
              + "%' AND id NOT IN (SELECT membership_id FROM project_member)");
      s.executeUpdate(
          "INSERT INTO vm_order (tenant_id, project_id, requested_by, idempotency_key, name,"
              + " image_code, size_code, vcpu, memory_mib, disk_gib, gpus, state, created_at,"
              + " updated_at) SELECT "
              + acme
              + ", "
              + project
              + ", 'mia', CONCAT('"
              + MARK
              + "', seq), CONCAT('"
              + MARK
              + "vm-', seq), 'ubuntu-24.04', 's-2', 2, 4096, 40, 0, 'AWAITING_APPROVAL',"
              + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM "
              + seq);
    }
  }

  private static void removeRows(long acme) throws Exception {
    try (Connection db = TestStack.database();
        Statement s = db.createStatement()) {
      s.executeUpdate(
          "DELETE FROM vm_order WHERE tenant_id = " + acme + " AND name LIKE '" + MARK + "%'");
      s.executeUpdate("DELETE FROM tenant_membership WHERE user_subject LIKE '" + MARK + "%'");
      s.executeUpdate("DELETE FROM portal_user WHERE subject LIKE '" + MARK + "%'");
      s.executeUpdate(
          "DELETE FROM project WHERE tenant_id = " + acme + " AND name LIKE '" + MARK + "%'");
    }
  }
}
