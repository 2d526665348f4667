package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.CodeNames;
import eu.federa.testsupport.DemoAcme;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.EnglishLeft;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue #19: what a form answers to a mistake, in the reader's language. The accessibility walk
 * reads pages as they load; the messages a form shows only once it is sent (a service's field
 * errors, Faces' own conversion messages, Bean Validation's) are read here: each role sends its
 * main forms with a mistake in its walk's language (German for a member, Polish for a tenant admin,
 * French for a platform admin). Every message must be there, in that language (no text of the
 * English bundles, no sentence of English, no message key, no unfilled placeholder, no code name),
 * announced to a screen reader (inside an alert or a live region), with the field it names marked
 * invalid; no error page, and nothing saved.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormErrorsBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /**
   * A form sent with a mistake: the page ({@code {project}}: Acme's first project, {@code
   * {tenant}}: Acme), the button that sends it, whether it asks for a confirmation first, and the
   * fields' values (id, value).
   */
  private record Mistake(
      String page, String button, boolean confirmed, Map<String, String> fields) {

    static Mistake of(String page, String button, String... idsAndValues) {
      return new Mistake(page, button, false, fields(idsAndValues));
    }

    static Mistake confirmed(String page, String button, String... idsAndValues) {
      return new Mistake(page, button, true, fields(idsAndValues));
    }

    private static Map<String, String> fields(String... idsAndValues) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < idsAndValues.length; i += 2) {
        fields.put(idsAndValues[i], idsAndValues[i + 1]);
      }
      return fields;
    }

    String name() {
      return page + " " + button + " " + fields.values();
    }
  }

  /** Who sends which forms wrong, and in which language: the accessibility walk's roles. */
  private record Sender(String user, String language, List<Mistake> mistakes) {}

  private static final List<Sender> SENDERS =
      List.of(
          new Sender(
              "mia",
              "de",
              List.of(
                  Mistake.of("order.xhtml", "order:preview", "order:name", ""),
                  Mistake.of(
                      "keys.xhtml",
                      "keys:add",
                      "keys:name",
                      "laptop",
                      "keys:publicKey",
                      "ssh-rsa this-is-not-a-key"),
                  Mistake.of("ai-keys.xhtml", "key:create", "key:name", ""),
                  Mistake.of("ai.xhtml", "ai:preview", "ai:name", "bell\u0007"))),
          new Sender(
              "theo",
              "pl",
              List.of(
                  Mistake.of(
                      "team.xhtml",
                      "project-form:create-project",
                      "project-form:name",
                      "Data\u202Eplatform"),
                  Mistake.of(
                      "team.xhtml", "invite-form:send-invitation", "invite-form:email", "nobody"),
                  Mistake.of(
                      "project.xhtml?id={project}",
                      "projectQuota:save",
                      "projectQuota:vcpu",
                      "many"),
                  Mistake.of(
                      "project.xhtml?id={project}",
                      "projectKeys:add",
                      "projectKeys:name",
                      "ci",
                      "projectKeys:publicKey",
                      "not a key"),
                  Mistake.of("service-accounts.xhtml", "account:create", "account:name", ""),
                  Mistake.of(
                      "service-accounts.xhtml",
                      "account:create",
                      "account:name",
                      "nightly",
                      "account:expires_input",
                      "someday"),
                  Mistake.of("firewall.xhtml", "firewall:add", "firewall:portFrom", "70000"),
                  Mistake.of("moves.xhtml", "blackout:add-blackout", "blackout:start", "25:99"))),
          new Sender(
              "olivia",
              "fr",
              List.of(
                  Mistake.of("admin/catalog.xhtml", "image:add-image", "image:code", ""),
                  Mistake.of("admin/catalog.xhtml", "size:add-size", "size:code", ""),
                  Mistake.of(
                      "admin/provider-form.xhtml",
                      "provider-form:save",
                      "provider-form:name",
                      "",
                      "provider-form:latitude",
                      "north"),
                  Mistake.of(
                      "admin/energy.xhtml",
                      "intensity:save-intensity",
                      "intensity:countryCode",
                      "XX"),
                  Mistake.of("admin/rules.xhtml", "rule-form:create-rule", "rule-form:value", ""),
                  Mistake.confirmed(
                      "admin/prices.xhtml", "prices:add", "prices:validFrom", "tomorrow"),
                  Mistake.confirmed(
                      "admin/tenant-quota.xhtml?tenant={tenant}",
                      "tenantQuota:save",
                      "tenantQuota:budget",
                      "beaucoup"))));

  /**
   * The error messages the page shows (a field's, a form's, a growl's): each one's text, whether a
   * screen reader is told of it (it is in an alert or a live region), and whether it is a field's.
   */
  private static final String ERRORS =
      "var found = [];"
          + "document.querySelectorAll('.ui-message-error, .ui-messages-error,"
          + " .ui-growl-message-error').forEach(function (e) {"
          + " if (!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)) { return; }"
          + " found.push([e.innerText.trim(),"
          + "  String(!!(e.closest('[role=alert], [aria-live]') || e.querySelector('[role=alert],"
          + "  [aria-live]'))), String(e.classList.contains('ui-message-error'))]); });"
          + "return found;";

  @AfterEach
  void forgetTheSendersLanguages() throws Exception {
    eu.federa.testsupport.DemoUsers.forgetChoices(
        SENDERS.stream().map(Sender::user).toArray(String[]::new));
  }

  @Test
  void everyMainFormAnswersAMistakeInTheReadersLanguageAnnouncedAndSavesNothing() throws Exception {
    DemoAcme acme = DemoAcme.read();
    Map<String, Long> before = counts();
    List<String> problems = new ArrayList<>();
    int answered = 0;
    for (Sender sender : SENDERS) {
      newBrowser();
      signIn(portal + "dashboard.xhtml", sender.user());
      switchLanguage(sender.language());
      EnglishLeft english = EnglishLeft.against(sender.language());
      CodeNames codeNames = CodeNames.against(sender.language());
      for (Mistake mistake : sender.mistakes()) {
        String where = sender.user() + " (" + sender.language() + ") " + mistake.name() + ": ";
        browser.get(
            portal
                + mistake
                    .page()
                    .replace("{project}", Long.toString(acme.projectId()))
                    .replace("{tenant}", Long.toString(acme.tenantId())));
        waitForPortal();
        mistake.fields().forEach(this::setValue);
        clickSettled(mistake.button());
        if (mistake.confirmed()) {
          confirmYes();
        }
        @SuppressWarnings("unchecked")
        List<List<String>> errors =
            wait.until(
                d -> {
                  Object shown = ((JavascriptExecutor) d).executeScript(ERRORS);
                  return shown instanceof List<?> list && !list.isEmpty()
                      ? (List<List<String>>) shown
                      : null;
                });
        screenshotPage("form-error-" + sender.language() + "-" + mistake.button());
        List<String> texts = errors.stream().map(e -> e.get(0)).toList();
        System.out.println(where + texts); // what each form answered, in the test's output
        answered++;
        for (List<String> error : errors) {
          if (error.get(0).isBlank()) {
            problems.add(where + "an error message without text");
          }
          if (!Boolean.parseBoolean(error.get(1))) {
            problems.add(where + "not announced (no alert, no live region): " + error.get(0));
          }
          if (error.get(0).matches("(?s).*(\\?\\?\\?|\\{\\d+[},]).*")) {
            problems.add(where + "a key or a placeholder shown: " + error.get(0));
          }
        }
        english.in(texts).forEach(t -> problems.add(where + "the portal's English: " + t));
        EnglishLeft.sentences(texts).forEach(t -> problems.add(where + t));
        codeNames.in(texts).forEach(t -> problems.add(where + "as the code names it: " + t));
        boolean fieldMessage = errors.stream().anyMatch(e -> Boolean.parseBoolean(e.get(2)));
        if (fieldMessage && browser.findElements(By.cssSelector("[aria-invalid=true]")).isEmpty()) {
          problems.add(where + "a field's message, and no field marked invalid");
        }
        if (browser.getPageSource().contains("incident")) {
          problems.add(where + "an error page");
        }
      }
    }
    assertThat(answered).isEqualTo(SENDERS.stream().mapToInt(s -> s.mistakes().size()).sum());
    assertThat(problems).as("form errors not in the reader's language or not announced").isEmpty();
    assertThat(counts()).as("nothing saved").isEqualTo(before);
  }

  /**
   * What the tables the forms above would write hold: the last id given (an erasure elsewhere may
   * delete a row, but nothing else adds one), and the rows of the tables keyed by a code.
   */
  private static Map<String, Long> counts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection db = TestStack.database();
        Statement s = db.createStatement()) {
      for (String query :
          List.of(
              "SELECT COALESCE(MAX(id), 0) FROM project",
              "SELECT COALESCE(MAX(id), 0) FROM invitation",
              "SELECT COALESCE(MAX(id), 0) FROM ssh_key",
              "SELECT COALESCE(MAX(id), 0) FROM project_ssh_key",
              "SELECT COALESCE(MAX(id), 0) FROM ai_key",
              "SELECT COALESCE(MAX(id), 0) FROM service_account",
              "SELECT COALESCE(MAX(id), 0) FROM provider",
              "SELECT COALESCE(MAX(id), 0) FROM membership_rule",
              "SELECT COALESCE(MAX(id), 0) FROM price_list",
              // The firewall's first view gives the organisation its rule for SSH, "system"'s.
              "SELECT COALESCE(MAX(id), 0) FROM security_rule WHERE added_by <> 'system'",
              "SELECT COALESCE(MAX(id), 0) FROM tenant_blackout_window",
              "SELECT COUNT(*) FROM catalog_image",
              "SELECT COUNT(*) FROM catalog_size",
              "SELECT COUNT(*) FROM grid_intensity")) {
        try (ResultSet r = s.executeQuery(query)) {
          r.next();
          counts.put(query, r.getLong(1));
        }
      }
    }
    return counts;
  }
}
