package eu.federa.cloud.xmlrpc;

import java.util.List;

/** A decoded {@code <methodCall>}. */
public record XmlRpcCall(String method, List<Object> params) {

  public XmlRpcCall {
    params = List.copyOf(params);
  }
}
