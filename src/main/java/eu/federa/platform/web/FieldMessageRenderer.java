package eu.federa.platform.web;

import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIData;
import jakarta.faces.component.UIMessages;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.PartialViewContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import org.primefaces.component.message.Message;
import org.primefaces.component.message.MessageRenderer;

/**
 * A field's message ({@code p:message}) that the form's summary ({@code p:messages} showing field
 * messages too) also shows is not a live region of its own: a screen reader announced every mistake
 * twice, once from the summary at the top and once from the field. The summary announces it; the
 * field's message stays on the page beside the field, and PrimeFaces' widget names it as the
 * field's description ({@code aria-describedby}), read when the field is reached. A field's message
 * that no summary drawn in the same response shows keeps its alert.
 */
public class FieldMessageRenderer extends MessageRenderer {

  /** What makes an element announced when it appears. */
  private static final Set<String> LIVE = Set.of("role", "aria-live", "aria-atomic");

  @Override
  protected void encodeMarkup(FacesContext context, Message component, String targetClientId)
      throws IOException {
    if (!context.getMessages(targetClientId).hasNext() || !summarised(context, component)) {
      super.encodeMarkup(context, component, targetClientId);
      return;
    }
    ResponseWriter original = context.getResponseWriter();
    context.setResponseWriter(new Unannounced(original));
    try {
      super.encodeMarkup(context, component, targetClientId);
    } finally {
      context.setResponseWriter(original);
    }
  }

  /**
   * Whether a summary that shows the fields' messages as well as the page's is drawn in this
   * response with {@code message}: anywhere in the view (a form's summary may stand in another
   * form, updated with it), drawn (it and all around it), and part of what an Ajax request renders.
   */
  static boolean summarised(FacesContext context, UIComponent message) {
    UIComponent root = message;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return summaryIn(context, root);
  }

  private static boolean summaryIn(FacesContext context, UIComponent parent) {
    for (UIComponent child : parent.getChildren()) {
      if (child instanceof UIMessages summary) {
        if (!summary.isGlobalOnly()
            && summary.getFor() == null
            && drawn(summary)
            && inResponse(context, summary)) {
          return true;
        }
      } else if (child.getChildCount() > 0
          && !(child instanceof UIData)
          && summaryIn(context, child)) {
        return true; // a table's rows hold no summary
      }
    }
    return false;
  }

  /**
   * Whether {@code summary} and all around it are drawn: asked of these only, not of every
   * component on the way (a condition inside a table's row cannot be asked outside it).
   */
  private static boolean drawn(UIComponent summary) {
    for (UIComponent c = summary; c != null; c = c.getParent()) {
      if (!c.isRendered()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code summary} is written in this response: all of it, or a part around it. */
  private static boolean inResponse(FacesContext context, UIComponent summary) {
    PartialViewContext partial = context.getPartialViewContext();
    if (!partial.isAjaxRequest() || partial.isRenderAll()) {
      return true;
    }
    Collection<String> rendered = partial.getRenderIds();
    for (UIComponent c = summary; c != null; c = c.getParent()) {
      if (c.getId() != null && rendered.contains(c.getClientId(context))) {
        return true;
      }
    }
    return false;
  }

  /** Writes the message's outer element without the attributes that make it announced. */
  private static final class Unannounced extends ResponseWriterWrapper {
    private int depth;

    Unannounced(ResponseWriter wrapped) {
      super(wrapped);
    }

    @Override
    public void startElement(String name, UIComponent component) throws IOException {
      depth++;
      super.startElement(name, component);
    }

    @Override
    public void endElement(String name) throws IOException {
      depth--;
      super.endElement(name);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
      if (depth == 1 && LIVE.contains(name)) {
        return;
      }
      super.writeAttribute(name, value, property);
    }
  }
}
