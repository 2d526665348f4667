package eu.federa.cloud.xmlrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The server half of XML-RPC, for the OpenNebula simulator: calls in, responses and faults out. It
 * shares the client's encoding of values ({@link XmlRpc}), so both ends speak the same.
 */
public final class XmlRpcServer {

  private XmlRpcServer() {}

  public static String methodResponse(Object result) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param>");
    XmlRpc.value(result, xml);
    return xml.append("</param></params></methodResponse>").toString();
  }

  public static String fault(int code, String message) {
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><fault>");
    XmlRpc.value(Map.of("faultCode", code, "faultString", message), xml);
    return xml.append("</fault></methodResponse>").toString();
  }

  /** A {@code <methodCall>}, as a server receives it. */
  public static XmlRpcCall parseCall(String xml) throws MalformedXmlRpcException {
    XMLStreamReader in = XmlRpc.open(xml);
    try {
      XmlRpc.expectStart(in, "methodCall");
      XmlRpc.nextStart(in);
      XmlRpc.requireName(in, "methodName");
      String method = in.getElementText().trim();
      List<Object> params = new ArrayList<>();
      while (XmlRpc.nextStartOrEnd(in, "methodCall")) {
        if ("param".equals(in.getLocalName())) {
          XmlRpc.nextStart(in);
          params.add(XmlRpc.readValue(in));
        }
      }
      return new XmlRpcCall(method, params);
    } catch (XMLStreamException | RuntimeException e) {
      throw new MalformedXmlRpcException("Not an XML-RPC call: " + e.getMessage(), e);
    } finally {
      XmlRpc.close(in);
    }
  }
}
