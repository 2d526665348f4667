package eu.federa.platform.web;

import jakarta.faces.component.FacesComponent;
import jakarta.faces.component.UIComponentBase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import java.util.List;

/**
 * {@code <fd:markup value="#{...}"/>}: writes a {@link Markup} or a list of them, texts and
 * attribute values escaped by the response writer. One component for a whole table body.
 */
@FacesComponent(
    value = MarkupComponent.TYPE,
    createTag = true,
    tagName = "markup",
    namespace = MarkupComponent.NAMESPACE)
public class MarkupComponent extends UIComponentBase {

  public static final String TYPE = "eu.federa.Markup";
  public static final String NAMESPACE = "urn:federa:faces";

  @Override
  public String getFamily() {
    return TYPE;
  }

  @Override
  public boolean getRendersChildren() {
    return true;
  }

  @Override
  public void encodeBegin(FacesContext context) {
    // everything is written at the end
  }

  @Override
  public void encodeChildren(FacesContext context) {
    // no children
  }

  @Override
  public void encodeEnd(FacesContext context) throws IOException {
    if (!isRendered()) {
      return;
    }
    write(context.getResponseWriter(), getAttributes().get("value"));
  }

  /** Writes a {@link Markup} or an iterable of them (null: nothing). */
  public static void write(ResponseWriter writer, Object value) throws IOException {
    if (value instanceof Markup markup) {
      write(writer, markup);
    } else if (value instanceof Iterable<?> all) {
      for (Object each : all) {
        write(writer, each);
      }
    } else if (value != null) {
      throw new IllegalArgumentException("Not markup: " + value.getClass().getName());
    }
  }

  private static void write(ResponseWriter writer, Markup markup) throws IOException {
    if (markup instanceof Markup.Text text) {
      writer.writeText(text.text(), null);
      return;
    }
    Markup.Element element = (Markup.Element) markup;
    writer.startElement(element.tag(), null);
    List<String> attributes = element.attributes();
    for (int i = 0; i < attributes.size(); i += 2) {
      writer.writeAttribute(attributes.get(i), attributes.get(i + 1), null);
    }
    for (Markup child : element.children()) {
      write(writer, child);
    }
    writer.endElement(element.tag());
  }
}
