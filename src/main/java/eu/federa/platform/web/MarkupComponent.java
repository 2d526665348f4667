package eu.federa.platform.web;

import jakarta.faces.component.FacesComponent;
import jakarta.faces.component.UIComponentBase;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import java.util.List;

/**
 * {@code <fd:markup value="#{...}"/>}: writes a {@link Markup} or a list of them, texts and
 * attribute values escaped. One component for a whole table body.
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

  /**
   * Writes a {@link Markup} or an iterable of them (null: nothing) as one string: the elements and
   * attribute names are the portal's own ({@link Markup} allows no others, no event handler), every
   * text and attribute value escaped here. Written element by element through the response writer
   * (and PrimeFaces' policy writer, which inspects every attribute for inline scripts), a page of
   * rows was a sixth of the resource list's time under load (docs/performance.md).
   */
  public static void write(ResponseWriter writer, Object value) throws IOException {
    if (value != null) {
      writer.write(html(value));
    }
  }

  /** The HTML of a {@link Markup} or an iterable of them, escaped. */
  public static String html(Object value) {
    StringBuilder html = new StringBuilder(1024);
    append(html, value);
    return html.toString();
  }

  private static void append(StringBuilder html, Object value) {
    if (value instanceof Markup markup) {
      append(html, markup);
    } else if (value instanceof Iterable<?> all) {
      for (Object each : all) {
        append(html, each);
      }
    } else if (value != null) {
      throw new IllegalArgumentException("Not markup: " + value.getClass().getName());
    }
  }

  private static void append(StringBuilder html, Markup markup) {
    if (markup instanceof Markup.Text text) {
      escape(html, text.text(), false);
      return;
    }
    Markup.Element element = (Markup.Element) markup;
    html.append('<').append(element.tag());
    List<String> attributes = element.attributes();
    for (int i = 0; i < attributes.size(); i += 2) {
      html.append(' ').append(attributes.get(i)).append("=\"");
      escape(html, attributes.get(i + 1), true);
      html.append('"');
    }
    html.append('>');
    if (!Markup.VOID.contains(element.tag())) {
      for (Markup child : element.children()) {
        append(html, child);
      }
      html.append("</").append(element.tag()).append('>');
    }
  }

  /**
   * Escapes a text for an element's content or, with {@code attribute}, a quoted attribute value.
   * Control characters other than tab, line feed and carriage return (not allowed in HTML) become
   * spaces.
   */
  static void escape(StringBuilder html, String text, boolean attribute) {
    int plain = 0; // most texts have nothing to escape: appended at once up to the first that has
    while (plain < text.length() && !special(text.charAt(plain))) {
      plain++;
    }
    html.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> html.append("&amp;");
        case '<' -> html.append("&lt;");
        case '>' -> html.append("&gt;");
        case '"' -> html.append("&quot;");
        case '\'' -> html.append(attribute ? "&#39;" : "'");
        default -> html.append(special(c) ? ' ' : c);
      }
    }
  }

  /** Whether a character is escaped or replaced (markup, quotes, control characters). */
  private static boolean special(char c) {
    return c == '&'
        || c == '<'
        || c == '>'
        || c == '"'
        || c == '\''
        || c < 0x20 && c != '\t' && c != '\n' && c != '\r'
        || c == 0x7f;
  }
}
