package eu.federa.cloud.xmlrpc;

/** A document that is not the XML-RPC it claims to be. */
public class MalformedXmlRpcException extends Exception {

  public MalformedXmlRpcException(String message) {
    super(message);
  }

  public MalformedXmlRpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
