package eu.federa.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTML written by Java for the portal's busiest tables, its header and menu and the dashboard's
 * cards, drawn by one component ({@link MarkupComponent}) instead of a component per row and cell:
 * a table's rows built from components were most of a page's time under load (docs/performance.md,
 * "Pages under load"). Only elements of a short list and plain attribute names can be made; every
 * text and attribute value is escaped by {@link MarkupComponent} when it is written, so data can
 * never become markup.
 */
public sealed interface Markup permits Markup.Element, Markup.Text {

  /**
   * Elements a table's rows (and a filter's options, the header, the menu, the dashboard's cards
   * and the resource list's whole table with its pager) use. The header's forms post to the
   * portal's own servlets; no element runs a script.
   */
  Set<String> TAGS =
      Set.of(
          "tr", "td", "th", "span", "div", "a", "strong", "p", "br", "option", "section", "h2",
          "dl", "dt", "dd", "form", "input", "button", "details", "summary", "table", "thead",
          "tbody", "nav");

  /** Elements without content or end tag. */
  Set<String> VOID = Set.of("br", "input");

  /** A text, escaped where it is written. */
  record Text(String text) implements Markup {}

  /** An element with attributes (name and value pairs) and children. */
  final class Element implements Markup {
    /**
     * An attribute name of lower-case letters and hyphens, starting with a letter: checked by hand,
     * since a regular expression's matcher for each attribute of each cell was 7 % of the catalog's
     * time under load.
     */
    static boolean plainName(String name) {
      if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
        return false;
      }
      for (int i = 1; i < name.length(); i++) {
        char c = name.charAt(i);
        if ((c < 'a' || c > 'z') && c != '-') {
          return false;
        }
      }
      return true;
    }

    private final String tag;
    private final List<String> attributes = new ArrayList<>(6);
    private final List<Markup> children = new ArrayList<>(2);

    private Element(String tag) {
      if (!TAGS.contains(tag)) {
        throw new IllegalArgumentException("Not an element the portal writes from Java: " + tag);
      }
      this.tag = tag;
    }

    /** Sets an attribute; a null value leaves it out. */
    public Element attr(String name, String value) {
      if (!plainName(name) || name.startsWith("on")) {
        throw new IllegalArgumentException("Not an attribute the portal writes: " + name);
      }
      if (value != null) {
        attributes.add(name);
        attributes.add(value);
      }
      return this;
    }

    /** The {@code class} attribute, when not blank. */
    public Element css(String classes) {
      return classes == null || classes.isBlank() ? this : attr("class", classes);
    }

    public Element add(Markup child) {
      children.add(child);
      return this;
    }

    /** Adds a text (nothing for null or empty). */
    public Element text(String text) {
      if (text != null && !text.isEmpty()) {
        children.add(new Text(text));
      }
      return this;
    }

    public String tag() {
      return tag;
    }

    /** Attribute names and values, alternating. */
    public List<String> attributes() {
      return attributes;
    }

    public List<Markup> children() {
      return children;
    }
  }

  static Element el(String tag) {
    return new Element(tag);
  }

  /** A table cell ({@code role="gridcell"} as the portal's tables have). */
  static Element cell() {
    return el("td").attr("role", "gridcell");
  }

  /** A row of a portal table: the theme's stripes by its index. */
  static Element row(int index, String classes) {
    String stripe =
        index % 2 == 0
            ? "ui-widget-content ui-datatable-even"
            : "ui-widget-content ui-datatable-odd";
    return el("tr").css(classes == null ? stripe : stripe + " " + classes).attr("role", "row");
  }

  /** An option of a select, selected when it is the one chosen. */
  static Element option(String value, String label, boolean selected) {
    return el("option")
        .attr("value", value)
        .attr("selected", selected ? "selected" : null)
        .text(label);
  }

  /** A span with a class around a text. */
  static Element span(String classes, String text) {
    return el("span").css(classes).text(text);
  }
}
