package eu.federa.cloud.opennebula;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A light element tree of an OpenNebula XML document (HOST_POOL, VM, ...), read with StAX.
 * Attributes are not kept: OpenNebula puts everything in elements.
 */
final class XmlNode {

  private static final XMLInputFactory FACTORY = secureFactory();
  private static final List<XmlNode> NONE = Collections.emptyList();

  private final String name;
  private String text = "";
  private List<XmlNode> children = NONE;

  private XmlNode(String name) {
    this.name = name;
  }

  static XmlNode parse(String xml) {
    try {
      XMLStreamReader in = FACTORY.createXMLStreamReader(new StringReader(xml));
      try {
        while (in.hasNext()) {
          if (in.next() == XMLStreamConstants.START_ELEMENT) {
            return read(in);
          }
        }
        throw new IllegalArgumentException("empty document");
      } finally {
        in.close();
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("unreadable XML: " + e.getMessage(), e);
    }
  }

  private static XmlNode read(XMLStreamReader in) throws XMLStreamException {
    XmlNode node = new XmlNode(in.getLocalName());
    StringBuilder text = null;
    while (in.hasNext()) {
      int event = in.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          if (node.children == NONE) {
            node.children = new ArrayList<>(4);
          }
          node.children.add(read(in));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (text == null) {
            text = new StringBuilder();
          }
          text.append(in.getText());
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (text != null) {
            node.text = text.toString().trim();
          }
          return node;
        }
        default -> {
          // comments, processing instructions
        }
      }
    }
    return node;
  }

  String name() {
    return name;
  }

  String text() {
    return text;
  }

  List<XmlNode> children() {
    return children;
  }

  /** The first child of that name, or an empty node (so chains never need null checks). */
  XmlNode child(String childName) {
    for (XmlNode c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return new XmlNode(childName);
  }

  List<XmlNode> all(String childName) {
    List<XmlNode> found = new ArrayList<>();
    for (XmlNode c : children) {
      if (c.name.equals(childName)) {
        found.add(c);
      }
    }
    return found;
  }

  boolean has(String childName) {
    for (XmlNode c : children) {
      if (c.name.equals(childName)) {
        return true;
      }
    }
    return false;
  }

  String text(String childName) {
    return child(childName).text;
  }

  /** A child's text as a number; {@code fallback} when absent, empty or not a number. */
  long number(String childName, long fallback) {
    String value = text(childName);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      try {
        return (long) Double.parseDouble(value);
      } catch (NumberFormatException e2) {
        return fallback;
      }
    }
  }

  int integer(String childName, int fallback) {
    return (int) number(childName, fallback);
  }

  double decimal(String childName, double fallback) {
    String value = text(childName);
    try {
      return value.isEmpty() ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
