package eu.federa.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.BrowserSupport;
import eu.federa.testsupport.Deployments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue #19: WCAG 2.1 AA, checked by axe-core (the npm package, fetched by the build) on every page
 * each role opens, from the access matrix ({@code access-matrix.txt}), every walker at a phone's
 * width (390 px: no raw message key, nothing wider than the screen: neither German's long words nor
 * a wide table may break a layout): a member walks every page it answers her with 200, in German; a
 * tenant admin the pages a member does not get and those that show admins more, in Polish (the same
 * checks); a platform admin the administration and a provider's own page, in French (the same
 * checks). Every walker's pages also fail on a time or a state written as the machine names it, and
 * a walker's page in another language on any text of it that is one of the portal's English
 * messages, whole (a single word as much as a sentence: {@link eu.federa.testsupport.EnglishLeft})
 * or a constant of the code's enums ({@link eu.federa.testsupport.CodeNames}). No page may have a
 * serious or critical violation. The same walk fails on any page breaking the
 * Content-Security-Policy or showing a form without the session's anti-forgery token (issue #13).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessibilityBrowserIT extends BrowserSupport {

  @Deployment(testable = false)
  static WebArchive portal() {
    return Deployments.portal();
  }

  @ArquillianResource URL portal;

  /** The roles walked, as the matrix names them, and who plays each in the demo. */
  private static final Map<String, String> WALKERS =
      new java.util.LinkedHashMap<>(Map.of("member", "mia", "admin", "theo", "platform", "olivia"));

  /** A phone's window (every walker walks at it). */
  private static final org.openqa.selenium.Dimension PHONE =
      new org.openqa.selenium.Dimension(390, 844);

  /** The language each role walks in, checked for keys left untranslated and for overflow. */
  private static final Map<String, String> LANGUAGES =
      Map.of("member", "de", "admin", "pl", "platform", "fr");

  /**
   * A page of one record a role walks besides the matrix's: the list that links to it, and the
   * links' selector (a provider with its hosts). A member's VM is checked where she orders one.
   */
  private static final Map<String, String> RECORD_PAGES =
      Map.of("platform", "admin/providers.xhtml a[href*='provider.xhtml?id=']");

  /** Pages a member opens too, whose admin view has more (forms, controls) than hers. */
  private static final java.util.Set<String> MORE_FOR_ADMINS =
      java.util.Set.of(
          "dashboard.xhtml", "team.xhtml", "project.xhtml?id={project}", "ai-keys.xhtml");

  /**
   * A word or number of a table or a card's facts cut across two lines ("Fi|nger|ab|druck",
   * "3276|8", "256 Gi|B"): a column too narrow for its words. Addresses, keys and other long tokens
   * (with "@", "/", "-" or over twenty characters) may wrap anywhere; words may not. Text only
   * screen readers get (clipped to a pixel) is left out.
   */
  private static final String BROKEN_WORD =
      "var cut = null;"
          + "var texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
          + "while (!cut && texts.nextNode()) {"
          + " var node = texts.currentNode, parent = node.parentElement;"
          + " if (!parent || !parent.closest('td, th, dd, dt')"
          + "  || parent.closest('.fd-verbatim, code, pre, .fd-sr-only, .ui-helper-hidden-accessible,"
          + "  .fd-stacked thead') || parent.getBoundingClientRect().width < 2) { continue; }"
          + " var word, words = /\\S+/g;"
          + " while (!cut && (word = words.exec(node.data))) {"
          + "  if (word[0].length > 20 || !/^[\\p{L}\\p{N}.,%€()]{2,}$/u.test(word[0])) { continue; }"
          + "  var range = document.createRange();"
          + "  range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);"
          + "  var lines = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; });"
          + "  if (lines.length > 1 && lines[1].top > lines[0].top + 2) { cut = word[0]; } } }"
          + "if (cut) { problems.push('a word cut across lines: ' + cut); }";

  /**
   * Every text of the page a reader or a screen reader meets, in the walk's language: its text
   * nodes, then its titles, labels, placeholders and alternative texts, outside what says it is in
   * another language ({@code lang="en"}), code and the operator's words ({@code translate="no"}),
   * and a calendar's abbreviated day names (PrimeFaces' locale: Finnish's "To", Thursday, is also
   * an English message); each once.
   */
  private static final String PAGE_TEXTS =
      "var seen = new Set(), said = new Set();"
          + "function ours(e) { if (!e || e.closest('script, style, code, pre, .fd-verbatim,"
          + "  [hidden], [translate=no], .ui-datepicker-calendar thead')) { return false; }"
          + " var said = e.closest('[lang]');"
          + " return !said || said.getAttribute('lang') === document.documentElement.lang; }"
          + "var texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
          + "while (texts.nextNode()) { var node = texts.currentNode;"
          + " if (node.data.trim() && ours(node.parentElement)) { said.add(node.data.trim()); } }"
          + "document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt],"
          + " input[type=submit], input[type=button]').forEach(function (e) {"
          + " if (!ours(e)) { return; }"
          + " ['title', 'aria-label', 'placeholder', 'alt'].forEach(function (a) {"
          + "  var v = e.getAttribute(a); if (v && v.trim()) { seen.add(v.trim()); } });"
          + " if (e.type === 'submit' || e.type === 'button') {"
          + "  if (e.value && e.value.trim()) { seen.add(e.value.trim()); } } });"
          + "return [Array.from(said), Array.from(seen)];";

  /**
   * What the page shows beyond the window's width, any message key left untranslated or message
   * shown with its placeholders ("Up to {0} keys"), a word of a table cut across lines, a value as
   * Java writes it (a list's "[2]", a record's "Copy[id=1, ...]"), an empty table's English text
   * (PrimeFaces' own, or the portal's), an audit entry's target in the English words the trail
   * keeps ("order 12"), and a record kept in English (an audit entry's detail) that does not say it
   * is English, which a screen reader would read with the page's language's sounds (WCAG 2.1,
   * 3.1.2, language of parts).
   */
  private static final String LAYOUT =
      "var problems = [];"
          + "var page = document.documentElement;"
          + "if (page.scrollWidth > page.clientWidth + 1) {"
          + " var wide = Array.from(document.body.querySelectorAll('*')).filter(function (e) {"
          + "  var r = e.getBoundingClientRect();"
          + "  if (r.width === 0 || r.right <= page.clientWidth + 1) { return false; }"
          + "  for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {"
          + "   if (getComputedStyle(a).overflowX !== 'visible') { return false; } }"
          + "  return true; }).slice(-3).map(function (e) {"
          + "  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
          + "  + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : '')"
          + "  + ' ' + Math.round(e.getBoundingClientRect().right) + ' px'; });"
          + " problems.push('wider than the window: ' + page.scrollWidth"
          + " + ' px > ' + page.clientWidth + ' px (' + wide.join(', ') + ')'); }"
          + "var raw = document.body.innerText.match(/\\?\\?\\?[^?]*\\?\\?\\?/);"
          + "if (raw) { problems.push('untranslated key: ' + raw[0]); }"
          + "var placeholder = document.body.innerText.match(/[^\\n]{0,30}\\{\\d+\\}/);"
          + "if (placeholder) { problems.push('message shown unformatted: ' + placeholder[0]); }"
          + "var shown = document.body.innerText;"
          + "document.querySelectorAll('.fd-verbatim, code').forEach(function (e) {"
          + " if (e.innerText) { shown = shown.split(e.innerText).join(''); } });"
          + "var java = shown.match(/\\[\\d+(?:, \\d+)*\\]|Optional\\[|\\b[A-Z]\\w*\\[\\w+="
          + "|\\b[a-z]+(?:\\.[a-z]+)+\\.[A-Z]\\w*@[0-9a-f]{4,}/);"
          + "if (java) { problems.push('a value shown as Java writes it: ' + java[0]); }"
          + BROKEN_WORD
          + "var english = document.body.innerText.match(/No records found|No rows to show/);"
          + "if (english) { problems.push('English left: ' + english[0]); }"
          + "var target = Array.from(document.querySelectorAll('.audit-target:not(.audit-target-read)'))"
          + ".map(function (e) { return e.innerText.trim(); }).find(function (t) {"
          + " return /^[a-z][a-zA-Z ]* \\d+$/.test(t); });"
          + "if (target) { problems.push('audit target shown as the trail keeps it: ' + target); }"
          + "var unmarked = document.querySelector('.fd-verbatim:not([lang])');"
          + "if (unmarked && unmarked.innerText.trim()) {"
          + " problems.push('English record without lang=en (WCAG 3.1.2): '"
          + " + unmarked.innerText.trim().slice(0, 40)); }"
          + "return problems;";

  /**
   * A moment shown as the machine writes it ({@code 2026-12-08T02:00:00Z}) rather than in the
   * reader's language and time zone: a value given to a page as it is. Records shown verbatim
   * ({@code .fd-verbatim}: an audit entry's detail, the usage a rating could not price) keep the
   * text they were written with.
   */
  private static final String RAW_TIME =
      "var text = document.body.innerText;"
          + "document.querySelectorAll('.fd-verbatim').forEach(function (e) {"
          + " if (e.innerText) { text = text.split(e.innerText).join(''); } });"
          + "var raw = text.match(/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}\\S*/);"
          + "return raw ? ['time not written for the reader: ' + raw[0]] : [];";

  /**
   * A state or kind shown as the code names it ({@code MONITORING_ERROR}, {@code ACTIVE/RUNNING},
   * {@code HALF_OPEN}) rather than in the reader's words. Records shown verbatim ({@code
   * .fd-verbatim}) and code ({@code code} elements: a key's fingerprint, a command) are left out,
   * and so are the portal's settings ({@code FEDERA_PUBLIC_URL}), a name an operator types.
   */
  private static final String RAW_CONSTANT =
      "var text = document.body.innerText;"
          + "document.querySelectorAll('.fd-verbatim, code').forEach(function (e) {"
          + " if (e.innerText) { text = text.split(e.innerText).join(''); } });"
          + "var raw = text.match(/\\b(?!FEDERA_)[A-Z]{2,}(?:_[A-Z]{2,})+\\b"
          + "|\\b(?:MONITORED|OFFLINE|DISABLED|POWEROFF|UNDEPLOYED|PENDING|RUNNING|ACTIVE"
          + "|FAILED|STOPPED|SUSPENDED|QUEUED|READY|CLOSED)\\b/);"
          + "return raw ? ['shown as the code names it: ' + raw[0]] : [];";

  /**
   * What a keyboard cannot reach: a visible control (link, button, field, or an element with an
   * interactive role) that is neither focusable itself nor a widget holding a focusable field (as
   * PrimeFaces' menus and check boxes do), except the other items of a group that one focusable
   * item leads into with the arrow keys (tabs, radio groups, menus), and controls marked disabled
   * (a pager's "first page" on the first page); and any positive tabindex, which breaks the order a
   * keyboard follows.
   */
  private static final String KEYBOARD =
      "var problems = [];"
          + "function name(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
          + " + ' \\'' + (e.textContent || e.value || '').trim().slice(0, 30) + '\\''; }"
          + "function reachable(e) { return e.tabIndex >= 0 && !e.disabled; }"
          + "document.querySelectorAll('[tabindex]').forEach(function (e) {"
          + " if (e.tabIndex > 0) { problems.push('positive tabindex: ' + name(e)); } });"
          + "document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea,"
          + " [role=button], [role=link], [role=checkbox], [role=radio], [role=combobox],"
          + " [role=tab], [role=menuitem], [role=option], [role=switch], [onclick]')"
          + ".forEach(function (e) {"
          + " if (e.disabled || e.closest('[aria-hidden=true], [inert], [aria-disabled=true],"
          + "  .ui-state-disabled')) { return; }"
          + " var r = e.getBoundingClientRect();"
          + " if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') { return; }"
          + " if (reachable(e)) { return; }"
          + " if (Array.from(e.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))"
          + "  .some(reachable)) { return; }"
          + " var widget = e.closest('.ui-selectonemenu, .ui-selectcheckboxmenu, .ui-chkbox,"
          + "  .ui-radiobutton, .ui-selectbooleancheckbox, .ui-inputswitch, .ui-autocomplete,"
          + "  .ui-datepicker, .ui-spinner');"
          + " if (widget && Array.from(widget.querySelectorAll('input, select')).some(reachable)) { return; }"
          + " var group = e.closest('[role=tablist], [role=radiogroup], [role=menu], [role=menubar],"
          + "  [role=listbox], [role=tree], [role=grid]');"
          + " if (group && Array.from(group.querySelectorAll('[tabindex], input, a[href], button'))"
          + "  .some(reachable)) { return; }"
          + " problems.push('not reachable by keyboard: ' + name(e)); });"
          + "return problems.slice(0, 5);";

  /**
   * Every walker reads their pages in their browser's language again: the next tests expect
   * English.
   */
  @org.junit.jupiter.api.AfterEach
  void forgetTheWalkersLanguages() throws Exception {
    eu.federa.testsupport.DemoUsers.forgetChoices(WALKERS.values().toArray(String[]::new));
  }

  /** axe's rules of WCAG 2.0 and 2.1, levels A and AA; its impacts that fail the walk. */
  private static final String RUN_AXE =
      "var done = arguments[arguments.length - 1];"
          + "axe.run(document, {runOnly: {type: 'tag',"
          + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
          + ".then(function (r) { done(r.violations"
          + ".filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
          + ".map(function (v) { return v.id + ' (' + v.impact + ', ' + v.help + '): '"
          + " + v.nodes.slice(0, 4).map(function (n) { return n.target.join(' '); }).join(' | '); })); })"
          + ".catch(function (e) { done(['axe did not run: ' + e]); });";

  @Test
  void everyPageEachRoleOpensHasNoSeriousOrCriticalViolation() throws Exception {
    String axe =
        Files.readString(Path.of("target", "axe", "node_modules", "axe-core", "axe.min.js"));
    List<String> violations = new ArrayList<>();
    int walked = 0;
    for (Map.Entry<String, String> walker : WALKERS.entrySet()) {
      String role = walker.getKey();
      newBrowser();
      signIn(portal.toString(), walker.getValue());
      String language = LANGUAGES.get(role);
      eu.federa.testsupport.EnglishLeft portalsEnglish =
          language == null ? null : eu.federa.testsupport.EnglishLeft.against(language);
      eu.federa.testsupport.CodeNames codeNames =
          language == null ? null : eu.federa.testsupport.CodeNames.against(language);
      if (language != null) {
        switchLanguage(language);
      }
      browser.manage().window().setSize(PHONE);
      // axe is in every page the browser opens from now on (sent once, not once a page).
      org.openqa.selenium.chrome.ChromeDriver chromium =
          (org.openqa.selenium.chrome.ChromeDriver) browser;
      chromium.executeCdpCommand("Page.enable", Map.of());
      Object injected =
          chromium
              .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axe))
              .get("identifier");
      try {
        for (String path : pagesOf(role)) {
          browser.get(portal + path);
          waitForPortal();
          JavascriptExecutor js = (JavascriptExecutor) browser;
          @SuppressWarnings("unchecked")
          List<String> found = (List<String>) js.executeAsyncScript(RUN_AXE);
          found.forEach(v -> violations.add(role + " " + path + ": " + v));
          // The Content-Security-Policy (no inline or eval scripts) holds on every page, and every
          // form carries the session's anti-forgery token (ContentSecurityPolicyBrowserIT walks
          // what this walk does not open).
          cspViolations().forEach(v -> violations.add(role + " " + path + ": CSP: " + v));
          formsWithoutToken()
              .forEach(f -> violations.add(role + " " + path + ": form without token: " + f));
          @SuppressWarnings("unchecked")
          List<String> keyboard = (List<String>) js.executeScript(KEYBOARD);
          keyboard.forEach(v -> violations.add(role + " " + path + ": " + v));
          @SuppressWarnings("unchecked")
          List<String> rawTime = (List<String>) js.executeScript(RAW_TIME);
          rawTime.forEach(v -> violations.add(role + " " + path + ": " + v));
          @SuppressWarnings("unchecked")
          List<String> constants = (List<String>) js.executeScript(RAW_CONSTANT);
          constants.forEach(v -> violations.add(role + " " + path + ": " + v));
          if (language != null) {
            languageProblems(portalsEnglish, codeNames)
                .forEach(v -> violations.add(role + " (" + language + ") " + path + ": " + v));
          }
          screenshotPage(role + "-" + (language == null ? "en" : language) + "-" + path);
          long width = (Long) js.executeScript("return document.documentElement.clientWidth;");
          if (width < 300 || width > PHONE.getWidth()) {
            violations.add(role + " " + path + ": shown " + width + " px wide, not at a phone's");
          }
          walked++;
        }
      } finally {
        // the browser goes back to the pool: other tests' pages without axe
        chromium.executeCdpCommand(
            "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", injected));
      }
    }
    assertThat(walked).as("pages walked").isGreaterThan(45);
    assertThat(violations)
        .as(
            "serious and critical accessibility violations, controls a keyboard cannot reach,"
                + " layout problems at a phone's width in German, Polish and French, policy violations,"
                + " forms without the anti-forgery token and times not written for the reader")
        .isEmpty();
  }

  /**
   * What the open page shows at a phone's width that it should not in its language: the layout's
   * problems ({@link #LAYOUT}), an English sentence, any of the portal's English messages, and a
   * constant of the code's enums. A title may keep a provider's own name for a state (OpenNebula's
   * "ACTIVE/RUNNING").
   */
  private List<String> languageProblems(
      eu.federa.testsupport.EnglishLeft portalsEnglish, eu.federa.testsupport.CodeNames codeNames) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    @SuppressWarnings("unchecked")
    List<String> problems = new ArrayList<>((List<String>) js.executeScript(LAYOUT));
    @SuppressWarnings("unchecked")
    List<List<String>> texts = (List<List<String>>) js.executeScript(PAGE_TEXTS);
    problems.addAll(portalsEnglish.sentences(texts.get(0)));
    List<String> all = new ArrayList<>(texts.get(0));
    all.addAll(texts.get(1));
    portalsEnglish.in(all).forEach(v -> problems.add("the portal's English: " + v));
    codeNames.in(texts.get(0)).forEach(v -> problems.add("as the code names it: " + v));
    return problems;
  }

  /**
   * The pages {@code role} walks: every page of the matrix it opens (for a tenant admin or a
   * platform admin, of the pages a member opens too only those that show admins more), with the
   * demo's organisation and project, and the first of the pages of one record its own list links to
   * (which the matrix opens only for an id nobody has).
   */
  private List<String> pagesOf(String role) throws Exception {
    eu.federa.testsupport.DemoAcme demo = eu.federa.testsupport.DemoAcme.read();
    int column = AccessMatrixBrowserIT.PERSONAS.indexOf(role);
    int memberColumn = AccessMatrixBrowserIT.PERSONAS.indexOf("member");
    boolean member = role.equals("member");
    List<String> paths = new ArrayList<>();
    for (AccessMatrixBrowserIT.Row page : AccessMatrixBrowserIT.matrix()) {
      if (!page.method().equals("GET") || !page.path().contains(".xhtml")) {
        continue;
      }
      boolean opens = page.expected().get(column).equals("200");
      boolean memberOpens = page.expected().get(memberColumn).equals("200");
      if (!opens || (!member && memberOpens && !MORE_FOR_ADMINS.contains(page.path()))) {
        continue;
      }
      paths.add(
          page.path()
              .replace("{tenant}", Long.toString(demo.tenantId()))
              .replace("{project}", Long.toString(demo.projectId())));
    }
    String record = RECORD_PAGES.get(role);
    if (record != null) {
      String[] listAndLinks = record.split(" ", 2);
      paths.add(firstLink(listAndLinks[0], listAndLinks[1]));
    }
    return paths;
  }

  /**
   * The languages the walk above does not use, read by each role on the pages it walks, at a
   * phone's width, with the same checks of layout and language (no axe: what it checks does not
   * change with the language). The member reads hers in all seven (Spanish, Italian, Portuguese,
   * Dutch, Finnish, Croatian, Slovenian); the tenant admin and the platform admin read theirs in
   * Finnish, whose long compounds may break a table as German's do, and in Slovenian, whose bundle
   * names more of the units than the others. A text left in English in one bundle shows only in its
   * language.
   */
  private static final Map<String, List<String>> OTHER_LANGUAGES =
      Map.of(
          "member", List.of("es", "it", "pt", "nl", "fi", "hr", "sl"),
          "admin", List.of("fi", "sl"),
          "platform", List.of("fi", "sl"));

  @Test
  void everyOtherLanguageReadsEachRolesPagesWithTheSameChecks() throws Exception {
    List<String> problems = new ArrayList<>();
    int read = 0;
    for (Map.Entry<String, String> walker : WALKERS.entrySet()) {
      String role = walker.getKey();
      newBrowser();
      signIn(portal.toString(), walker.getValue());
      browser.manage().window().setSize(PHONE);
      List<String> paths = pagesOf(role);
      for (String language : OTHER_LANGUAGES.get(role)) {
        // from a page with the header's language menu (a walk ends on error pages without it)
        browser.get(portal + "dashboard.xhtml");
        waitForPortal();
        switchLanguage(language);
        eu.federa.testsupport.EnglishLeft portalsEnglish =
            eu.federa.testsupport.EnglishLeft.against(language);
        eu.federa.testsupport.CodeNames codeNames =
            eu.federa.testsupport.CodeNames.against(language);
        for (String path : paths) {
          browser.get(portal + path);
          waitForPortal();
          languageProblems(portalsEnglish, codeNames)
              .forEach(v -> problems.add(role + " (" + language + ") " + path + ": " + v));
          screenshotPage(role + "-" + language + "-" + path);
          read++;
        }
      }
    }
    assertThat(read).as("pages read").isGreaterThan(250);
    assertThat(problems)
        .as("layout and language problems at a phone's width in the other languages")
        .isEmpty();
  }

  /**
   * Every action of the main journey by keyboard alone: from the dashboard, Tab and Enter only (and
   * the arrow keys in a list box) to the catalog, an image's order form, its name and size, the
   * placement preview, the order, its confirmation and the new resource's page. A step fails when
   * its control is not among the first 80 the Tab key reaches, naming those it reached.
   */
  @Test
  void aMemberOrdersAVmWithTheKeyboardAlone() throws Exception {
    newBrowser();
    signIn(portal + "dashboard.xhtml", "mia");
    tabTo("the catalog in the menu", "e.id === 'nav-catalog'");
    press(org.openqa.selenium.Keys.ENTER);
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("catalog.xhtml"));
    waitForPortal();
    tabTo("an image's order link", "e.classList.contains('order-image')");
    press(org.openqa.selenium.Keys.ENTER);
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("order.xhtml"));
    waitForPortal();

    String name = "keys-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    tabTo("the name field", "e.id === 'order:name'");
    press(name);
    tabTo("the size list", "e.id === 'order:size'");
    for (int i = 0; i < 40 && !"s-2".equals(focused("e.value")); i++) {
      press(i < 20 ? org.openqa.selenium.Keys.ARROW_DOWN : org.openqa.selenium.Keys.ARROW_UP);
    }
    assertThat(focused("e.value")).as("size chosen with the arrow keys").isEqualTo("s-2");
    tabTo("the preview button", "e.id === 'order:preview'");
    press(org.openqa.selenium.Keys.ENTER);
    wait.until(
        org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
            org.openqa.selenium.By.id("placed-at")));
    tabTo("the order button", "e.id === 'order:place'");
    press(org.openqa.selenium.Keys.ENTER);
    wait.until(
        org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
            org.openqa.selenium.By.id("confirm-form:confirm-yes")));
    tabTo("the confirmation's yes", "e.id === 'confirm-form:confirm-yes'");
    press(org.openqa.selenium.Keys.ENTER);
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("resource.xhtml"));
    assertThat(browser.getPageSource()).contains(name);
    // Not kept: the VM ends (the other tests find Acme as it was).
    String order = browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
    long acme = eu.federa.testsupport.DemoAcme.read().tenantId();
    eu.federa.testsupport.SessionApi api =
        new eu.federa.testsupport.SessionApi(portal.toString(), browser);
    String path = "api/v1/tenants/" + acme + "/orders/" + order;
    waitUpTo(java.time.Duration.ofSeconds(90))
        .until(
            d -> {
              String body = api.get(path).body();
              return body.contains("\"canTerminate\":true") && body.contains("\"oneState\":\"");
            });
    // The running VM's page names its state at the provider in words, not as OpenNebula's code.
    browser.navigate().refresh();
    waitForPortal();
    assertThat(browser.findElement(org.openqa.selenium.By.id("resource:one-state")).getText())
        .isNotBlank();
    assertThat(((JavascriptExecutor) browser).executeScript(RAW_CONSTANT))
        .as("states shown as the code names them")
        .asList()
        .isEmpty();
    eu.federa.testsupport.SessionApi.Answer ended = api.post(path + "/terminate", "{}");
    assertThat(ended.status()).as(ended.body()).isEqualTo(202);
  }

  /**
   * The path (from the portal's root) of the first link {@code selector} finds on {@code page};
   * fails when there is none (the demo has providers).
   */
  private String firstLink(String page, String selector) {
    browser.get(portal + page);
    waitForPortal();
    String href =
        browser
            .findElement(org.openqa.selenium.By.cssSelector(selector))
            .getAttribute("href")
            .substring(portal.toString().length());
    return href;
  }

  /** What the focused element gives for {@code expression} of {@code e}. */
  private String focused(String expression) {
    return String.valueOf(
        ((JavascriptExecutor) browser)
            .executeScript(
                "var e = document.activeElement; return e ? String(" + expression + ") : '';"));
  }

  private void press(CharSequence keys) {
    new org.openqa.selenium.interactions.Actions(browser).sendKeys(keys).perform();
  }

  /** Presses Tab until the focused element {@code e} satisfies {@code condition} (a script). */
  private void tabTo(String what, String condition) {
    List<String> reached = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      press(org.openqa.selenium.Keys.TAB);
      if ("true".equals(focused(condition))) {
        return;
      }
      reached.add(focused("e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"));
    }
    throw new AssertionError("Tab does not reach " + what + "; it reached: " + reached);
  }
}
