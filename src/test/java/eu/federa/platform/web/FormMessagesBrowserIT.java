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
 * Issue #19: what a form answers, in the reader's language. The accessibility walk reads pages as
 * they load; the messages a form shows only once it is sent are read here, each role in its walk's
 * language (German for a member, Polish for a tenant admin, French for a platform admin).
 *
 * <ul>
 *   <li>Its main forms sent with a mistake: a service's field errors, Faces' own conversion
 *       messages, Bean Validation's. Nothing saved, no error page, the field named marked invalid.
 *   <li>Its main actions done right, each undone by the next where it adds something: what the page
 *       confirms, with no error beside it.
 * </ul>
 *
 * Every message must be there, in that language (no text of the English bundles, no sentence of
 * English, no message key, no unfilled placeholder, no code name) and announced to a screen reader
 * (inside an alert or a live region) once: a field's message that the form's summary shows is not
 * announced again by the field (FieldMessageRenderer), and the field a reader reaches names it as
 * its description.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormMessagesBrowserIT extends BrowserSupport {

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
   * An action done right: the page ({@code {project}}, {@code {tenant}} as for {@link Mistake}),
   * the fields' values (id, value), the button that sends it (by id) or, for an action on a row of
   * a table, the button found in the row that shows {@code rowText}; whether it asks for a
   * confirmation first.
   */
  private record Action(
      String page, By button, String rowText, boolean confirmed, Map<String, String> fields) {

    /** A field's value that ticks the box rather than types: the field is a checkbox. */
    static final String TICKED = "\u2713";

    static Action of(String page, String button, String... idsAndValues) {
      return new Action(page, By.id(button), null, false, Mistake.fields(idsAndValues));
    }

    static Action confirmed(String page, String button, String... idsAndValues) {
      return new Action(page, By.id(button), null, true, Mistake.fields(idsAndValues));
    }

    /**
     * The button {@code buttonCss} in the table row (of class {@code rowClass}) that shows {@code
     * text}, confirmed.
     */
    static Action onRow(String page, String rowClass, String text, String buttonCss) {
      By row =
          By.xpath(
              "//tr[contains(concat(' ', normalize-space(@class), ' '), ' "
                  + rowClass
                  + " ')][contains(., '"
                  + text
                  + "')]");
      return new Action(
          page,
          new org.openqa.selenium.support.pagefactory.ByChained(row, By.cssSelector(buttonCss)),
          text,
          true,
          Map.of());
    }

    String name() {
      return page + " " + (rowText == null ? button : rowText) + " " + fields.values();
    }
  }

  /** Who does which actions, in which language: the accessibility walk's roles again. */
  private record Doer(String user, String language, List<Action> actions) {}

  /** What this run adds, told apart from what other tests left. */
  private static final int RUN = (int) Math.floorMod(System.nanoTime(), 100_000L);

  private static List<Doer> doers() {
    String keyName = "laptop-" + RUN + "-done";
    String source = "198.51.100." + (RUN % 250) + "/32";
    String start = String.format("03:%02d", RUN % 60); // a time of day, whatever the run
    String domain = "confirmed-" + RUN + ".invalid";
    return List.of(
        new Doer(
            "mia",
            "de",
            List.of(
                Action.of(
                    "keys.xhtml",
                    "keys:add",
                    "keys:name",
                    keyName,
                    "keys:publicKey",
                    eu.federa.testsupport.TestSshKeys.randomEd25519() + " mia@laptop"),
                Action.onRow("keys.xhtml", "key-row", keyName, "button[id$='remove']"))),
        new Doer(
            "theo",
            "pl",
            List.of(
                Action.of(
                    "firewall.xhtml",
                    "firewall:add",
                    "firewall:portFrom",
                    "8444",
                    "firewall:source",
                    source),
                Action.onRow("firewall.xhtml", "rule-row", source, "button[id$='remove']"),
                Action.of("project.xhtml?id={project}", "projectQuota:save"),
                Action.of(
                    "moves.xhtml",
                    "blackout:add-blackout",
                    "blackout:days:6",
                    Action.TICKED,
                    "blackout:start",
                    start,
                    "blackout:end",
                    "04:00"),
                Action.onRow("moves.xhtml", "blackout-window", start, ".remove-blackout"))),
        new Doer(
            "olivia",
            "fr",
            List.of(
                Action.confirmed("admin/tenant-quota.xhtml?tenant={tenant}", "tenantQuota:save"),
                Action.of(
                    "admin/rules.xhtml",
                    "rule-form:create-rule",
                    "rule-form:value",
                    domain,
                    "rule-form:tenant_input",
                    "{tenant}"),
                Action.onRow("admin/rules.xhtml", "rule-row", domain, ".delete-rule"))));
  }

  /**
   * The error messages the page shows (a field's, a form's, a growl's): each one's text, whether a
   * screen reader is told of it (it is in an alert or a live region), and whether it is a field's.
   */
  private static final String ERRORS =
      shown(".ui-message-error, .ui-messages-error, .ui-growl-message-error", "ui-message-error");

  /** The confirmations the page shows (a form's, a growl's), as {@link #ERRORS} reads errors. */
  private static final String CONFIRMATIONS =
      shown(".ui-messages-info, .ui-growl-message-info, .ui-message-info", "ui-message-info");

  /**
   * A script that returns the visible messages {@code css} finds: each one's text, whether a screen
   * reader is told of it, whether it has the class {@code fieldClass} (a field's message), whether
   * it is told twice (a field's message announced by itself and by the form's summary), and whether
   * a field a reader can reach names it as its description ({@code aria-describedby}).
   */
  private static String shown(String css, String fieldClass) {
    return "function visible(e) { return !!(e.offsetWidth || e.offsetHeight"
        + "  || e.getClientRects().length); }"
        + "function live(e) { return !!(e.closest('[role=alert], [role=status], [aria-live]')"
        + "  || e.querySelector('[role=alert], [role=status], [aria-live]')); }"
        + "var summaries = Array.from(document.querySelectorAll('.ui-messages, .ui-growl'))"
        + "  .filter(function (s) { return visible(s) && live(s); });"
        + "var found = [];"
        + "document.querySelectorAll('"
        + css
        + "').forEach(function (e) {"
        + " if (!visible(e)) { return; }"
        + " var text = e.innerText.trim();"
        + " var field = e.classList.contains('"
        + fieldClass
        + "');"
        + " var itself = live(e);"
        + " var summarised = field && summaries.some(function (s) {"
        + "   return s.innerText.indexOf(text) >= 0; });"
        + " var ids = [e].concat(Array.from(e.querySelectorAll('[id]')))"
        + "   .map(function (x) { return x.id; }).filter(function (id) { return id; });"
        + " var described = ids.some(function (id) {"
        + "   return Array.from(document.querySelectorAll('[aria-describedby]')).some(function (f) {"
        + "     return f.getAttribute('aria-describedby').split(/\\s+/).indexOf(id) >= 0"
        + "       && f.matches('input, select, textarea, [tabindex], [contenteditable], [role=group]'); }); });"
        + " found.push([text, String(itself || summarised), String(field),"
        + "  String(field && itself && summarised), String(described)]); });"
        + "return found;";
  }

  /**
   * What is wrong with the messages a page shows (as {@link #shown} reads them), for the reader of
   * {@code english}'s and {@code codeNames}' language; the texts go to the test's output.
   */
  private static List<String> readable(
      String where, List<List<String>> messages, EnglishLeft english, CodeNames codeNames) {
    List<String> problems = new ArrayList<>();
    List<String> texts = messages.stream().map(e -> e.get(0)).toList();
    System.out.println(where + texts); // what each form answered, in the test's output
    for (List<String> message : messages) {
      if (message.get(0).isBlank()) {
        problems.add(where + "a message without text");
      }
      if (!Boolean.parseBoolean(message.get(1))) {
        problems.add(where + "not announced (no alert, no live region): " + message.get(0));
      }
      if (Boolean.parseBoolean(message.get(3))) {
        problems.add(where + "announced twice (by its field and the summary): " + message.get(0));
      }
      if (Boolean.parseBoolean(message.get(2)) && !Boolean.parseBoolean(message.get(4))) {
        problems.add(where + "no field a reader reaches is described by it: " + message.get(0));
      }
      if (message.get(0).matches("(?s).*(\\?\\?\\?|\\{\\d+[},]).*")) {
        problems.add(where + "a key or a placeholder shown: " + message.get(0));
      }
    }
    english.in(texts).forEach(t -> problems.add(where + "the portal's English: " + t));
    english.sentences(texts).forEach(t -> problems.add(where + t));
    codeNames.in(texts).forEach(t -> problems.add(where + "as the code names it: " + t));
    return problems;
  }

  /**
   * The visible messages {@code script} ({@link #ERRORS}, {@link #CONFIRMATIONS}) finds, waited
   * for.
   */
  @SuppressWarnings("unchecked")
  private List<List<String>> awaitShown(String script) {
    return wait.until(
        d -> {
          Object shown = ((JavascriptExecutor) d).executeScript(script);
          return shown instanceof List<?> list && !list.isEmpty()
              ? (List<List<String>>) shown
              : null;
        });
  }

  /** The visible messages {@code script} finds now, none waited for. */
  @SuppressWarnings("unchecked")
  private List<List<String>> shownNow(String script) {
    return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(script);
  }

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
        browser.get(portal + filled(mistake.page(), acme));
        waitForPortal();
        mistake.fields().forEach(this::setValue);
        clickSettled(mistake.button());
        if (mistake.confirmed()) {
          confirmYes();
        }
        List<List<String>> errors = awaitShown(ERRORS);
        screenshotPage("form-error-" + sender.language() + "-" + mistake.button());
        answered++;
        problems.addAll(readable(where, errors, english, codeNames));
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

  @Test
  void everyMainActionDoneRightIsConfirmedInTheReadersLanguageAndAnnounced() throws Exception {
    DemoAcme acme = DemoAcme.read();
    Map<String, Long> before = rows();
    List<String> problems = new ArrayList<>();
    int confirmed = 0;
    List<Doer> doers = doers();
    for (Doer doer : doers) {
      newBrowser();
      signIn(portal + "dashboard.xhtml", doer.user());
      switchLanguage(doer.language());
      EnglishLeft english = EnglishLeft.against(doer.language());
      CodeNames codeNames = CodeNames.against(doer.language());
      for (Action action : doer.actions()) {
        String where = doer.user() + " (" + doer.language() + ") " + action.name() + ": ";
        browser.get(portal + filled(action.page(), acme));
        waitForPortal();
        action
            .fields()
            .forEach(
                (id, value) -> {
                  if (value.equals(Action.TICKED)) {
                    ((JavascriptExecutor) browser)
                        .executeScript("document.getElementById(arguments[0]).checked = true;", id);
                  } else {
                    setValue(id, filled(value, acme));
                  }
                });
        clickSettled(action.button());
        if (action.confirmed()) {
          confirmYes();
        }
        List<List<String>> confirmations = awaitShown(CONFIRMATIONS);
        screenshotPage("form-done-" + doer.language() + "-" + confirmed);
        confirmed++;
        problems.addAll(readable(where, confirmations, english, codeNames));
        shownNow(ERRORS).forEach(e -> problems.add(where + "an error beside it: " + e.get(0)));
        if (browser.getPageSource().contains("incident")) {
          problems.add(where + "an error page");
        }
      }
    }
    assertThat(confirmed).isEqualTo(doers.stream().mapToInt(d -> d.actions().size()).sum());
    assertThat(problems)
        .as("confirmations not in the reader's language or not announced")
        .isEmpty();
    assertThat(rows()).as("what was added was removed again").isEqualTo(before);
  }

  /** {@code text} with {@code {project}} and {@code {tenant}} as Acme's. */
  private static String filled(String text, DemoAcme acme) {
    return text.replace("{project}", Long.toString(acme.projectId()))
        .replace("{tenant}", Long.toString(acme.tenantId()));
  }

  /** How many rows the actions above add (and then remove) or write over, and what they write. */
  private static Map<String, Long> rows() throws Exception {
    return values(
        List.of(
            "SELECT COUNT(*) FROM ssh_key",
            "SELECT COUNT(*) FROM security_rule WHERE added_by <> 'system'",
            "SELECT COUNT(*) FROM tenant_blackout_window",
            "SELECT COUNT(*) FROM membership_rule"));
  }

  /**
   * What the tables the forms above would write hold: the last id given (an erasure elsewhere may
   * delete a row, but nothing else adds one), and the rows of the tables keyed by a code.
   */
  private static Map<String, Long> counts() throws Exception {
    return values(
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
            "SELECT COUNT(*) FROM grid_intensity"));
  }

  /** Each query's one number, by the query. */
  private static Map<String, Long> values(List<String> queries) throws Exception {
    Map<String, Long> values = new LinkedHashMap<>();
    try (Connection db = TestStack.database();
        Statement s = db.createStatement()) {
      for (String query : queries) {
        try (ResultSet r = s.executeQuery(query)) {
          r.next();
          values.put(query, r.getLong(1));
        }
      }
    }
    return values;
  }
}
