package eu.federa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A page's {@code f:metadata} (view parameters and actions) is a direct child of the view: in a
 * page of the layout, inside {@code <ui:define name="metadata">}, which the layout inserts right
 * under {@code f:view}. Anywhere else it still works, but Faces logs a warning (JSF1103) on every
 * request of the page: thousands of lines a minute under load, and a share of the page's time.
 */
class PageMetadataTest {

  private static final String CORE = "jakarta.faces.core";
  private static final String FACELETS = "jakarta.faces.facelets";

  @Test
  void everyPagesMetadataIsADirectChildOfTheView() throws Exception {
    List<String> misplaced = new ArrayList<>();
    int found = 0;
    try (Stream<Path> pages = Files.walk(Path.of("src/main/webapp"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
        NodeList metadata = parse(page).getElementsByTagNameNS(CORE, "metadata");
        for (int i = 0; i < metadata.getLength(); i++) {
          found++;
          Element parent = (Element) metadata.item(i).getParentNode();
          boolean inView =
              CORE.equals(parent.getNamespaceURI()) && "view".equals(parent.getLocalName());
          boolean inDefine =
              FACELETS.equals(parent.getNamespaceURI())
                  && "define".equals(parent.getLocalName())
                  && "metadata".equals(parent.getAttribute("name"));
          if (!inView && !inDefine) {
            misplaced.add(page + " (in " + parent.getTagName() + ")");
          }
        }
      }
    }
    assertThat(found).as("pages with view parameters or actions").isGreaterThan(10);
    assertThat(misplaced).isEmpty();
  }

  @Test
  void theLayoutInsertsTheMetadataRightUnderTheView() throws Exception {
    Element view =
        (Element)
            parse(Path.of("src/main/webapp/WEB-INF/templates/layout.xhtml"))
                .getElementsByTagNameNS(CORE, "view")
                .item(0);
    NodeList inserts = view.getElementsByTagNameNS(FACELETS, "insert");
    boolean direct = false;
    for (int i = 0; i < inserts.getLength(); i++) {
      Element insert = (Element) inserts.item(i);
      direct |= "metadata".equals(insert.getAttribute("name")) && insert.getParentNode() == view;
    }
    assertThat(direct).isTrue();
  }

  private static org.w3c.dom.Document parse(Path page) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    try {
      return factory.newDocumentBuilder().parse(page.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(page.toString(), e);
    }
  }
}
