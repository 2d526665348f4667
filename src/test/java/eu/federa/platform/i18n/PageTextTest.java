package eu.federa.platform.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * No page writes words of its own: every text a reader sees comes from the message bundles, so a
 * page in German or Polish has no English left in it. Reads every page and template as XML and
 * reports text, and attributes a reader sees (titles, labels, headers, placeholders, button
 * values), that hold a word outside an expression.
 */
class PageTextTest {

  /**
   * Names, units, codes and formats that are the same in every language, and the languages' own
   * names (each offered in its own language).
   */
  private static final Set<String> SAME_IN_EVERY_LANGUAGE =
      Set.of(
          "internet", // the name of an OpenNebula network, in a placeholder's example
          "English",
          "Français",
          "Deutsch",
          "Español",
          "Italiano",
          "Português",
          "Nederlands",
          "Suomi",
          "Polski",
          "Hrvatski",
          "Slovenščina",
          "ISO",
          "SecNumCloud",
          "ms",
          "yyyy",
          "mm",
          "dd",
          "Federa",
          "CPU",
          "SSH",
          "CSV",
          "PDF",
          "JSON",
          "API",
          "URL",
          "IP",
          "EUR",
          "MiB",
          "GiB",
          "TiB",
          "SHA",
          "ID",
          "OpenNebula",
          "Keycloak",
          "MD",
          "IPv",
          "TCP",
          "UDP",
          "ICMP",
          "CIDR",
          "HTTP",
          "HTTPS",
          "OpenAI",
          "EN",
          "FR",
          "DE",
          "ES",
          "IT",
          "PT",
          "NL",
          "FI",
          "PL",
          "HR",
          "SL",
          "ETag",
          "UTC",
          "ssh",
          "json",
          "csv",
          "pdf",
          "http",
          "https");

  private static final Set<String> SEEN_ATTRIBUTES =
      Set.of(
          "title",
          "alt",
          "placeholder",
          "aria-label",
          "headerText",
          "footerText",
          "label",
          "itemLabel",
          "emptyMessage",
          "header",
          "message",
          "noSelectionLabel",
          "emptyLabel",
          "requiredMessage",
          "validatorMessage",
          "converterMessage",
          "summary");

  private static final Set<String> VALUE_IS_TEXT =
      Set.of(
          "commandButton",
          "commandLink",
          "button",
          "outputLabel",
          "outputText",
          "link",
          "menuitem",
          "submenu",
          "selectItem");

  private static final Pattern EXPRESSION = Pattern.compile("[#$]\\{[^}]*}");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

  /**
   * File names, addresses and example identifiers (a placeholder's {@code web-01}, {@code
   * s3://bucket/}): code, not prose.
   */
  private static final Pattern FILE_OR_EXAMPLE =
      Pattern.compile(
          "[A-Za-z0-9+.-]+://\\S*|[\\w.-]*\\.(json|csv|pdf)\\b|ssh-\\S+ \\S+\\.\\.\\. \\S+"
              + "|\\b[a-z0-9]+(-[a-z0-9]+)+\\b|[a-z0-9-]+=[0-9./]+");

  @Test
  void everyWordOnEveryPageComesFromTheBundles() throws Exception {
    List<String> found = new ArrayList<>();
    for (Map.Entry<Path, Element> page : eu.federa.testsupport.PageSources.read().entrySet()) {
      walk(page.getValue(), page.getKey().getFileName().toString(), found);
    }
    assertThat(found).as("words written into pages instead of the message bundles").isEmpty();
  }

  /**
   * A message with placeholders ("Up to {0} keys.") is written through {@code h:outputFormat},
   * which fills them: a page that shows it as it is ({@code #{msg['sshkey.limit']}}) shows the
   * braces.
   */
  @Test
  void noPageShowsAMessageWithItsPlaceholdersUnfilled() throws Exception {
    java.util.Properties english = new java.util.Properties();
    try (var in =
        Files.newInputStream(
            Path.of("src/main/resources/eu/federa/platform/i18n/messages.properties"))) {
      english.load(in);
    }
    Pattern shown = Pattern.compile("msg\\['([A-Za-z0-9_.]+)'\\]");
    Pattern placeholder = Pattern.compile("\\{\\d");
    List<String> found = new ArrayList<>();
    List<Path> pages;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "webapp"))) {
      pages = files.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList();
    }
    for (Path page : pages) {
      String text = Files.readString(page);
      var uses = shown.matcher(text);
      while (uses.find()) {
        String message = english.getProperty(uses.group(1));
        if (message == null || !placeholder.matcher(message).find()) {
          continue;
        }
        String tag = text.substring(text.lastIndexOf('<', uses.start()));
        if (!tag.startsWith("<h:outputFormat")) {
          int line = (int) text.substring(0, uses.start()).chars().filter(c -> c == '\n').count();
          found.add(page.getFileName() + ":" + (line + 1) + " " + uses.group(1));
        }
      }
    }
    assertThat(found).as("messages with placeholders shown unformatted").isEmpty();
  }

  /**
   * A label the page follows with a colon of its own ("#{msg['whatif.hosts']}: 3") writes it as
   * each language punctuates: French keeps its colon with the label by a no-break space. The colon
   * is the bundles' {@code punctuation.colon}.
   */
  @Test
  void noPageWritesALabelsColonItself() throws Exception {
    List<String> found = new ArrayList<>();
    List<Path> pages;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "webapp"))) {
      pages = files.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList();
    }
    Pattern labelColon = Pattern.compile("#\\{msg\\[[^\\]]*\\]}\\s*:");
    for (Path page : pages) {
      var m = labelColon.matcher(Files.readString(page));
      while (m.find()) {
        found.add(page.getFileName() + ": " + m.group());
      }
    }
    assertThat(found).as("labels followed by a colon the page writes").isEmpty();
    assertThat(
            java.util.ResourceBundle.getBundle(
                    "eu.federa.platform.i18n.messages", java.util.Locale.FRENCH)
                .getString("punctuation.colon"))
        .isEqualTo("\u00a0:");
  }

  private void walk(Node node, String page, List<String> found) throws IOException {
    if (node instanceof Element e) {
      String name = e.getLocalName();
      if (Set.of("script", "style", "code", "pre").contains(name)) {
        return;
      }
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Node a = attributes.item(i);
        String attribute = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
        if (SEEN_ATTRIBUTES.contains(attribute)
            || (attribute.equals("value")
                && VALUE_IS_TEXT.contains(name)
                && !"http://www.w3.org/1999/xhtml".equals(e.getNamespaceURI()))
            || (attribute.equals("itemLabel"))) {
          check(page, name + "@" + attribute, a.getNodeValue(), found);
        }
      }
    } else if (node.getNodeType() == Node.TEXT_NODE) {
      check(page, "text", node.getNodeValue(), found);
    }
    NodeList children = node.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      walk(children.item(i), page, found);
    }
  }

  private static void check(String page, String where, String text, List<String> found) {
    String outside = EXPRESSION.matcher(text).replaceAll(" ");
    outside = FILE_OR_EXAMPLE.matcher(outside).replaceAll(" ");
    var words = WORD.matcher(outside);
    while (words.find()) {
      if (!SAME_IN_EVERY_LANGUAGE.contains(words.group())) {
        found.add(page + " " + where + ": " + text.strip());
        return;
      }
    }
  }
}
