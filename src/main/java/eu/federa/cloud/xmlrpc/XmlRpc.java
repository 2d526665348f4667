package eu.federa.cloud.xmlrpc;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML-RPC encoding and decoding of the types OpenNebula uses, as a client needs them: calls out,
 * responses in. (The server half, which only the test suite's simulator needs, is in test scope.)
 *
 * <p>Java mapping: {@code <string>} (or an untyped value) ↔ {@link String}, {@code <int>}/{@code
 * <i4>} ↔ {@link Integer}, {@code <i8>} ↔ {@link Long}, {@code <boolean>} ↔ {@link Boolean}, {@code
 * <double>} ↔ {@link Double}, {@code <array>} ↔ {@link List}, {@code <struct>} ↔ {@link Map},
 * {@code <base64>} ↔ {@code byte[]}, {@code <dateTime.iso8601>} → {@link String} as sent. Parsing
 * uses StAX with DTDs and external entities disabled: provider answers are untrusted input.
 */
public final class XmlRpc {

  private static final XMLInputFactory FACTORY = secureFactory();

  private XmlRpc() {}

  // ---------------------------------------------------------------- writing

  public static String methodCall(String method, List<?> params) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodCall><methodName>");
    escape(method, xml);
    xml.append("</methodName><params>");
    for (Object param : params) {
      xml.append("<param>");
      value(param, xml);
      xml.append("</param>");
    }
    return xml.append("</params></methodCall>").toString();
  }

  static void value(Object v, StringBuilder xml) {
    xml.append("<value>");
    if (v instanceof String s) {
      xml.append("<string>");
      escape(s, xml);
      xml.append("</string>");
    } else if (v instanceof Integer i) {
      xml.append("<int>").append(i).append("</int>");
    } else if (v instanceof Long l) {
      xml.append("<i8>").append(l).append("</i8>");
    } else if (v instanceof Boolean b) {
      xml.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
    } else if (v instanceof Double d) {
      xml.append("<double>").append(d).append("</double>");
    } else if (v instanceof byte[] bytes) {
      xml.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
    } else if (v instanceof Instant t) {
      xml.append("<dateTime.iso8601>").append(t).append("</dateTime.iso8601>");
    } else if (v instanceof List<?> list) {
      xml.append("<array><data>");
      for (Object item : list) {
        value(item, xml);
      }
      xml.append("</data></array>");
    } else if (v instanceof Map<?, ?> map) {
      xml.append("<struct>");
      for (Map.Entry<?, ?> member : map.entrySet()) {
        xml.append("<member><name>");
        escape(String.valueOf(member.getKey()), xml);
        xml.append("</name>");
        value(member.getValue(), xml);
        xml.append("</member>");
      }
      xml.append("</struct>");
    } else {
      throw new IllegalArgumentException(
          "No XML-RPC type for " + (v == null ? "null" : v.getClass().getName()));
    }
    xml.append("</value>");
  }

  static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * The value of a {@code <methodResponse>}.
   *
   * @throws XmlRpcFault when the response is a {@code <fault>}
   */
  public static Object parseResponse(String xml) throws XmlRpcFault, MalformedXmlRpcException {
    XMLStreamReader in = open(xml);
    try {
      expectStart(in, "methodResponse");
      nextStart(in);
      if ("fault".equals(in.getLocalName())) {
        nextStart(in);
        Object fault = readValue(in);
        if (!(fault instanceof Map<?, ?> members)
            || !(members.get("faultCode") instanceof Integer code)) {
          throw new MalformedXmlRpcException("fault without an integer faultCode");
        }
        throw new XmlRpcFault(code, String.valueOf(members.get("faultString")));
      }
      requireName(in, "params");
      nextStart(in);
      requireName(in, "param");
      nextStart(in);
      return readValue(in);
    } catch (XMLStreamException | RuntimeException e) {
      throw new MalformedXmlRpcException("Not an XML-RPC response: " + e.getMessage(), e);
    } finally {
      close(in);
    }
  }

  /** Reads a {@code <value>}; the reader stands on its start tag and ends on its end tag. */
  static Object readValue(XMLStreamReader in) throws XMLStreamException, MalformedXmlRpcException {
    requireName(in, "value");
    StringBuilder untyped = new StringBuilder();
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        untyped.append(in.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        Object typed = readTyped(in);
        skipToEnd(in, "value");
        return typed;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        return untyped.toString(); // a value without type is a string
      }
    }
    throw new MalformedXmlRpcException("unterminated <value>");
  }

  private static Object readTyped(XMLStreamReader in)
      throws XMLStreamException, MalformedXmlRpcException {
    String type = in.getLocalName();
    switch (type) {
      case "string":
        return in.getElementText();
      case "int":
      case "i4":
        return Integer.valueOf(in.getElementText().trim());
      case "i8":
        return Long.valueOf(in.getElementText().trim());
      case "boolean":
        {
          String b = in.getElementText().trim();
          if (!b.equals("0") && !b.equals("1")) {
            throw new MalformedXmlRpcException("boolean must be 0 or 1, got " + b);
          }
          return b.equals("1");
        }
      case "double":
        return Double.valueOf(in.getElementText().trim());
      case "base64":
        return Base64.getMimeDecoder().decode(in.getElementText().trim());
      case "dateTime.iso8601":
        return in.getElementText().trim();
      case "nil":
        skipToEnd(in, "nil");
        return null;
      case "array":
        {
          List<Object> items = new ArrayList<>();
          nextStart(in);
          requireName(in, "data");
          while (nextStartOrEnd(in, "data")) {
            items.add(readValue(in));
          }
          skipToEnd(in, "array");
          return items;
        }
      case "struct":
        {
          Map<String, Object> members = new LinkedHashMap<>();
          while (nextStartOrEnd(in, "struct")) {
            requireName(in, "member");
            nextStart(in);
            requireName(in, "name");
            String name = in.getElementText();
            nextStart(in);
            members.put(name, readValue(in));
            skipToEnd(in, "member");
          }
          return members;
        }
      default:
        throw new MalformedXmlRpcException("unknown XML-RPC type <" + type + ">");
    }
  }

  // ---------------------------------------------------------------- StAX helpers

  static XMLStreamReader open(String xml) throws MalformedXmlRpcException {
    try {
      return FACTORY.createXMLStreamReader(new StringReader(xml));
    } catch (XMLStreamException e) {
      throw new MalformedXmlRpcException("unreadable XML: " + e.getMessage(), e);
    }
  }

  static void close(XMLStreamReader in) {
    try {
      in.close();
    } catch (XMLStreamException ignored) {
      // nothing held
    }
  }

  static void expectStart(XMLStreamReader in, String name)
      throws XMLStreamException, MalformedXmlRpcException {
    nextStart(in);
    requireName(in, name);
  }

  static void nextStart(XMLStreamReader in) throws XMLStreamException, MalformedXmlRpcException {
    while (in.hasNext()) {
      if (in.next() == XMLStreamConstants.START_ELEMENT) {
        return;
      }
    }
    throw new MalformedXmlRpcException("document ends early");
  }

  /** Moves to the next start tag, or returns false at the end tag {@code end}. */
  static boolean nextStartOrEnd(XMLStreamReader in, String end)
      throws XMLStreamException, MalformedXmlRpcException {
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT && end.equals(in.getLocalName())) {
        return false;
      }
    }
    throw new MalformedXmlRpcException("unterminated <" + end + ">");
  }

  private static void skipToEnd(XMLStreamReader in, String name)
      throws XMLStreamException, MalformedXmlRpcException {
    if (in.getEventType() == XMLStreamConstants.END_ELEMENT && name.equals(in.getLocalName())) {
      return;
    }
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.END_ELEMENT && name.equals(in.getLocalName())) {
        return;
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        throw new MalformedXmlRpcException(
            "unexpected <" + in.getLocalName() + "> inside <" + name + ">");
      }
    }
    throw new MalformedXmlRpcException("unterminated <" + name + ">");
  }

  static void requireName(XMLStreamReader in, String name) throws MalformedXmlRpcException {
    if (!name.equals(in.getLocalName())) {
      throw new MalformedXmlRpcException(
          "expected <" + name + ">, found <" + in.getLocalName() + ">");
    }
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** UTF-8 bytes of a document, for transports. */
  public static byte[] utf8(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
