package eu.federa.platform.web;

import eu.federa.platform.i18n.Formats;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIOutput;
import jakarta.faces.component.UIParameter;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.Renderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <h:outputFormat>} filled as every other message of the portal is ({@link
 * Formats#message}): an instant given as a parameter in the reader's time zone and language, a
 * month by its name, money and sizes ({@code Localized}) in the reader's format. The
 * implementation's own renderer gave them to {@link java.text.MessageFormat} as they were, which
 * wrote an instant as {@code 2026-12-08T02:00:00Z} and a month as {@code 2026-10} in every
 * language.
 *
 * <p>Otherwise as the specification says of {@code h:outputFormat}: the pattern alone when there is
 * no parameter, text escaped unless {@code escape="false"}, a {@code span} when the component has
 * an id of its own or a style, class, title, language or direction. Declared in {@code
 * faces-config.xml}, where it takes the place of the implementation's.
 */
public class FormattedTextRenderer extends Renderer {

  private static final String[] SPAN_ATTRIBUTES = {"style", "title", "dir", "lang"};

  @Override
  public boolean getRendersChildren() {
    return true;
  }

  @Override
  public void encodeChildren(FacesContext context, UIComponent component) {
    // the parameters are read in encodeEnd, nothing of them is written
  }

  @Override
  public void encodeEnd(FacesContext context, UIComponent component) throws IOException {
    if (!component.isRendered()) {
      return;
    }
    Object pattern = ((UIOutput) component).getValue();
    List<Object> parameters = new ArrayList<>();
    for (UIComponent child : component.getChildren()) {
      if (child instanceof UIParameter parameter && !parameter.isDisable()) {
        parameters.add(parameter.getValue());
      }
    }
    String text =
        text(
            pattern == null ? "" : pattern.toString(),
            parameters,
            parameters.isEmpty() ? null : InstantConverter.currentReader());
    ResponseWriter writer = context.getResponseWriter();
    Map<String, Object> attributes = component.getAttributes();
    boolean ownId = ownId(component);
    boolean span = ownId || attributes.get("styleClass") != null;
    for (String name : SPAN_ATTRIBUTES) {
      span |= attributes.get(name) != null;
    }
    if (span) {
      writer.startElement("span", component);
      if (ownId) {
        writer.writeAttribute("id", component.getClientId(context), "id");
      }
      if (attributes.get("styleClass") != null) {
        writer.writeAttribute("class", attributes.get("styleClass"), "styleClass");
      }
      for (String name : SPAN_ATTRIBUTES) {
        if (attributes.get(name) != null) {
          writer.writeAttribute(name, attributes.get(name), name);
        }
      }
    }
    Object escape = attributes.get("escape");
    if (escape == null || Boolean.parseBoolean(escape.toString())) {
      writer.writeText(text, component, "value");
    } else {
      writer.write(text);
    }
    if (span) {
      writer.endElement("span");
    }
  }

  /**
   * The text of a pattern with its parameters, for {@code reader}; with none, the pattern as it is
   * (as the specification has it: no quote of the pattern is undone).
   */
  static String text(String pattern, List<Object> parameters, Formats reader) {
    if (parameters.isEmpty()) {
      return pattern;
    }
    return reader.message(pattern, parameters.toArray());
  }

  private static boolean ownId(UIComponent component) {
    String id = component.getId();
    return id != null && !id.startsWith(UIViewRoot.UNIQUE_ID_PREFIX);
  }
}
