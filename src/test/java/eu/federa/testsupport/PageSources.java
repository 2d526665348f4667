package eu.federa.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** The portal's pages and templates as they are written (src/main/webapp), read as XML. */
public final class PageSources {

  private PageSources() {}

  /** Every page and template, in the order of their paths, with its root element. */
  public static Map<Path, Element> read() throws Exception {
    List<Path> pages;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "webapp"))) {
      pages = files.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList();
    }
    if (pages.size() < 40) {
      throw new IllegalStateException("only " + pages.size() + " pages found: not the portal's");
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Map<Path, Element> roots = new LinkedHashMap<>();
    for (Path page : pages) {
      roots.put(page, factory.newDocumentBuilder().parse(page.toFile()).getDocumentElement());
    }
    return roots;
  }
}
