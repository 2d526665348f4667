package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue #19: a destructive action is confirmed. Every button, link or menu item of every page whose
 * action removes, deletes, revokes, stops, terminates, rejects, detaches, releases, withdraws,
 * disables or overwrites something asks first: a PrimeFaces confirmation inside it, or a dialog
 * around it that is itself the question (restoring a backup asks for the new VM's name).
 */
class DestructiveActionsTest {

  /** The verbs an action's method starts with when what it does cannot be taken back. */
  private static final Pattern DESTRUCTIVE =
      Pattern.compile(
          "\\.(remove|delete|revoke|cancel|disable|terminate|destroy|detach|stop|reject|purge"
              + "|wipe|restore|rollBack|discard|drop|evacuate|retire|withdraw|erase|reset|release"
              + "|abort|suspend|issue)[A-Z(}]");

  private static final Set<String> COMMANDS =
      Set.of("commandButton", "commandLink", "menuitem", "splitButton");

  @Test
  void everyDestructiveActionOnEveryPageIsConfirmed() throws Exception {
    List<Path> pages;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "webapp"))) {
      pages = files.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList();
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    List<String> unconfirmed = new ArrayList<>();
    int destructive = 0;
    for (Path page : pages) {
      NodeList all =
          factory
              .newDocumentBuilder()
              .parse(page.toFile())
              .getDocumentElement()
              .getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        Element command = (Element) all.item(i);
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
          unconfirmed.add(page.getFileName() + ": " + action);
        }
      }
    }
    assertThat(destructive).as("destructive actions found").isGreaterThan(20);
    assertThat(unconfirmed).as("destructive actions that do not ask first").isEmpty();
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
