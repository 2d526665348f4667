package eu.federa.platform.web;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import java.io.Writer;

/**
 * A response writer for unit tests that writes what it is given as HTML, escaping texts and
 * attribute values as Faces' HTML writer does for {@code <>&"}; markup written raw with {@code
 * write} is marked, so a test sees it.
 */
public final class HtmlRecorder extends ResponseWriter {

  private final StringBuilder html = new StringBuilder();
  private boolean open;

  public String html() {
    closeStart();
    return html.toString();
  }

  private void closeStart() {
    if (open) {
      html.append('>');
      open = false;
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public String getContentType() {
    return "text/html";
  }

  @Override
  public String getCharacterEncoding() {
    return "UTF-8";
  }

  @Override
  public void flush() {}

  @Override
  public void startDocument() {}

  @Override
  public void endDocument() {}

  @Override
  public void startElement(String name, UIComponent component) {
    closeStart();
    html.append('<').append(name);
    open = true;
  }

  @Override
  public void endElement(String name) {
    closeStart();
    html.append("</").append(name).append('>');
  }

  @Override
  public void writeAttribute(String name, Object value, String property) {
    html.append(' ').append(name).append("=\"").append(escape(String.valueOf(value))).append('"');
  }

  @Override
  public void writeURIAttribute(String name, Object value, String property) {
    writeAttribute(name, value, property);
  }

  @Override
  public void writeComment(Object comment) {
    closeStart();
    html.append("<!--").append(comment).append("-->");
  }

  @Override
  public void writeText(Object text, String property) {
    closeStart();
    html.append(escape(String.valueOf(text)));
  }

  @Override
  public void writeText(char[] text, int off, int len) {
    writeText(new String(text, off, len), null);
  }

  @Override
  public ResponseWriter cloneWithWriter(Writer writer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    closeStart();
    html.append("[RAW:").append(cbuf, off, len).append(']');
  }

  @Override
  public void close() {}
}
