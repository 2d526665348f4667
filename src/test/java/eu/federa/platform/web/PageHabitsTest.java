package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue #19, what every page does: a destructive action is confirmed, and an empty table says what
 * it means and what to do next, in the reader's language.
 */
class PageHabitsTest {

  /** The verbs an action's method starts with when what it does cannot be taken back. */
  private static final Pattern DESTRUCTIVE =
      Pattern.compile(
          "\\.(remove|delete|revoke|cancel|disable|terminate|destroy|detach|stop|reject|purge"
              + "|wipe|restore|rollBack|discard|drop|evacuate|retire|withdraw|erase|reset|release"
              + "|abort|suspend|issue)[A-Z(}]");

  private static final Set<String> COMMANDS =
      Set.of("commandButton", "commandLink", "menuitem", "splitButton");

  /**
   * Tables that cannot be empty where they are drawn: a team's members (the reader is one), the
   * filters a placement went through (every filter is a step), a placement's choices (drawn only
   * once placed).
   */
  private static final Set<String> NEVER_EMPTY =
      Set.of(
          "#{teamPage.members}",
          "#{orderPage.quote.decision().explanation().steps()}",
          "#{resourcePage.explanation.steps()}",
          "#{x.steps()}",
          "#{d.choices()}",
          "#{aiPage.quote.decision().choices()}");

  /**
   * Every button, link or menu item of every page whose action removes, deletes, revokes, stops,
   * terminates, rejects, detaches, releases, withdraws, disables or overwrites something asks
   * first: a PrimeFaces confirmation inside it, or a dialog around it that is itself the question
   * (restoring a backup asks for the new VM's name).
   */
  @Test
  void everyDestructiveActionOnEveryPageIsConfirmed() throws Exception {
    List<String> unconfirmed = new ArrayList<>();
    int destructive = 0;
    for (Map.Entry<Path, List<Element>> page : elementsOfEveryPage().entrySet()) {
      for (Element command : page.getValue()) {
        if (!COMMANDS.contains(command.getLocalName())) {
          continue;
        }
        String action = command.getAttribute("action") + command.getAttribute("actionListener");
        Matcher verb = DESTRUCTIVE.matcher(action);
        if (!verb.find()) {
          continue;
        }
        destructive++;
        if (!asksFirst(command)) {
          unconfirmed.add(page.getKey().getFileName() + ": " + action);
        }
      }
    }
    assertThat(destructive).as("destructive actions found").isGreaterThan(20);
    assertThat(unconfirmed).as("destructive actions that do not ask first").isEmpty();
  }

  /**
   * Every table of every page says, when it is empty, what that means in the reader's words (a
   * message of the bundles, not PrimeFaces' "No rows to show" nor a dash), unless it is drawn only
   * when it has rows or cannot be empty ({@link #NEVER_EMPTY}).
   */
  @Test
  void everyTableThatCanBeEmptySaysWhatThatMeans() throws Exception {
    List<String> silent = new ArrayList<>();
    int tables = 0;
    for (Map.Entry<Path, List<Element>> page : elementsOfEveryPage().entrySet()) {
      for (Element table : page.getValue()) {
        if (!table.getLocalName().equals("dataTable")) {
          continue;
        }
        tables++;
        String value = table.getAttribute("value");
        if (NEVER_EMPTY.contains(value) || drawnOnlyWithRows(table, value)) {
          continue;
        }
        if (!table.getAttribute("emptyMessage").startsWith("#{msg[")) {
          silent.add(page.getKey().getFileName() + ": " + value);
        }
      }
    }
    assertThat(tables).as("tables found").isGreaterThan(60);
    assertThat(silent).as("tables that do not say what their being empty means").isEmpty();
  }

  /**
   * Every message a page shows is PrimeFaces' ({@code p:messages}, {@code p:message}, {@code
   * p:growl}), which a screen reader is told of; Faces' own {@code h:messages} and {@code
   * h:message} are plain text that appears unannounced. Two upload forms had them: a platform admin
   * who uploaded latencies or an export bundle with a mistake was not told.
   */
  @Test
  void everyMessageAPageShowsIsAnnounced() throws Exception {
    List<String> silent = new ArrayList<>();
    int messages = 0;
    for (Map.Entry<Path, List<Element>> page : elementsOfEveryPage().entrySet()) {
      for (Element e : page.getValue()) {
        boolean message = e.getLocalName().equals("message") || e.getLocalName().equals("messages");
        if (!message) {
          continue;
        }
        messages++;
        if (!"primefaces".equals(e.getNamespaceURI())) {
          silent.add(
              page.getKey().getFileName()
                  + ": "
                  + e.getTagName()
                  + " "
                  + e.getAttribute("id")
                  + e.getAttribute("for"));
        }
      }
    }
    assertThat(messages).as("messages found").isGreaterThan(100);
    assertThat(silent).as("messages a screen reader is not told of").isEmpty();
  }

  /** The table, or what holds it, is drawn only when its rows are not empty. */
  private static boolean drawnOnlyWithRows(Element table, String value) {
    String rows = value.replaceAll("^#\\{|}$", "");
    for (Node up = table; up instanceof Element; up = up.getParentNode()) {
      String rendered = ((Element) up).getAttribute("rendered");
      if (rendered.contains("not empty " + rows)) {
        return true;
      }
    }
    return false;
  }

  /** Each page of the portal with its elements, in document order. */
  private static Map<Path, List<Element>> elementsOfEveryPage() throws Exception {
    Map<Path, List<Element>> elements = new LinkedHashMap<>();
    for (Map.Entry<Path, Element> page : eu.federa.testsupport.PageSources.read().entrySet()) {
      NodeList all = page.getValue().getElementsByTagName("*");
      List<Element> list = new ArrayList<>();
      for (int i = 0; i < all.getLength(); i++) {
        list.add((Element) all.item(i));
      }
      elements.put(page.getKey(), list);
    }
    return elements;
  }

  private static boolean asksFirst(Element command) {
    NodeList inside = command.getElementsByTagName("*");
    for (int i = 0; i < inside.getLength(); i++) {
      if ("confirm".equals(inside.item(i).getLocalName())) {
        return true;
      }
    }
    for (Node up = command.getParentNode(); up != null; up = up.getParentNode()) {
      if ("dialog".equals(up.getLocalName()) || "confirmDialog".equals(up.getLocalName())) {
        return true;
      }
    }
    return false;
  }
}
