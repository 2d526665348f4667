package eu.federa.cloud.xmlrpc;

/**
 * A standard XML-RPC {@code <fault>}: the server refused the call itself (unknown method, types).
 */
public class XmlRpcFault extends Exception {

  private final int faultCode;

  public XmlRpcFault(int faultCode, String faultString) {
    super(faultString);
    this.faultCode = faultCode;
  }

  public int faultCode() {
    return faultCode;
  }
}
